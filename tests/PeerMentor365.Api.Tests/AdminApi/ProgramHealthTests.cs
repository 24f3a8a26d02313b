using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.AdminApi;

/// <summary>Program health: program admins only, aggregate counts only, and an overdue count that follows every change.</summary>
[Collection(SharedApi.Name)]
public sealed class ProgramHealthTests(ApiApplication app) : IDisposable
{
    private static readonly string[] AnotherRole = ["ProgramReader"];

    private readonly IsolatedApi _api = new(app);

    [Fact]
    public async Task A_member_without_the_ProgramAdmin_role_gets_403()
    {
        using var ana = _api.As(Member.Ana);

        using var response = await ana.SendAsync(HttpMethod.Get, "/api/program-health");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("ProgramAdmin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_claim_the_token_does_not_carry_from_the_tenant_is_still_checked_by_value()
    {
        using var client = _api.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.DevTenant.IssueApiToken(Member.Ana, o => o.AdditionalClaims["roles"] = AnotherRole));

        using var response = await client.GetAsync("/api/program-health");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_admin_gets_counts_of_everything_and_no_text_names_or_ids()
    {
        using var ana = _api.As(Member.Ana);
        using var ben = _api.As(Member.Ben);
        using var chloe = _api.As(Member.Chloe);
        using var dev = _api.As(Member.Dev);
        using var priya = _api.As(Member.Priya);

        var active = await ana.ActivePairAsync(ben);
        await ana.ProposeAsync([Member.Chloe]);
        var toPause = await ben.ActivePairAsync(dev);
        await dev.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(toPause)}/pause", null, Member.EtagOf(toPause));
        var toClose = await chloe.ProposeAsync([Member.Dev]);
        await dev.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(toClose)}/close", new { note = "Not the right time" }, Member.EtagOf(toClose));

        var path = $"/api/pairs/{Member.IdOf(active)}";
        var goal = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/goals", new { title = "Secret goal title", measure = "m", targetDate = Member.Date(30) });
        await ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/goals", new { title = "Another goal", measure = "m", targetDate = Member.Date(30) });
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/goals/{Member.IdOf(goal)}", new { status = "achieved", progress = 100 }, Member.EtagOf(goal));

        var overdue = await ana.AddCommitmentAsync(active, new { text = "Private commitment text", due = Member.Date(-3) });
        var movedOn = await ana.AddCommitmentAsync(active, new { text = "Moved", due = Member.Date(-2) });
        var finished = await ben.AddCommitmentAsync(active, new { text = "Finished", due = Member.Date(-5) });
        var future = await ben.AddCommitmentAsync(active, new { text = "Future", due = Member.Date(3) });
        var dropped = await ben.AddCommitmentAsync(active, new { text = "Dropped", due = Member.Date(-1) });
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(movedOn)}", new { due = Member.Date(5) }, Member.EtagOf(movedOn));
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(finished)}", new { status = "done" }, Member.EtagOf(finished));
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(dropped)}", new { status = "dropped" }, Member.EtagOf(dropped));

        var first = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(-7, 15), end = Member.At(-7, 16) });
        var second = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(-1, 15), end = Member.At(-1, 16) });
        await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(6, 15), end = Member.At(6, 16) });
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{path}/sessions/{Member.IdOf(first)}/rating", new { rating = 4, privateNote = "Private rating note" });
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{path}/sessions/{Member.IdOf(first)}/rating", new { rating = 5 });
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{path}/sessions/{Member.IdOf(second)}/rating", new { rating = 2 });

        using var response = await priya.SendAsync(HttpMethod.Get, "/api/program-health");
        var text = await response.Content.ReadAsStringAsync();
        var health = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"proposed":1,"active":1,"paused":1,"closed":1}""", health.GetProperty("pairs").GetRawText());
        Assert.Equal("""{"active":1,"achieved":1,"dropped":0}""", health.GetProperty("goals").GetRawText());
        Assert.Equal("""{"open":3,"done":1,"dropped":1,"overdue":1}""", health.GetProperty("commitments").GetRawText());
        Assert.Equal("""{"total":3,"rated":2,"ratings":3,"averageRating":3.67}""", health.GetProperty("sessions").GetRawText());
        foreach (var secret in new[] { Member.IdOf(active), Member.IdOf(overdue), Member.IdOf(first), ana.Id, "Ana", "Private", "Secret", "@", "p_", "c_", "s_" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // The due-date index holds exactly one row per open commitment, under its due date.
        var index = new List<(string Due, string Commitment)>();
        await foreach (var row in _api.Table("CommitmentsDue").QueryAsync<TableEntity>())
        {
            index.Add((row.PartitionKey, row.GetString("CommitmentId")!));
        }

        Assert.Equal(
            new[] { (Member.Date(-3), Member.IdOf(overdue)), (Member.Date(3), Member.IdOf(future)), (Member.Date(5), Member.IdOf(movedOn)) },
            index.OrderBy(row => row.Due, StringComparer.Ordinal));
    }

    public void Dispose() => _api.Dispose();
}
