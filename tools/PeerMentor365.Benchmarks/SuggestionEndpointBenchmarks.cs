using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Benchmarks;

/// <summary>
/// The end-to-end budget (issue 2, section 6): POST /api/suggestions on loopback against the dev tenant,
/// Ana (São Paulo) and Ben (Seattle), every 2 weeks over 6 months: median under 50 ms. Issue 11 adds the ratio to
/// GET /api/me (the baseline: one Graph $batch too, but nothing to compute): the suggestions for two people should
/// take under 2× as long. The API runs as its own process, started as the Functions host starts it
/// (FUNCTIONS_CUSTOMHANDLER_PORT); each call is a real HTTP request with a real bearer token, a JWT validation, one
/// Graph $batch to the dev tenant and, for the suggestions, the core.
/// Run: <c>./bench.sh '*SuggestionEndpoint*'</c>; the Ratio column is each call's median over /me's.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
[MedianColumn]
public class SuggestionEndpointBenchmarks : IDisposable
{
    private const string Ana = "ana.souza@contoso.dev";
    private const string Ben = "ben.carter@contoso.dev";

    // Ana and seven colleagues from the default tenant, across the Americas, Europe and Africa: a group that can meet, so
    // that the search runs in full (with Asia and Australia in it, the core rightly answers at once that it never can).
    private static readonly string[] SevenPeers =
    [
        Ben, "chloe.martin@contoso.dev", "emma.schulz@contoso.dev", "finn.walsh@contoso.dev",
        "mateo.garcia@contoso.dev", "olivia.brown@contoso.dev", "amara.okafor@contoso.dev",
    ];

    private DevTenantServer devTenant = null!;
    private ApiProcess api = null!;
    private HttpClient client = null!;
    private string twoPeople = null!;
    private string eightPeople = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        devTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0 });
        api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["DevTenant__BaseUrl"] = devTenant.BaseAddress.ToString(),
            ["Suggestions__RequestsPerUserPerMinute"] = "0",
        });

        client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", devTenant.IssueApiToken(Ana));
        twoPeople = Body([Ben]);
        eightPeople = Body(SevenPeers);

        // A benchmark of an error would measure nothing.
        foreach (var answer in new[] { await SuggestForTwoAsync(), await SuggestForEightAsync() })
        {
            if (!answer.Contains("\"rank\":1", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The API suggested nothing: " + answer);
            }
        }

        if (!(await GetMeAsync()).Contains(Ana, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("GET /api/me did not answer Ana.");
        }
    }

    [Benchmark(Baseline = true, Description = "GET /api/me (one Graph $batch)")]
    public Task<string> GetMeAsync() => ReadAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("api/me", UriKind.Relative)));

    [Benchmark(Description = "POST /api/suggestions, Ana + Ben, 6 months, every 2 weeks")]
    public Task<string> SuggestForTwoAsync() => PostAsync(twoPeople);

    [Benchmark(Description = "POST /api/suggestions, 8 people, 6 months, every 2 weeks")]
    public Task<string> SuggestForEightAsync() => PostAsync(eightPeople);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await api.DisposeAsync();
        await devTenant.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        client?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Body(IEnumerable<string> peers)
    {
        var earliest = DateTime.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var list = string.Join(", ", peers.Select(peer => $"\"{peer}\""));
        return $$"""{"peers": [{{list}}], "durationMinutes": 60, "cadence": "every2Weeks", "horizonMonths": 6, "earliestStart": "{{earliest}}"}""";
    }

    private Task<string> PostAsync(string body) => ReadAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("api/suggestions", UriKind.Relative))
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    });

    private async Task<string> ReadAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK ? text : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }
    }
}
