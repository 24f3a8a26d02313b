using System.Net;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Storage;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>GET /api/pairs/{pairId}/sessions/{sessionId}/agenda: everything the Agenda view shows, for members only.</summary>
[Collection(SharedApi.Name)]
public sealed class AgendaViewTests(ApiApplication app) : IDisposable
{
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);
    private readonly Member _chloe = new(app, Member.Chloe);

    [Fact]
    public async Task The_agenda_holds_the_session_members_open_commitments_of_both_active_goals_and_the_next_session()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var session = await CreateSessionAsync(_ana, pairId, 1);
        await CreateSessionAsync(_ana, pairId, 15);
        await CreateSessionAsync(_ana, pairId, -13);
        var anaOpen = await _ana.AddCommitmentAsync(pair, new { text = "Send Ben the RFC draft", due = Member.Date(10) });
        var benLate = await _ben.AddCommitmentAsync(pair, new { text = "Book the design review room", due = Member.Date(-3) });
        var benDone = await _ben.AddCommitmentAsync(pair, new { text = "Read the incident report", due = Member.Date(2) });
        await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{pairId}/commitments/{Member.IdOf(benDone)}", new { status = "done" }, Member.EtagOf(benDone));
        var anaGoal = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/goals", new { title = "Run a design review", measure = "Two reviews led", targetDate = Member.Date(90) });
        var benGoal = await _ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/goals", new { title = "Speak at the guild", measure = "One talk given", targetDate = Member.Date(60) });
        var benAchieved = await _ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/goals", new { title = "Pair on on-call", measure = "Four shifts", targetDate = Member.Date(30) });
        await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{pairId}/goals/{Member.IdOf(benAchieved)}", new { progress = 100, status = "achieved" }, Member.EtagOf(benAchieved));

        using var response = await _ben.SendAsync(HttpMethod.Get, AgendaPath(pairId, Member.IdOf(session)));
        var agenda = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = agenda.GetProperty("session");
        Assert.Equal(Member.IdOf(session), shown.GetProperty("id").GetString());
        Assert.Equal(Member.At(1, 10), shown.GetProperty("start").GetString());
        Assert.Equal(Member.At(1, 11), shown.GetProperty("end").GetString());
        Assert.Equal(session.GetProperty("focusUserId").GetString(), shown.GetProperty("focusUserId").GetString());
        Assert.Equal(response.Headers.ETag!.ToString(), shown.GetProperty("etag").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("myRating").ValueKind);
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("agendaPage").ValueKind);
        Assert.Equal(
            [(_ana.Id, "Ana Souza", Member.Ana), (_ben.Id, "Ben Carter", Member.Ben)],
            agenda.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("userId").GetString(), m.GetProperty("displayName").GetString(), m.GetProperty("mail").GetString())));
        var commitments = agenda.GetProperty("commitments").EnumerateArray().ToList();
        Assert.Equal([Member.IdOf(benLate), Member.IdOf(anaOpen)], commitments.Select(Member.IdOf));
        Assert.Equal([true, false], commitments.Select(c => c.GetProperty("overdue").GetBoolean()));
        Assert.Equal([_ben.Id, _ana.Id], commitments.Select(c => c.GetProperty("ownerId").GetString()));
        Assert.Equal(
            [Member.IdOf(benGoal), Member.IdOf(anaGoal)],
            agenda.GetProperty("goals").EnumerateArray().Select(Member.IdOf));
        Assert.Equal(Member.At(15, 10), agenda.GetProperty("nextSession").GetProperty("start").GetString());
    }

    [Fact]
    public async Task Each_person_sees_their_own_rating_and_never_the_other_members_private_note()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var session = await CreateSessionAsync(_ana, pairId, -1);
        var rating = $"/api/pairs/{pairId}/sessions/{Member.IdOf(session)}/rating";
        await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, rating, new { rating = 2, privateNote = "Ben seemed distracted today" });
        await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, rating, new { rating = 5, privateNote = "Useful, we got to the point" });

        using var benResponse = await _ben.SendAsync(HttpMethod.Get, AgendaPath(pairId, Member.IdOf(session)));
        var benText = await benResponse.Content.ReadAsStringAsync();
        var anaAgenda = await _ana.GetAsync(AgendaPath(pairId, Member.IdOf(session)));

        Assert.Equal(HttpStatusCode.OK, benResponse.StatusCode);
        Assert.DoesNotContain("distracted", benText, StringComparison.Ordinal);
        var benRating = JsonDocument.Parse(benText).RootElement.GetProperty("session").GetProperty("myRating");
        Assert.Equal(5, benRating.GetProperty("rating").GetInt32());
        Assert.Equal("Useful, we got to the point", benRating.GetProperty("privateNote").GetString());
        Assert.Equal(2, anaAgenda.GetProperty("session").GetProperty("myRating").GetProperty("rating").GetInt32());
        Assert.DoesNotContain("got to the point", anaAgenda.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prepared_page_is_in_the_agenda_and_one_being_created_is_not()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var ready = await CreateSessionAsync(_ana, pairId, 3);
        var creating = await CreateSessionAsync(_ana, pairId, 17);
        await SetPageAsync(pairId, Member.IdOf(ready), "ready");
        await SetPageAsync(pairId, Member.IdOf(creating), "creating");

        var readyPage = (await _ben.GetAsync(AgendaPath(pairId, Member.IdOf(ready)))).GetProperty("session").GetProperty("agendaPage");
        var creatingPage = (await _ben.GetAsync(AgendaPath(pairId, Member.IdOf(creating)))).GetProperty("session").GetProperty("agendaPage");

        Assert.Equal("page-" + Member.IdOf(ready), readyPage.GetProperty("id").GetString());
        Assert.Equal("Peer mentoring – " + Member.Date(3), readyPage.GetProperty("title").GetString());
        Assert.Equal("https://onenote.example/" + Member.IdOf(ready), readyPage.GetProperty("webUrl").GetString());
        Assert.Equal("onenote:https://onenote.example/" + Member.IdOf(ready), readyPage.GetProperty("clientUrl").GetString());
        Assert.Equal(JsonValueKind.Null, creatingPage.ValueKind);
    }

    [Fact]
    public async Task A_non_member_an_unknown_session_and_a_malformed_id_are_404_and_no_token_is_401()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var session = await CreateSessionAsync(_ana, pairId, 2);
        await _ana.AddCommitmentAsync(pair, new { text = "Secret plan for the reorg" });
        var other = await _ana.ActivePairAsync(_chloe);
        using var anonymous = new Member(app, null);

        using var outsider = await _chloe.SendAsync(HttpMethod.Get, AgendaPath(pairId, Member.IdOf(session)));
        var outsiderText = await outsider.Content.ReadAsStringAsync();
        using var otherPair = await _chloe.SendAsync(HttpMethod.Get, AgendaPath(Member.IdOf(other), Member.IdOf(session)));
        using var unknown = await _ana.SendAsync(HttpMethod.Get, AgendaPath(pairId, "s_0000000000000000"));
        using var malformed = await _ana.SendAsync(HttpMethod.Get, AgendaPath(pairId, "s_'or'1'eq'1"));
        using var noToken = await anonymous.SendAsync(HttpMethod.Get, AgendaPath(pairId, Member.IdOf(session)));

        await ProblemAssert.IsProblemAsync(outsider, HttpStatusCode.NotFound);
        Assert.DoesNotContain("reorg", outsiderText, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(otherPair, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
        _chloe.Dispose();
    }

    private static string AgendaPath(string pairId, string sessionId) => $"/api/pairs/{pairId}/sessions/{sessionId}/agenda";

    private static Task<JsonElement> CreateSessionAsync(Member who, string pairId, int daysFromToday) =>
        who.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/sessions", new { start = Member.At(daysFromToday, 10), end = Member.At(daysFromToday, 11) });

    // The page columns a series session carries (docs/series-api.md), written as the series code writes them.
    private async Task SetPageAsync(string pairId, string sessionId, string state)
    {
        var tables = await app.Api.Services.GetRequiredService<MentoringTables>().GetAsync(CancellationToken.None);
        var page = new Azure.Data.Tables.TableEntity(pairId, sessionId)
        {
            ["PageState"] = state,
            ["PageId"] = "page-" + sessionId,
            ["PageTitle"] = "Peer mentoring – " + Member.Date(3),
            ["PageWebUrl"] = "https://onenote.example/" + sessionId,
            ["PageClientUrl"] = "onenote:https://onenote.example/" + sessionId,
        };
        await tables.Pairs.UpdateEntityAsync(page, ETag.All, Azure.Data.Tables.TableUpdateMode.Merge);
    }
}
