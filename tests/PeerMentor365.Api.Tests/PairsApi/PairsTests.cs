using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>Pairs and agreements end to end: propose, read, accept, edit, pause, resume, close.</summary>
[Collection(SharedApi.Name)]
public sealed class PairsTests(ApiApplication app) : IDisposable
{
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);
    private readonly Member _chloe = new(app, Member.Chloe);

    [Fact]
    public async Task A_proposal_is_proposed_with_the_proposer_accepted_and_peers_resolved_through_one_Graph_request()
    {
        app.DevTenant.Requests.Clear();

        using var response = await _ana.SendAsync(HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben, Member.Chloe }, agreement = Member.Agreement() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pair = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = Member.IdOf(pair);
        Assert.Matches("^p_[0-9a-hjkmnp-tv-z]{16}$", id);
        Assert.Equal($"/api/pairs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(Member.EtagOf(pair), response.Headers.ETag?.ToString());
        Assert.Equal("proposed", pair.GetProperty("status").GetString());
        Assert.Equal(_ana.Id, pair.GetProperty("proposedBy").GetString());
        var members = pair.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal([_ana.Id, _ben.Id, _chloe.Id], members.Select(m => m.GetProperty("userId").GetString()));
        Assert.Equal(["Ana Souza", "Ben Carter", "Chloé Martin"], members.Select(m => m.GetProperty("displayName").GetString()));
        Assert.Equal(JsonValueKind.String, members[0].GetProperty("acceptedAt").ValueKind);
        Assert.All(members.Skip(1), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("acceptedAt").ValueKind));
        var agreement = pair.GetProperty("agreement");
        Assert.Equal("every2Weeks", agreement.GetProperty("cadence").GetString());
        Assert.Equal(60, agreement.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(Member.Date(7), agreement.GetProperty("startDate").GetString());
        Assert.Equal(JsonValueKind.Null, pair.GetProperty("closedAt").ValueKind);
        Assert.EndsWith("Z", pair.GetProperty("createdAt").GetString(), StringComparison.Ordinal);

        var graph = Assert.Single(app.DevTenant.Requests.Snapshot());
        Assert.Equal("/users", graph.Path);
    }

    [Fact]
    public async Task Every_member_sees_the_pair_in_their_list_newest_first_and_can_read_it()
    {
        var older = await _ana.ProposeAsync([Member.Ben]);
        var newer = await _ana.ProposeAsync([Member.Ben, Member.Chloe]);

        var anaList = (await _ana.GetAsync("/api/pairs")).GetProperty("pairs").EnumerateArray().Select(Member.IdOf).ToList();
        var benList = (await _ben.GetAsync("/api/pairs")).GetProperty("pairs").EnumerateArray().Select(Member.IdOf).ToList();
        var chloeList = (await _chloe.GetAsync("/api/pairs")).GetProperty("pairs").EnumerateArray().Select(Member.IdOf).ToList();

        Assert.True(anaList.IndexOf(Member.IdOf(newer)) < anaList.IndexOf(Member.IdOf(older)), "newest first");
        Assert.Contains(Member.IdOf(older), benList);
        Assert.Contains(Member.IdOf(newer), benList);
        Assert.Contains(Member.IdOf(newer), chloeList);
        Assert.DoesNotContain(Member.IdOf(older), chloeList);
        var read = await _chloe.GetAsync($"/api/pairs/{Member.IdOf(newer)}");
        Assert.Equal(Member.EtagOf(newer), Member.EtagOf(read));
    }

    [Fact]
    public async Task The_pair_becomes_active_when_the_last_member_accepts()
    {
        var pair = await _ana.ProposeAsync([Member.Ben, Member.Chloe]);

        var afterBen = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/accept", null, Member.EtagOf(pair));
        var afterChloe = await _chloe.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/accept", null, Member.EtagOf(afterBen));

        Assert.Equal("proposed", afterBen.GetProperty("status").GetString());
        Assert.NotEqual(Member.EtagOf(pair), Member.EtagOf(afterBen));
        Assert.Equal("active", afterChloe.GetProperty("status").GetString());
        Assert.All(afterChloe.GetProperty("members").EnumerateArray(), m => Assert.Equal(JsonValueKind.String, m.GetProperty("acceptedAt").ValueKind));
    }

    [Fact]
    public async Task Changing_the_agreement_clears_the_others_acceptances_and_sends_an_active_pair_back_to_proposed()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var agreement = Member.Agreement("Practise giving feedback", "weekly");

        var changed = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/pairs/{Member.IdOf(pair)}/agreement", agreement, Member.EtagOf(pair));

        Assert.Equal("proposed", changed.GetProperty("status").GetString());
        Assert.Equal("Practise giving feedback", changed.GetProperty("agreement").GetProperty("purpose").GetString());
        Assert.Equal("weekly", changed.GetProperty("agreement").GetProperty("cadence").GetString());
        var members = changed.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("userId").GetString()!);
        Assert.Equal(JsonValueKind.Null, members[_ana.Id].GetProperty("acceptedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, members[_ben.Id].GetProperty("acceptedAt").ValueKind);

        var accepted = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/accept", null, Member.EtagOf(changed));
        Assert.Equal("active", accepted.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Either_member_pauses_and_resumes_and_resume_only_works_from_paused()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var id = Member.IdOf(pair);

        var resumeActive = await _ben.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/pairs/{id}/resume", null, Member.EtagOf(pair));
        var paused = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{id}/pause", null, Member.EtagOf(pair));
        var pauseAgain = await _ana.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/pairs/{id}/pause", null, Member.EtagOf(paused));
        var resumed = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{id}/resume", null, Member.EtagOf(paused));

        Assert.Contains("paused", resumeActive.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal(409, pauseAgain.GetProperty("status").GetInt32());
        Assert.Equal("active", resumed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_proposed_pair_cannot_be_paused()
    {
        var pair = await _ana.ProposeAsync([Member.Ben]);

        await _ana.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/pause", null, Member.EtagOf(pair));
    }

    [Fact]
    public async Task Closing_is_no_fault_by_any_member_and_final()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var id = Member.IdOf(pair);

        var closed = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{id}/close", new { note = "Thank you, this helped." }, Member.EtagOf(pair));

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(_ben.Id, closed.GetProperty("closedBy").GetString());
        Assert.Equal("Thank you, this helped.", closed.GetProperty("closingNote").GetString());
        Assert.Equal(JsonValueKind.String, closed.GetProperty("closedAt").ValueKind);
        var etag = Member.EtagOf(closed);
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, $"/api/pairs/{id}/resume", null),
            (HttpMethod.Post, $"/api/pairs/{id}/pause", null),
            (HttpMethod.Post, $"/api/pairs/{id}/accept", null),
            (HttpMethod.Post, $"/api/pairs/{id}/close", null),
            (HttpMethod.Put, $"/api/pairs/{id}/agreement", Member.Agreement("Again")),
            (HttpMethod.Post, $"/api/pairs/{id}/goals", new { title = "Lead a review", measure = "One review", targetDate = Member.Date(30) }),
            (HttpMethod.Post, $"/api/pairs/{id}/commitments", new { text = "Send notes", due = Member.Date(3) }),
        })
        {
            var problem = await _ana.ExpectAsync(HttpStatusCode.Conflict, method, path, body, etag);
            Assert.Contains("closed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(etag, Member.EtagOf(await _ana.GetAsync($"/api/pairs/{id}")));
    }

    [Fact]
    public async Task A_close_without_a_body_is_fine()
    {
        var pair = await _ana.ProposeAsync([Member.Ben]);

        var closed = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/close", null, Member.EtagOf(pair));

        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closingNote").ValueKind);
    }

    [Fact]
    public async Task Accepting_twice_changes_nothing()
    {
        var pair = await _ana.ProposeAsync([Member.Ben]);

        var again = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/accept", null, Member.EtagOf(pair));

        Assert.Equal(Member.EtagOf(pair), Member.EtagOf(again));
        Assert.Equal("proposed", again.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("nobody.here@contoso.dev", "No one in your organization")] // unknown in the directory
    [InlineData(ApiApplication.Ana, "is you")] // the proposer
    [InlineData("ANA.SOUZA@contoso.dev", "is you")] // the proposer, in other letters
    public async Task A_peer_who_cannot_be_a_peer_is_a_400_naming_peers(string peer, string message)
    {
        using var response = await _ana.SendAsync(HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben, peer }, agreement = Member.Agreement() });

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "peers");
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_group_of_four_is_fine_and_a_fifth_member_is_a_400()
    {
        var four = await _ana.ProposeAsync([Member.Ben, Member.Chloe, Member.Dev]);
        using var five = await _ana.SendAsync(HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben, Member.Chloe, Member.Dev, Member.Emma }, agreement = Member.Agreement() });

        Assert.Equal(4, four.GetProperty("members").GetArrayLength());
        var messages = await ProblemAssert.IsValidationProblemAsync(five, "peers");
        Assert.Contains(messages, m => m.Contains("at most 4", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
        _chloe.Dispose();
    }
}
