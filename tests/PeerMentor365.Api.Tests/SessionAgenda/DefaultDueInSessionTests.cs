using System.Globalization;
using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>
/// A commitment made in a session without a due date is due at the session after that one (the pane may be opened on
/// a session before it starts, when "the pair's next session" would be the session itself).
/// </summary>
[Collection(SharedApi.Name)]
public sealed class DefaultDueInSessionTests(ApiApplication app) : IDisposable
{
    private readonly SeriesWorld _world = new(app);
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);

    [Fact]
    public async Task In_a_series_session_before_it_starts_the_default_due_date_is_the_next_sessions()
    {
        var ana = _world.As(Member.Ana);
        var series = await _world.CreateSeriesAsync(ana, _world.As(Member.Ben));
        var pair = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/pairs/{series.PairId}");

        var made = await ana.AddCommitmentAsync(pair, new { text = "Draft the RFC", sessionId = series.FirstSessionId });

        // Weekly at 15:00 London from tomorrow: the second session is a week after the first, the same date in São Paulo.
        var second = DateOnly.FromDateTime(_world.Clock.Now.UtcDateTime).AddDays(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(second, made.GetProperty("due").GetString());
        Assert.Equal(series.FirstSessionId, made.GetProperty("createdInSession").GetString());
    }

    [Fact]
    public async Task In_a_single_session_the_default_due_date_is_the_pairs_session_after_it_and_outside_one_the_next_from_now()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var first = await CreateSessionAsync(pairId, 2);
        await CreateSessionAsync(pairId, 16);

        var inSession = await _ana.AddCommitmentAsync(pair, new { text = "Book the room", sessionId = Member.IdOf(first) });
        var outside = await _ana.AddCommitmentAsync(pair, new { text = "Read the report" });

        // 10:00Z is 07:00 in São Paulo (Ana's zone): the same dates.
        Assert.Equal(Member.Date(16), inSession.GetProperty("due").GetString());
        Assert.Equal(Member.Date(2), outside.GetProperty("due").GetString());
    }

    public void Dispose()
    {
        _world.Dispose();
        _ana.Dispose();
        _ben.Dispose();
    }

    private Task<JsonElement> CreateSessionAsync(string pairId, int daysFromToday) =>
        _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/sessions", new { start = Member.At(daysFromToday, 10), end = Member.At(daysFromToday, 11) });
}
