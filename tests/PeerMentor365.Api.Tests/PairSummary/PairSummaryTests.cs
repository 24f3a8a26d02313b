using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.SessionAgenda;

namespace PeerMentor365.Api.Tests.PairSummary;

/// <summary>GET /api/pairs/{pairId}/summary: the next session with whose turn it is, and the pair's short history, for members only.</summary>
[Collection(SharedApi.Name)]
public sealed class PairSummaryTests(ApiApplication app) : IDisposable
{
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);
    private readonly Member _chloe = new(app, Member.Chloe);
    private readonly SeriesWorld _world = new(app);

    [Fact]
    public async Task Sessions_held_the_next_session_commitments_and_goal_progress_are_counted_over_both_members()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        await CreateSessionAsync(_ana, pairId, -13);
        await CreateSessionAsync(_ana, pairId, -1);
        var next = await CreateSessionAsync(_ana, pairId, 1);
        await CreateSessionAsync(_ana, pairId, 15);
        await _ana.AddCommitmentAsync(pair, new { text = "Send Ben the RFC draft", due = Member.Date(10) });
        await _ben.AddCommitmentAsync(pair, new { text = "Book the design review room", due = Member.Date(-3) });
        var done = await _ben.AddCommitmentAsync(pair, new { text = "Read the incident report", due = Member.Date(2) });
        var dropped = await _ana.AddCommitmentAsync(pair, new { text = "Shadow the on-call lead", due = Member.Date(4) });
        await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{pairId}/commitments/{Member.IdOf(done)}", new { status = "done" }, Member.EtagOf(done));
        await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{pairId}/commitments/{Member.IdOf(dropped)}", new { status = "dropped" }, Member.EtagOf(dropped));
        await GoalAsync(_ana, pairId, progress: 30);
        await GoalAsync(_ben, pairId, progress: 75);
        await GoalAsync(_ben, pairId, progress: 100, status: "achieved");

        var anaSummary = await _ana.GetAsync(SummaryPath(pairId));
        var benSummary = await _ben.GetAsync(SummaryPath(pairId));

        Assert.Equal(anaSummary.GetRawText(), benSummary.GetRawText());
        var nextSession = anaSummary.GetProperty("nextSession");
        Assert.Equal(Member.IdOf(next), nextSession.GetProperty("sessionId").GetString());
        Assert.Equal(Member.At(1, 10), nextSession.GetProperty("start").GetString());
        Assert.Equal(Member.At(1, 11), nextSession.GetProperty("end").GetString());
        Assert.Equal(next.GetProperty("focusUserId").GetString(), nextSession.GetProperty("focusUserId").GetString());
        Assert.Equal(JsonValueKind.Null, nextSession.GetProperty("seriesId").ValueKind);
        Assert.Equal(2, anaSummary.GetProperty("sessionsHeld").GetInt32());
        var commitments = anaSummary.GetProperty("commitments");
        Assert.Equal((2, 1, 1, 1), (commitments.GetProperty("open").GetInt32(), commitments.GetProperty("overdue").GetInt32(), commitments.GetProperty("done").GetInt32(), commitments.GetProperty("dropped").GetInt32()));
        var goals = anaSummary.GetProperty("goals");
        Assert.Equal((2, 1, 53), (goals.GetProperty("active").GetInt32(), goals.GetProperty("achieved").GetInt32(), goals.GetProperty("averageProgress").GetInt32()));
    }

    [Fact]
    public async Task In_a_series_the_next_session_is_the_next_occurrence_with_a_session_the_agenda_opens_and_whose_turn_alternates()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var occurrences = await _world.OccurrencesAsync(Member.Ben, series, _world.Clock.Now, _world.Clock.Now.AddDays(60));
        var starts = occurrences.Select(o => o.GetProperty("originalStart").GetDateTimeOffset()).ToList();

        var before = await ben.GetAsync(SummaryPath(series.PairId));
        _world.Clock.Now = starts[0].AddHours(1).AddMinutes(1);
        var afterFirst = await ben.GetAsync(SummaryPath(series.PairId));
        var second = afterFirst.GetProperty("nextSession");
        var lookedUp = await SeriesWorld.LookUpAsync(ben, Member.IdOf(occurrences[1]));
        var agenda = await ben.GetAsync($"/api/pairs/{series.PairId}/sessions/{second.GetProperty("sessionId").GetString()}/agenda");
        _world.Clock.Now = starts[^1].AddHours(2);
        var afterLast = await ana.GetAsync(SummaryPath(series.PairId));

        Assert.Equal(8, starts.Count);
        Assert.Equal(0, before.GetProperty("sessionsHeld").GetInt32());
        var first = before.GetProperty("nextSession");
        Assert.Equal(series.FirstSessionId, first.GetProperty("sessionId").GetString());
        Assert.Equal(series.SeriesId, first.GetProperty("seriesId").GetString());
        Assert.Equal(SeriesWorld.Iso(starts[0]), first.GetProperty("start").GetString());
        Assert.Equal(1, afterFirst.GetProperty("sessionsHeld").GetInt32());
        Assert.Equal(SeriesWorld.Iso(starts[1]), second.GetProperty("start").GetString());
        Assert.Equal(SeriesWorld.Iso(starts[1].AddHours(1)), second.GetProperty("end").GetString());
        Assert.Equal(lookedUp.GetProperty("sessionId").GetString(), second.GetProperty("sessionId").GetString());
        Assert.Equal(second.GetProperty("focusUserId").GetString(), agenda.GetProperty("session").GetProperty("focusUserId").GetString());
        Assert.Equal(new[] { ana.Id, ben.Id }.Order(), new[] { first.GetProperty("focusUserId").GetString()!, second.GetProperty("focusUserId").GetString()! }.Order());
        Assert.Equal(JsonValueKind.Null, afterLast.GetProperty("nextSession").ValueKind);
        Assert.Equal(8, afterLast.GetProperty("sessionsHeld").GetInt32());
    }

    [Fact]
    public async Task A_proposed_pair_has_nothing_yet_and_only_its_members_may_read_it()
    {
        var proposed = await _ana.ProposeAsync([Member.Ben]);
        var pairId = Member.IdOf(proposed);
        await _ana.AddCommitmentAsync(proposed, new { text = "Secret plan for the reorg" });
        using var anonymous = new Member(app, null);

        var invited = await _ben.GetAsync(SummaryPath(pairId));
        using var outsider = await _chloe.SendAsync(HttpMethod.Get, SummaryPath(pairId));
        var outsiderText = await outsider.Content.ReadAsStringAsync();
        using var unknown = await _ana.SendAsync(HttpMethod.Get, SummaryPath("p_0000000000000000"));
        using var noToken = await anonymous.SendAsync(HttpMethod.Get, SummaryPath(pairId));

        Assert.Equal(JsonValueKind.Null, invited.GetProperty("nextSession").ValueKind);
        Assert.Equal(0, invited.GetProperty("sessionsHeld").GetInt32());
        Assert.Equal(1, invited.GetProperty("commitments").GetProperty("open").GetInt32());
        Assert.Equal(JsonValueKind.Null, invited.GetProperty("goals").GetProperty("averageProgress").ValueKind);
        await ProblemAssert.IsProblemAsync(outsider, HttpStatusCode.NotFound);
        Assert.DoesNotContain("reorg", outsiderText, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
        _chloe.Dispose();
        _world.Dispose();
    }

    private static string SummaryPath(string pairId) => $"/api/pairs/{pairId}/summary";

    private static Task<JsonElement> CreateSessionAsync(Member who, string pairId, int daysFromToday) =>
        who.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/sessions", new { start = Member.At(daysFromToday, 10), end = Member.At(daysFromToday, 11) });

    private static async Task GoalAsync(Member owner, string pairId, int progress, string status = "active")
    {
        var goal = await owner.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/goals", new { title = "Run a design review", measure = "Two reviews led", targetDate = Member.Date(90) });
        await owner.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{pairId}/goals/{Member.IdOf(goal)}", new { progress, status }, Member.EtagOf(goal));
    }
}
