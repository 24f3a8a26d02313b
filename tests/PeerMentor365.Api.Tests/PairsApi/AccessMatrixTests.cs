using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>
/// Every pairs, goals, commitments, sessions and admin route, called by a member, by someone in the same tenant who
/// is not a member, and with no token. A route the app serves but this table does not list fails the test.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class AccessMatrixTests(ApiApplication app)
{
    private static readonly Dictionary<string, Route> Routes = new Route[]
    {
        new("GET /api/pairs", HttpStatusCode.OK, HttpStatusCode.OK, s => (HttpMethod.Get, "/api/pairs", null, null)),
        new("POST /api/pairs", HttpStatusCode.Created, HttpStatusCode.Created, s => (HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben }, agreement = Member.Agreement() }, null)),
        new("GET /api/pairs/{pairId}", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, s.Pair, null, null)),
        new("PUT /api/pairs/{pairId}/agreement", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Put, $"{s.Pair}/agreement", Member.Agreement("Changed purpose"), s.PairEtag)),
        new("POST /api/pairs/{pairId}/accept", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/accept", null, s.PairEtag)),
        new("POST /api/pairs/{pairId}/pause", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/pause", null, s.PairEtag)),
        new("POST /api/pairs/{pairId}/resume", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/resume", null, s.PairEtag), Paused: true),
        new("POST /api/pairs/{pairId}/close", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/close", new { note = "Thanks" }, s.PairEtag)),
        new("GET /api/pairs/{pairId}/goals", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/goals", null, null)),
        new("POST /api/pairs/{pairId}/goals", HttpStatusCode.Created, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/goals", new { title = "Lead a retro", measure = "Two retros", targetDate = Member.Date(30) }, null)),
        new("PATCH /api/pairs/{pairId}/goals/{goalId}", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Patch, s.Goal, new { progress = 50 }, s.GoalEtag)),
        new("GET /api/pairs/{pairId}/commitments", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/commitments?status=all", null, null)),
        new("POST /api/pairs/{pairId}/commitments", HttpStatusCode.Created, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "Share notes", due = Member.Date(5) }, null)),
        new("PATCH /api/pairs/{pairId}/commitments/{commitmentId}", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Patch, s.Commitment, new { status = "done" }, s.CommitmentEtag)),
        new("GET /api/pairs/{pairId}/sessions", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/sessions", null, null)),
        new("POST /api/pairs/{pairId}/sessions", HttpStatusCode.Created, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/sessions", new { start = Member.At(3, 15), end = Member.At(3, 16) }, null)),
        new("PUT /api/pairs/{pairId}/sessions/{sessionId}/rating", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Put, $"{s.Session}/rating", new { rating = 4, privateNote = "Good" }, null)),
        new("GET /api/pairs/{pairId}/sessions/{sessionId}/agenda", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Session}/agenda", null, null)),
        new("GET /api/pairs/{pairId}/summary", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/summary", null, null)),
        new("GET /api/pairs/{pairId}/series", HttpStatusCode.OK, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/series", null, null)),
        // Without an Idempotency-Key a member's create is a 400 (creating is covered in SeriesApi); an outsider still sees no pair.
        new("POST /api/pairs/{pairId}/series", HttpStatusCode.BadRequest, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/series", new { firstStart = "2030-01-07T10:00:00", anchorTimeZone = "Europe/London" }, null)),
        new("GET /api/pairs/{pairId}/series/{seriesId}", HttpStatusCode.NotFound, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/series/e_0000000000000000", null, null)),
        // Managing a series: an unknown series of the member's own pair is a 404 (managing a real one: SeriesManagement tests).
        new("PATCH /api/pairs/{pairId}/series/{seriesId}", HttpStatusCode.NotFound, HttpStatusCode.NotFound, s => (HttpMethod.Patch, $"{s.Pair}/series/e_0000000000000000", new { firstStart = "2030-01-07T10:00:00" }, s.PairEtag)),
        new("GET /api/pairs/{pairId}/series/{seriesId}/occurrences", HttpStatusCode.NotFound, HttpStatusCode.NotFound, s => (HttpMethod.Get, $"{s.Pair}/series/e_0000000000000000/occurrences", null, null)),
        new("POST /api/pairs/{pairId}/series/{seriesId}/occurrences/reschedule", HttpStatusCode.NotFound, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/series/e_0000000000000000/occurrences/reschedule", new { occurrenceId = "AAMkAGI2", start = "2030-01-07T10:00:00Z" }, null)),
        new("POST /api/pairs/{pairId}/series/{seriesId}/occurrences/cancel", HttpStatusCode.NotFound, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/series/e_0000000000000000/occurrences/cancel", new { occurrenceId = "AAMkAGI2" }, null)),
        new("POST /api/pairs/{pairId}/series/{seriesId}/end", HttpStatusCode.NotFound, HttpStatusCode.NotFound, s => (HttpMethod.Post, $"{s.Pair}/series/e_0000000000000000/end", new { message = "Thank you" }, s.PairEtag)),
        // Program health: the "member" is the program admin; anyone else in the tenant lacks the role.
        new("GET /api/program-health", HttpStatusCode.OK, HttpStatusCode.Forbidden, s => (HttpMethod.Get, "/api/program-health", null, null), Admin: true),
    }.ToDictionary(route => route.Key);

    public static TheoryData<string> RouteKeys => [.. Routes.Keys];

    [Fact]
    public void The_table_lists_exactly_the_routes_the_app_serves()
    {
        var served = app.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/pairs", StringComparison.Ordinal)
                || endpoint.RoutePattern.RawText!.StartsWith("/api/program-health", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Routes.Keys.Order(StringComparer.Ordinal), served);
    }

    [Theory]
    [MemberData(nameof(RouteKeys))]
    public async Task A_member_is_served_a_non_member_sees_nothing_and_no_token_is_401(string key)
    {
        var route = Routes[key];
        using var ana = new Member(app, Member.Ana);
        using var ben = new Member(app, Member.Ben);
        using var finn = new Member(app, Member.Finn);
        using var priya = new Member(app, Member.Priya);
        using var anonymous = new Member(app, null);
        var scenario = await Scenario.CreateAsync(ana, ben, route.Paused);
        var member = route.Admin ? priya : ana;
        var outsider = route.Admin ? ana : finn;

        var (method, path, body, ifMatch) = route.Request(scenario);
        using var asAnonymous = await anonymous.SendAsync(method, path, body, ifMatch);
        using var asOutsider = await outsider.SendAsync(method, path, body, ifMatch);
        var unchanged = await scenario.SnapshotAsync(ana);
        using var asMember = await member.SendAsync(method, path, body, ifMatch);

        await ProblemAssert.IsProblemAsync(asAnonymous, HttpStatusCode.Unauthorized);
        if (route.Outsider == HttpStatusCode.NotFound)
        {
            var problem = await ProblemAssert.IsProblemAsync(asOutsider, HttpStatusCode.NotFound);
            Assert.Equal("There is no such pair among yours.", problem.GetProperty("detail").GetString());
            Assert.Equal(scenario.Before, unchanged);
        }
        else if (route.Outsider == HttpStatusCode.Forbidden)
        {
            await ProblemAssert.IsProblemAsync(asOutsider, HttpStatusCode.Forbidden);
        }
        else
        {
            Assert.Equal(route.Outsider, asOutsider.StatusCode);
            Assert.DoesNotContain(scenario.PairId, await asOutsider.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(route.Member == asMember.StatusCode, $"{key} as a member: {(int)asMember.StatusCode} {await asMember.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task An_unknown_pair_looks_exactly_like_someone_elses()
    {
        using var ana = new Member(app, Member.Ana);
        using var ben = new Member(app, Member.Ben);
        using var finn = new Member(app, Member.Finn);
        var pair = await ana.ProposeAsync([Member.Ben]);

        var someoneElses = await finn.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/pairs/{Member.IdOf(pair)}");
        var unknown = await finn.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/pairs/p_0000000000000000");
        var malformed = await finn.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/pairs/not-an-id");

        Assert.Equal(Without(someoneElses, "traceId"), Without(unknown, "traceId"));
        Assert.Equal(Without(someoneElses, "traceId"), Without(malformed, "traceId"));
    }

    private static string Without(JsonElement problem, string property) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value.ToString()));

    private sealed record Route(
        string Key,
        HttpStatusCode Member,
        HttpStatusCode Outsider,
        Func<Scenario, (HttpMethod Method, string Path, object? Body, string? IfMatch)> Request,
        bool Paused = false,
        bool Admin = false);

    /// <summary>An active pair of Ana and Ben with one goal of Ana's, one commitment and one session.</summary>
    private sealed record Scenario(string PairId, string PairEtag, string Goal, string GoalEtag, string Commitment, string CommitmentEtag, string Session, string Before)
    {
        public string Pair => $"/api/pairs/{PairId}";

        public static async Task<Scenario> CreateAsync(Member ana, Member ben, bool paused)
        {
            var pair = await ana.ActivePairAsync(ben);
            if (paused)
            {
                pair = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/pause", null, Member.EtagOf(pair));
            }

            var path = $"/api/pairs/{Member.IdOf(pair)}";
            var goal = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/goals", new { title = "Coach a peer", measure = "Six sessions", targetDate = Member.Date(60) });
            var commitment = await ana.AddCommitmentAsync(pair, new { text = "Send the reading list", due = Member.Date(4) });
            var session = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(-1, 15), end = Member.At(-1, 16) });
            var scenario = new Scenario(
                Member.IdOf(pair),
                Member.EtagOf(pair),
                $"{path}/goals/{Member.IdOf(goal)}",
                Member.EtagOf(goal),
                $"{path}/commitments/{Member.IdOf(commitment)}",
                Member.EtagOf(commitment),
                $"{path}/sessions/{Member.IdOf(session)}",
                string.Empty);
            return scenario with { Before = await scenario.SnapshotAsync(ana) };
        }

        /// <summary>Everything in the pair as a member reads it (etags included), to show that nothing changed.</summary>
        public async Task<string> SnapshotAsync(Member reader)
        {
            var parts = new List<string>();
            foreach (var part in new[] { Pair, $"{Pair}/goals", $"{Pair}/commitments?status=all", $"{Pair}/sessions" })
            {
                parts.Add((await reader.GetAsync(part)).GetRawText());
            }

            return string.Join("\n", parts);
        }
    }
}
