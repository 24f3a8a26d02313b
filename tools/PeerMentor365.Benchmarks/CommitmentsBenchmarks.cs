using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using PeerMentor365.DevTenant;
using PeerMentor365.TestSupport;

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
public class CommitmentsBenchmarks : IDisposable
{
    public const int Clients = 16;
    public const int RequestsPerClient = 10;

    private const string Ana = "ana.souza@contoso.dev";
    private const string Ben = "ben.carter@contoso.dev";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DevTenantServer devTenant = null!;
    private AzuriteServer azurite = null!;
    private ApiProcess api = null!;
    private HttpClient ana = null!;
    private string pairPath = null!;
    private string[] commitmentIds = null!;
    private string[] etags = null!;
    private int writes;

    [GlobalSetup]
    public async Task StartAsync()
    {
        devTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0 });
        azurite = await AzuriteServer.StartAsync();
        api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["DevTenant__BaseUrl"] = devTenant.BaseAddress.ToString(),
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = AzuriteServer.UniqueTableName("bench"),
        });

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
        ana = new HttpClient(handler) { BaseAddress = api.BaseAddress };
        ana.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", devTenant.IssueApiToken(Ana));
        using var ben = new HttpClient { BaseAddress = ana.BaseAddress };
        ben.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", devTenant.IssueApiToken(Ben));

        // An active pair with one commitment per client (so concurrent writers measure throughput, not conflicts).
        var today = DateTime.UtcNow.Date;
        var pair = await SendAsync(ana, HttpMethod.Post, "api/pairs", new
        {
            peers = new[] { Ben },
            agreement = new
            {
                purpose = "Grow as engineering leads",
                cadence = "every2Weeks",
                durationMinutes = 60,
                confidentiality = "What we discuss stays between us.",
                boundaries = "",
                startDate = Date(today.AddDays(7)),
                plannedEndDate = Date(today.AddDays(180)),
            },
        });
        pairPath = $"api/pairs/{pair.GetProperty("id").GetString()}";
        await SendAsync(ben, HttpMethod.Post, $"{pairPath}/accept", null, pair.GetProperty("etag").GetString());
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
    public async Task StopAsync()
    {
        await api.DisposeAsync();
        await azurite.DisposeAsync();
        await devTenant.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        ana?.Dispose();
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

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // A benchmark of an error would measure nothing.
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    private static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);



    /// <summary>Adds Op/s, which for the 16-client benchmarks is requests per second.</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
