using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.Concurrency;

/// <summary>Two peers editing the same things at once: every change lands or is refused with 412; none is lost.</summary>
[Collection(SharedApi.Name)]
public sealed class ConcurrentEditTests(ApiApplication app) : IDisposable
{
    private const int Commitments = 4;
    private const int UpdatesEach = 50;

    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);

    [Fact]
    public async Task Both_peers_updating_the_same_commitments_in_parallel_lose_no_update()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var path = $"/api/pairs/{Member.IdOf(pair)}/commitments";
        var ids = new List<string>();
        for (var i = 0; i < Commitments; i++)
        {
            ids.Add(Member.IdOf(await _ana.AddCommitmentAsync(pair, new { text = $"Shared list {i}:", due = Member.Date(10) })));
        }

        var conflicts = new ConcurrentBag<int>();
        var lanes = await Task.WhenAll(
            EditLoopAsync(_ana, "a", path, ids, conflicts),
            EditLoopAsync(_ben, "b", path, ids, conflicts));

        var final = (await _ana.GetAsync($"{path}?status=all")).GetProperty("commitments").EnumerateArray()
            .ToDictionary(c => Member.IdOf(c), c => c.GetProperty("text").GetString()!);
        var applied = lanes.SelectMany(lane => lane).ToList();
        var lost = applied.Count(update => !final[update.Id].Split(' ').Contains(update.Marker));

        Assert.Equal(2 * UpdatesEach, applied.Count);
        Assert.Equal(0, lost);
        Assert.True(conflicts.Sum() > 0, "The loops never collided, so the test showed nothing; it should have.");
        foreach (var (id, text) in final)
        {
            // Exactly the applied markers, each once: nothing lost, nothing applied twice.
            var markers = text.Split(' ').Where(word => word.Length > 1 && word[0] is 'a' or 'b' && char.IsDigit(word[1])).Order(StringComparer.Ordinal);
            Assert.Equal(applied.Where(update => update.Id == id).Select(update => update.Marker).Order(StringComparer.Ordinal), markers);
        }
    }

    [Fact]
    public async Task A_stale_change_is_a_412_with_the_commitment_as_it_is_and_what_changed_and_re_applying_works()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var seen = await _ana.AddCommitmentAsync(pair, new { text = "Prepare the demo", due = Member.Date(6) });
        var path = $"/api/pairs/{Member.IdOf(pair)}/commitments/{Member.IdOf(seen)}";
        var bens = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, new { due = Member.Date(8), status = "done" }, Member.EtagOf(seen));

        using var response = await _ana.SendAsync(HttpMethod.Patch, path, new { text = "Prepare the demo and slides" }, Member.EtagOf(seen));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        var current = problem.GetProperty("current");

        Assert.Equal(["due", "status", "closedAt"], problem.GetProperty("changed").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal(Member.EtagOf(bens), Member.EtagOf(current));
        Assert.Equal(Member.EtagOf(bens), response.Headers.ETag?.ToString());
        Assert.Equal(Member.Date(8), current.GetProperty("due").GetString());
        Assert.Equal("Prepare the demo", current.GetProperty("text").GetString());
        Assert.Contains("changed", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);

        var reapplied = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, new { text = "Prepare the demo and slides" }, Member.EtagOf(current));
        Assert.Equal("Prepare the demo and slides", reapplied.GetProperty("text").GetString());
        Assert.Equal(Member.Date(8), reapplied.GetProperty("due").GetString());
        Assert.Equal("done", reapplied.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_peers_accepting_with_the_same_etag_are_not_both_applied()
    {
        using var chloe = new Member(app, Member.Chloe);
        var pair = await _ana.ProposeAsync([Member.Ben, Member.Chloe]);
        var path = $"/api/pairs/{Member.IdOf(pair)}/accept";

        using var first = await _ben.SendAsync(HttpMethod.Post, path, null, Member.EtagOf(pair));
        using var second = await chloe.SendAsync(HttpMethod.Post, path, null, Member.EtagOf(pair));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.PreconditionFailed);
        Assert.Equal(["members"], problem.GetProperty("changed").EnumerateArray().Select(field => field.GetString()));
        var retried = await chloe.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, path, null, Member.EtagOf(problem.GetProperty("current")));
        Assert.Equal("active", retried.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_more_versions_behind_than_the_history_keeps_is_told_every_field_may_have_changed()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var first = await _ana.AddCommitmentAsync(pair, new { text = "v0", due = Member.Date(6) });
        var path = $"/api/pairs/{Member.IdOf(pair)}/commitments/{Member.IdOf(first)}";
        var etags = new List<string> { Member.EtagOf(first) };
        for (var version = 1; version <= 17; version++)
        {
            etags.Add(Member.EtagOf(await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, new { text = $"v{version}" }, etags[^1])));
        }

        var oneBehind = await _ana.ExpectAsync(HttpStatusCode.PreconditionFailed, HttpMethod.Patch, path, new { due = Member.Date(9) }, etags[^2]);
        var seventeenBehind = await _ana.ExpectAsync(HttpStatusCode.PreconditionFailed, HttpMethod.Patch, path, new { due = Member.Date(9) }, etags[0]);

        Assert.Equal(["text"], oneBehind.GetProperty("changed").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal(["text", "due", "status", "ownerId", "closedInSession", "closedAt"], seventeenBehind.GetProperty("changed").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal("v17", seventeenBehind.GetProperty("current").GetProperty("text").GetString());
    }

    // Read-modify-write with retry on 412: append this lane's marker to one commitment's text per update.
    private static async Task<List<(string Id, string Marker)>> EditLoopAsync(Member member, string lane, string path, List<string> ids, ConcurrentBag<int> conflicts)
    {
        var applied = new List<(string Id, string Marker)>();
        var collisions = 0;
        for (var update = 0; update < UpdatesEach; update++)
        {
            var id = ids[update % ids.Count];
            var marker = $"{lane}{update}";
            var current = (await member.GetAsync($"{path}?status=all")).GetProperty("commitments").EnumerateArray().Single(c => Member.IdOf(c) == id);
            while (true)
            {
                using var response = await member.SendAsync(HttpMethod.Patch, $"{path}/{id}", new { text = current.GetProperty("text").GetString() + " " + marker }, Member.EtagOf(current));
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    applied.Add((id, marker));
                    break;
                }

                Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
                collisions++;
                current = body.GetProperty("current");
            }
        }

        conflicts.Add(collisions);
        return applied;
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
    }
}
