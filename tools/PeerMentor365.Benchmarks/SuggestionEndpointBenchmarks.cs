using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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
    private Process api = null!;
    private HttpClient client = null!;
    private string body = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        devTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0 });
        var port = FreePort();
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["DevTenant__BaseUrl"] = devTenant.BaseAddress.ToString();
        start.Environment["Suggestions__RequestsPerUserPerMinute"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        api = Process.Start(start) ?? throw new InvalidOperationException("The API did not start.");
        await WaitUntilListeningAsync(api, port);

        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
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
        api.Kill(entireProcessTree: true);
        await api.WaitForExitAsync();
        await devTenant.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        client?.Dispose();
        api?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<string> PostAsync()
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("api/suggestions", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? text : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    }

    private static async Task WaitUntilListeningAsync(Process process, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Now listening on", StringComparison.Ordinal) && line.Contains($"127.0.0.1:{port}", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                return;
            }
        }

        throw new InvalidOperationException("The API exited before listening: " + await process.StandardError.ReadToEndAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
