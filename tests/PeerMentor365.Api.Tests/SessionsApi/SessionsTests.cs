using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SessionsApi;

/// <summary>Sessions: the focus alternates between members; each person sees only their own rating and note.</summary>
[Collection(SharedApi.Name)]
public sealed class SessionsTests(ApiApplication app) : IDisposable
{
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);
    private readonly Member _chloe = new(app, Member.Chloe);

    [Fact]
    public async Task The_focus_takes_turns_in_member_order_and_sessions_list_latest_first()
    {
        var pair = await _ana.ActivePairAsync(_ben, _chloe);
        var path = $"/api/pairs/{Member.IdOf(pair)}/sessions";

        var focus = new List<string>();
        for (var week = 1; week <= 4; week++)
        {
            var session = await _ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { start = Member.At(7 * week, 14), end = Member.At(7 * week, 15) });
            focus.Add(session.GetProperty("focusUserId").GetString()!);
            Assert.Equal(JsonValueKind.Null, session.GetProperty("myRating").ValueKind);
        }

        var listed = (await _chloe.GetAsync(path)).GetProperty("sessions").EnumerateArray().ToList();

        Assert.Equal([_ana.Id, _ben.Id, _chloe.Id, _ana.Id], focus);
        Assert.Equal([Member.At(28, 14), Member.At(21, 14), Member.At(14, 14), Member.At(7, 14)], listed.Select(s => s.GetProperty("start").GetString()));
        Assert.Equal(Member.At(28, 15), listed[0].GetProperty("end").GetString());
    }

    [Fact]
    public async Task Sessions_created_at_once_never_share_a_turn()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var path = $"/api/pairs/{Member.IdOf(pair)}/sessions";

        var created = await Task.WhenAll(Enumerable.Range(1, 8).Select(day =>
            (day % 2 == 0 ? _ana : _ben).ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { start = Member.At(day, 9), end = Member.At(day, 10) })));

        var turns = created.Select(s => s.GetProperty("focusUserId").GetString()).GroupBy(id => id).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(4, turns[_ana.Id]);
        Assert.Equal(4, turns[_ben.Id]);
    }

    [Fact]
    public async Task A_session_that_has_not_started_cannot_be_rated_yet_and_nothing_is_stored()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var session = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/sessions", new { start = Member.At(1, 16), end = Member.At(1, 17) });

        var refused = await _ana.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"/api/pairs/{Member.IdOf(pair)}/sessions/{Member.IdOf(session)}/rating", new { rating = 5 });

        Assert.Contains("has not started yet", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/pairs/{Member.IdOf(pair)}/sessions", null);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("sessions")[0].GetProperty("myRating").ValueKind);
    }

    [Fact]
    public async Task Each_person_reads_only_their_own_rating_and_private_note()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var session = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/sessions", new { start = Member.At(-2, 16), end = Member.At(-2, 17) });
        var rating = $"/api/pairs/{Member.IdOf(pair)}/sessions/{Member.IdOf(session)}/rating";

        var anaRated = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, rating, new { rating = 4, privateNote = "Felt rushed at the end" });
        var benRated = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, rating, new { rating = 5 });
        var anaChanged = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, rating, new { rating = 3, privateNote = "Thinking it over, it was rushed" });
        using var benList = await _ben.SendAsync(HttpMethod.Get, $"/api/pairs/{Member.IdOf(pair)}/sessions");
        var benText = await benList.Content.ReadAsStringAsync();
        var anaSession = (await _ana.GetAsync($"/api/pairs/{Member.IdOf(pair)}/sessions")).GetProperty("sessions").EnumerateArray().Single();

        Assert.Equal(4, anaRated.GetProperty("myRating").GetProperty("rating").GetInt32());
        Assert.Equal(5, benRated.GetProperty("myRating").GetProperty("rating").GetInt32());
        Assert.Equal(JsonValueKind.Null, benRated.GetProperty("myRating").GetProperty("privateNote").ValueKind);
        Assert.Equal(3, anaChanged.GetProperty("myRating").GetProperty("rating").GetInt32());
        Assert.Equal(3, anaSession.GetProperty("myRating").GetProperty("rating").GetInt32());
        Assert.Equal("Thinking it over, it was rushed", anaSession.GetProperty("myRating").GetProperty("privateNote").GetString());
        Assert.DoesNotContain("rushed", benText, StringComparison.Ordinal);
        Assert.Equal(5, JsonDocument.Parse(benText).RootElement.GetProperty("sessions")[0].GetProperty("myRating").GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task Rating_an_unknown_session_is_a_404()
    {
        var pair = await _ana.ActivePairAsync(_ben);

        await _ana.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/api/pairs/{Member.IdOf(pair)}/sessions/s_0000000000000000/rating", new { rating = 4 });
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
        _chloe.Dispose();
    }
}
