using System.Globalization;
using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.CommitmentsApi;

/// <summary>
/// Dates that depend on the clock and on the person's zone, with the app's clock set by the test: the default due
/// date (next session, else today + cadence, in the caller's mailbox zone) and when a commitment turns overdue.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class CommitmentDatesTests : IDisposable
{
    // Tomorrow (UTC) at 01:30Z: still today in São Paulo (UTC-3) and in Seattle, already tomorrow in UTC.
    private static readonly DateOnly Tomorrow = Member.TodayUtc.AddDays(1);
    private readonly AdjustableClock _clock = new(new DateTimeOffset(Tomorrow.ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero));
    private readonly IsolatedApi _api;

    public CommitmentDatesTests(ApiApplication app) => _api = new IsolatedApi(app, _clock);

    [Fact]
    public async Task Without_a_session_the_default_due_date_is_today_in_my_zone_plus_the_cadence()
    {
        using var ana = _api.As(Member.Ana);
        using var ben = _api.As(Member.Ben);
        var pair = await ana.ActivePairAsync(ben);

        var commitment = await ana.AddCommitmentAsync(pair, new { text = "Read the chapter on feedback" });

        // every2Weeks from Ana's today (the day before tomorrow in UTC), not from the UTC date.
        Assert.Equal(Format(Tomorrow.AddDays(-1 + 14)), commitment.GetProperty("due").GetString());
    }

    [Fact]
    public async Task A_zone_ahead_of_UTC_and_a_monthly_cadence_count_from_that_zones_today()
    {
        using var hiro = _api.As("hiro.tanaka@contoso.dev");
        using var ben = _api.As(Member.Ben);
        var agreement = Member.Agreement(cadence: "monthly");
        agreement["startDate"] = Format(Tomorrow.AddDays(7));
        agreement["plannedEndDate"] = Format(Tomorrow.AddDays(180));
        _clock.Now = new DateTimeOffset(Tomorrow.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero); // already the day after in Tokyo
        var pair = await hiro.ProposeAsync([Member.Ben], agreement);

        var commitment = await hiro.AddCommitmentAsync(pair, new { text = "Sketch the architecture" });

        Assert.Equal(Format(Tomorrow.AddDays(1).AddMonths(1)), commitment.GetProperty("due").GetString());
    }

    [Fact]
    public async Task With_a_future_session_the_default_due_date_is_that_sessions_date_in_my_zone()
    {
        using var ana = _api.As(Member.Ana);
        using var ben = _api.As(Member.Ben);
        var pair = await ana.ActivePairAsync(ben);
        var path = $"/api/pairs/{Member.IdOf(pair)}/sessions";
        // The next session starts at 02:00Z three days after tomorrow: 23:00 the evening before in São Paulo.
        await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { start = Instant(Tomorrow.AddDays(3), 2), end = Instant(Tomorrow.AddDays(3), 3) });
        await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { start = Instant(Tomorrow.AddDays(10), 15), end = Instant(Tomorrow.AddDays(10), 16) });
        await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { start = Instant(Tomorrow.AddDays(-5), 15), end = Instant(Tomorrow.AddDays(-5), 16) });

        var commitment = await ana.AddCommitmentAsync(pair, new { text = "Bring two questions" });

        Assert.Equal(Format(Tomorrow.AddDays(2)), commitment.GetProperty("due").GetString());
    }

    [Fact]
    public async Task A_commitment_turns_overdue_once_its_due_day_has_ended_everywhere()
    {
        using var ana = _api.As(Member.Ana);
        using var ben = _api.As(Member.Ben);
        var pair = await ana.ActivePairAsync(ben);
        var due = Tomorrow;
        var commitment = await ana.AddCommitmentAsync(pair, new { text = "Send the agenda", due = Format(due) });
        var path = $"/api/pairs/{Member.IdOf(pair)}/commitments";

        // The due day ends last at UTC-12, i.e. at 12:00Z the next day.
        _clock.Now = new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(11, 59, 59)), TimeSpan.Zero);
        var lastSecond = (await ana.GetAsync(path)).GetProperty("commitments").EnumerateArray().Single();
        _clock.Now = new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var over = (await ana.GetAsync(path)).GetProperty("commitments").EnumerateArray().Single();

        Assert.False(commitment.GetProperty("overdue").GetBoolean());
        Assert.False(lastSecond.GetProperty("overdue").GetBoolean());
        Assert.True(over.GetProperty("overdue").GetBoolean());
    }

    public void Dispose() => _api.Dispose();

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateOnly date, int hour) => $"{Format(date)}T{hour:00}:00:00Z";
}
