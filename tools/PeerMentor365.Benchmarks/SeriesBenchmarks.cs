using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PeerMentor365.DevTenant;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Benchmarks;

/// <summary>
/// Creating a pair's series with its shared agenda (issue 4) end to end on loopback: POST /api/pairs/{id}/series as
/// the API's own process against the dev tenant and Azurite. The first series of a pair also creates and shares its
/// notebook (4 Graph round trips); a later series reuses it (3). Each invocation needs a pair without a series, so
/// every iteration proposes and accepts a fresh pair first (not measured).
/// Run: <c>./bench.sh '*Series*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
[MedianColumn]
public class SeriesCreationBenchmarks : IAsyncDisposable
{
    private BenchmarkTenant tenant = null!;
    private string pairPath = null!;

    [GlobalSetup]
    public async Task StartAsync() => tenant = await BenchmarkTenant.StartAsync();

    [IterationSetup]
    public void NewPair() => pairPath = tenant.NewActivePairAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "POST series, a pair's first (notebook, section, page, sharing, event)")]
    public Task<JsonElement> CreateFirstSeriesAsync() => tenant.CreateSeriesAsync(pairPath);

    [GlobalCleanup]
    public async Task StopAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await tenant.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Opening the Agenda view as an attendee (issue 5): the pane looks the Outlook item up
/// (GET /api/agenda/lookup with the attendee's own occurrence id: two Graph round trips) and then reads the
/// session's agenda (GET …/sessions/{id}/agenda: table reads only). Run: <c>./bench.sh '*AgendaOpen*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
[MedianColumn]
public class AgendaOpenBenchmarks : IAsyncDisposable
{
    private BenchmarkTenant tenant = null!;
    private string occurrenceId = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        tenant = await BenchmarkTenant.StartAsync();
        var pairPath = await tenant.NewActivePairAsync();
        var series = await tenant.CreateSeriesAsync(pairPath);
        occurrenceId = await tenant.FirstOccurrenceIdAsync(BenchmarkTenant.Ben, series.GetProperty("event").GetProperty("iCalUId").GetString()!);
        var opened = await OpenAgendaAsync();
        if (opened.GetProperty("session").GetProperty("id").GetString() is null)
        {
            throw new InvalidOperationException("The agenda came back without a session.");
        }
    }

    [Benchmark(Description = "Attendee opens the Agenda view: lookup + agenda")]
    public async Task<JsonElement> OpenAgendaAsync()
    {
        var lookup = await BenchmarkTenant.SendAsync(
            tenant.BenClient, HttpMethod.Get, "api/agenda/lookup?itemId=" + Uri.EscapeDataString(occurrenceId));
        if (!lookup.GetProperty("match").GetBoolean())
        {
            throw new InvalidOperationException("The lookup did not recognise the occurrence.");
        }

        var path = $"api/pairs/{lookup.GetProperty("pairId").GetString()}/sessions/{lookup.GetProperty("sessionId").GetString()}/agenda";
        return await BenchmarkTenant.SendAsync(tenant.BenClient, HttpMethod.Get, path);
    }

    [GlobalCleanup]
    public async Task StopAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await tenant.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The dev tenant, Azurite and the API process, with Ana (organizer) and Ben signed in.</summary>
internal sealed class BenchmarkTenant : IAsyncDisposable
{
    public const string Ana = "ana.souza@contoso.dev";
    public const string Ben = "ben.carter@contoso.dev";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly DevTenantServer devTenant;
    private readonly AzuriteServer azurite;
    private readonly ApiProcess api;

    private BenchmarkTenant(DevTenantServer devTenant, AzuriteServer azurite, ApiProcess api)
    {
        this.devTenant = devTenant;
        this.azurite = azurite;
        this.api = api;
        AnaClient = Client(Ana);
        BenClient = Client(Ben);
    }

    public HttpClient AnaClient { get; }

    public HttpClient BenClient { get; }

    public static async Task<BenchmarkTenant> StartAsync()
    {
        var devTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0 });
        var azurite = await AzuriteServer.StartAsync();
        var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["DevTenant__BaseUrl"] = devTenant.BaseAddress.ToString(),
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = AzuriteServer.UniqueTableName("bench"),
        });
        return new BenchmarkTenant(devTenant, azurite, api);
    }

    /// <summary>Ana proposes a pair with Ben and Ben accepts it; answers the pair's path.</summary>
    public async Task<string> NewActivePairAsync()
    {
        var today = DateTime.UtcNow.Date;
        var pair = await SendAsync(AnaClient, HttpMethod.Post, "api/pairs", new
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
        var path = $"api/pairs/{pair.GetProperty("id").GetString()}";
        await SendAsync(BenClient, HttpMethod.Post, $"{path}/accept", null, pair.GetProperty("etag").GetString());
        return path;
    }

    /// <summary>A 12-session series every two weeks, 15:00 London time a week from now.</summary>
    public Task<JsonElement> CreateSeriesAsync(string pairPath)
    {
        var firstStart = DateTime.UtcNow.Date.AddDays(7).AddHours(15).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return SendAsync(
            AnaClient,
            HttpMethod.Post,
            $"{pairPath}/series",
            new { firstStart, anchorTimeZone = "Europe/London", end = new { sessions = 12 } },
            idempotencyKey: Guid.NewGuid().ToString("N"));
    }

    /// <summary>The id of the first occurrence of the series in <paramref name="mail"/>'s own calendar, read from Graph.</summary>
    public async Task<string> FirstOccurrenceIdAsync(string mail, string iCalUId)
    {
        using var graph = new HttpClient { BaseAddress = new Uri(devTenant.BaseAddress, "v1.0/") };
        graph.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", devTenant.IssueGraphToken(mail));
        var copies = await SendAsync(graph, HttpMethod.Get, "me/events?$filter=" + Uri.EscapeDataString($"iCalUId eq '{iCalUId}'") + "&$select=id");
        var masterId = copies.GetProperty("value")[0].GetProperty("id").GetString()!;
        var from = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var to = DateTime.UtcNow.AddDays(120).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var instances = await SendAsync(graph, HttpMethod.Get, $"me/events/{Uri.EscapeDataString(masterId)}/instances?startDateTime={from}&endDateTime={to}");
        return instances.GetProperty("value")[0].GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> SendAsync(
        HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null, string? idempotencyKey = null)
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

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // A benchmark of an error would measure nothing.
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    public async ValueTask DisposeAsync()
    {
        AnaClient.Dispose();
        BenClient.Dispose();
        await api.DisposeAsync();
        await azurite.DisposeAsync();
        await devTenant.DisposeAsync();
    }

    private HttpClient Client(string mail)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", devTenant.IssueApiToken(mail));
        return client;
    }

    private static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
