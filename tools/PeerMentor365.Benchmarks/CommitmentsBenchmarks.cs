using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace PeerMentor365.Benchmarks;

/// <summary>
/// Commitments through the API on Azurite (issue 3): the latency of reading a pair's open commitments and of
/// updating one (PATCH with If-Match, which also keeps the due-date index in step when the due date moves), and
/// requests per second with 16 clients at once. The API runs as its own process as the Functions host starts it;
/// every call is real HTTP with a real bearer token, a membership check and Table storage on a real Azurite.
/// Run: <c>./bench.sh '*Commitments*'</c>. The 16-client benchmarks report the time per request (Op/s = requests per second).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MedianColumn]
[Config(typeof(ThroughputConfig))]
public class CommitmentsBenchmarks : IAsyncDisposable
{
    public const int Clients = 16;
    public const int RequestsPerClient = 10;

    private BenchmarkTenant tenant = null!;
    private HttpClient ana = null!;
    private string pairPath = null!;
    private string[] commitmentIds = null!;
    private string[] etags = null!;
    private int writes;

    [GlobalSetup]
    public async Task StartAsync()
    {
        tenant = await BenchmarkTenant.StartAsync();
        ana = tenant.AnaClient;

        // An active pair with one commitment per client (so concurrent writers measure throughput, not conflicts).
        var today = DateTime.UtcNow.Date;
        pairPath = await tenant.NewActivePairAsync();
        commitmentIds = new string[Clients];
        etags = new string[Clients];
        for (var i = 0; i < Clients; i++)
        {
            var commitment = await SendAsync(ana, HttpMethod.Post, $"{pairPath}/commitments", new { text = $"Commitment {i}", due = Date(today.AddDays(7 + i)) });
            commitmentIds[i] = commitment.GetProperty("id").GetString()!;
            etags[i] = commitment.GetProperty("etag").GetString()!;
        }
    }

    [Benchmark(Description = "GET open commitments (16 in the pair)")]
    public Task<JsonElement> ReadOpenCommitmentsAsync() => SendAsync(ana, HttpMethod.Get, $"{pairPath}/commitments");

    [Benchmark(Description = "PATCH a commitment's text (If-Match)")]
    public Task UpdateTextAsync() => UpdateAsync(0, moveDue: false);

    [Benchmark(Description = "PATCH a commitment's due date (If-Match, index row moved)")]
    public Task MoveDueAsync() => UpdateAsync(1, moveDue: true);

    [Benchmark(Description = "16 clients reading at once, per request", OperationsPerInvoke = Clients * RequestsPerClient)]
    public Task ReadConcurrentlyAsync() => Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
    {
        for (var request = 0; request < RequestsPerClient; request++)
        {
            await SendAsync(ana, HttpMethod.Get, $"{pairPath}/commitments");
        }
    }));

    [Benchmark(Description = "16 clients writing at once, per request", OperationsPerInvoke = Clients * RequestsPerClient)]
    public Task WriteConcurrentlyAsync() => Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
    {
        for (var request = 0; request < RequestsPerClient; request++)
        {
            await UpdateAsync(client, moveDue: false);
        }
    }));

    [GlobalCleanup]
    public async Task StopAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await tenant.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    // Each client owns one commitment and keeps its etag, as a pane does between its own edits.
    private async Task UpdateAsync(int client, bool moveDue)
    {
        var write = Interlocked.Increment(ref writes);
        object body = moveDue
            ? new { due = Date(DateTime.UtcNow.Date.AddDays(10 + (write % 30))) }
            : new { text = $"Commitment {client}, edit {write}" };
        var updated = await SendAsync(ana, HttpMethod.Patch, $"{pairPath}/commitments/{commitmentIds[client]}", body, etags[client]);
        etags[client] = updated.GetProperty("etag").GetString()!;
    }

    private static Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null) =>
        BenchmarkTenant.SendAsync(client, method, path, body, ifMatch);

    private static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Adds Op/s, which for the 16-client benchmarks is requests per second.</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
