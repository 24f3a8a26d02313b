using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Benchmarks;

/// <summary>
/// The end-to-end budget (issue 2, section 6): POST /api/suggestions on loopback against the dev tenant,
/// Ana (São Paulo) and Ben (Seattle), every 2 weeks over 6 months: median under 50 ms. The API runs as its
/// own process, started as the Functions host starts it (FUNCTIONS_CUSTOMHANDLER_PORT); each call is a real
/// HTTP request with a real bearer token, a JWT validation, one Graph $batch to the dev tenant and the core.
/// Run: <c>dotnet run -c Release --project tools/PeerMentor365.Benchmarks -- --filter '*SuggestionEndpoint*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
[MedianColumn]
public class SuggestionEndpointBenchmarks : IDisposable
{
    private const string Ana = "ana.souza@contoso.dev";
    private const string Ben = "ben.carter@contoso.dev";

    private DevTenantServer devTenant = null!;
    private ApiProcess api = null!;
    private HttpClient client = null!;
    private string body = null!;

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
        var earliest = DateTime.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        body = $$"""{"peers": ["{{Ben}}"], "durationMinutes": 60, "cadence": "every2Weeks", "horizonMonths": 6, "earliestStart": "{{earliest}}"}""";

        // A benchmark of an error would measure nothing.
        var answer = await SuggestAsync();
        if (!answer.Contains("\"rank\":1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The API suggested nothing for Ana and Ben: " + answer);
        }
    }

    [Benchmark(Description = "POST /api/suggestions, Ana + Ben, 6 months, every 2 weeks")]
    public Task<string> SuggestAsync() => PostAsync();

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

    private async Task<string> PostAsync()
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("api/suggestions", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? text : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    }


}
