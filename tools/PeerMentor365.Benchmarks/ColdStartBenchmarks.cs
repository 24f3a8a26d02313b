using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Benchmarks;

/// <summary>
/// Cold start of the published package (issue 11): from starting its apphost as the Functions host does
/// (FUNCTIONS_CUSTOMHANDLER_PORT, the package folder as working directory, Production, WEBSITE_* set, Entra mode) to the
/// first 200 on GET /, which is what the host waits for at every scale-out. Target: under 1 s. The setup builds the
/// package with tools/publish.sh (minutes), so what is measured is exactly what would be deployed.
/// Run: <c>./bench.sh '*ColdStart*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 10)]
[MedianColumn]
public class ColdStartBenchmarks : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private string package = null!;
    private string executable = null!;

    [GlobalSetup]
    public void Publish()
    {
        var root = RepositoryRoot.Find();
        package = Path.Combine(root, "artifacts", "benchmark-functionapp");
        var pane = Directory.CreateTempSubdirectory("benchmark-pane-").FullName;
        File.WriteAllText(Path.Combine(pane, "taskpane.html"), "<!doctype html><title>benchmark pane</title>");
        var publish = new ProcessStartInfo("bash") { UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(root, "tools", "publish.sh"), "--out", package, "--pane-dir", pane })
        {
            publish.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(publish) ?? throw new InvalidOperationException("tools/publish.sh did not start."))
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tools/publish.sh failed ({process.ExitCode}).");
            }
        }

        Directory.Delete(pane, recursive: true);
        executable = Path.Combine(package, "PeerMentor365.Api");
    }

    [Benchmark(Description = "Published package: process start to the first 200 on GET /")]
    public async Task StartUntilReadyAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = package,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in AzureSettings(port))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The package did not start.");
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitForReadyAsync(process, port, errors);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        probe.Dispose();
        GC.SuppressFinalize(this);
    }

    // What Azure gives the app (docs/settings.md, infra/main.bicep): Production, WEBSITE_*, Entra mode with a managed
    // identity's credential, and the table endpoint. Nothing at start-up calls Entra ID or Table Storage, so ids and an
    // account of no real tenant serve.
    private static Dictionary<string, string> AzureSettings(int port) => new()
    {
        ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["WEBSITE_SITE_NAME"] = "peermentor365-cold-start",
        ["WEBSITE_INSTANCE_ID"] = "0a1b2c3d4e5f",
        ["Graph__Mode"] = "Entra",
        ["Auth__TenantId"] = "9f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f",
        ["Auth__ClientId"] = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
        ["Auth__Audience"] = "api://contoso.example/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
        ["Auth__FederatedIdentityClientId"] = "7c6b5a49-3827-4160-9f8e-7d6c5b4a3928",
        ["Storage__TableEndpoint"] = "https://peermentor365coldstart.table.core.windows.net/",
        ["Storage__ManagedIdentityClientId"] = "7c6b5a49-3827-4160-9f8e-7d6c5b4a3928",
    };

    // As the Functions host does: ask GET / again and again until it answers 200.
    private async Task WaitForReadyAsync(Process process, int port, Task<string> errors)
    {
        var ready = new Uri($"http://127.0.0.1:{port}/");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The package exited before it was ready: " + await errors);
            }

            try
            {
                using var answer = await probe.GetAsync(ready);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: ask again at once, the way the host polls.
            }
        }

        throw new InvalidOperationException($"The package did not answer 200 on GET / within {ReadyTimeout}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
