using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.GoalsApi;

/// <summary>Each member's SMART goals: add (owner = me), list everyone's, update (owner only).</summary>
[Collection(SharedApi.Name)]
public sealed class GoalsTests(ApiApplication app) : IDisposable
{
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);

    [Fact]
    public async Task Both_members_goals_are_listed_with_their_owner_and_progress()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var path = $"/api/pairs/{Member.IdOf(pair)}/goals";

        var anaGoal = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { title = "Run a design review", measure = "Two reviews led, feedback collected", targetDate = Member.Date(90) });
        var benGoal = await _ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, new { title = "Mentor a new hire", measure = "Weekly check-ins for a quarter", targetDate = Member.Date(120) });
        var goals = (await _ana.GetAsync(path)).GetProperty("goals").EnumerateArray().ToList();

        Assert.Equal(_ana.Id, anaGoal.GetProperty("ownerId").GetString());
        Assert.Equal(0, anaGoal.GetProperty("progress").GetInt32());
        Assert.Equal("active", anaGoal.GetProperty("status").GetString());
        Assert.Equal(Member.Date(90), anaGoal.GetProperty("targetDate").GetString());
        Assert.Matches("^g_", Member.IdOf(anaGoal));
        Assert.Equal(Member.IdOf(pair), anaGoal.GetProperty("pairId").GetString());
        Assert.Equal([Member.IdOf(benGoal), Member.IdOf(anaGoal)], goals.Select(Member.IdOf)); // newest first
        Assert.Equal(_ben.Id, goals[0].GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task The_owner_updates_progress_and_status_and_the_other_member_may_not()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var goal = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/goals", new { title = "Speak at a meetup", measure = "One talk given", targetDate = Member.Date(60) });
        var path = $"/api/pairs/{Member.IdOf(pair)}/goals/{Member.IdOf(goal)}";

        var forbidden = await _ben.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, path, new { progress = 100 }, Member.EtagOf(goal));
        var updated = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, new { progress = 40 }, Member.EtagOf(goal));
        var achieved = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, new { progress = 100, status = "achieved", title = "Speak at two meetups" }, Member.EtagOf(updated));

        Assert.Contains("owner", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(40, updated.GetProperty("progress").GetInt32());
        Assert.NotEqual(Member.EtagOf(goal), Member.EtagOf(updated));
        Assert.Equal("achieved", achieved.GetProperty("status").GetString());
        Assert.Equal("Speak at two meetups", achieved.GetProperty("title").GetString());
        Assert.Equal("One talk given", achieved.GetProperty("measure").GetString());
        var stored = (await _ben.GetAsync($"/api/pairs/{Member.IdOf(pair)}/goals")).GetProperty("goals").EnumerateArray().Single();
        Assert.Equal(Member.EtagOf(achieved), Member.EtagOf(stored));
    }

    [Fact]
    public async Task A_stale_goal_update_is_a_412_listing_what_changed()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var goal = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/goals", new { title = "Write a design doc", measure = "Doc reviewed", targetDate = Member.Date(45) });
        var path = $"/api/pairs/{Member.IdOf(pair)}/goals/{Member.IdOf(goal)}";
        await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, new { progress = 20 }, Member.EtagOf(goal));

        var stale = await _ana.ExpectAsync(HttpStatusCode.PreconditionFailed, HttpMethod.Patch, path, new { title = "Write two design docs" }, Member.EtagOf(goal));

        Assert.Equal(["progress"], stale.GetProperty("changed").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal(20, stale.GetProperty("current").GetProperty("progress").GetInt32());
        Assert.Equal("Write a design doc", stale.GetProperty("current").GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_unknown_goal_is_a_404()
    {
        var pair = await _ana.ActivePairAsync(_ben);

        await _ana.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Patch, $"/api/pairs/{Member.IdOf(pair)}/goals/g_0000000000000000", new { progress = 10 }, "W/\"eA\"");
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
    }
}
