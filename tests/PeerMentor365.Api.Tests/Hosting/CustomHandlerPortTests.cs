using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>Starts the built app as its own process, as the Functions host does, and pings it on the host's port.</summary>
[Collection(SharedApi.Name)]
public sealed class CustomHandlerPortTests(ApiApplication app)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_app_listens_on_127_0_0_1_at_FUNCTIONS_CUSTOMHANDLER_PORT_even_when_urls_say_otherwise()
    {
        var port = FreePort();
        var decoy = FreePort();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "PeerMentor365.Api"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{decoy}";
        start.Environment["DevTenant__BaseUrl"] = app.DevTenant.BaseAddress.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        try
        {
            var listening = await WaitForLineAsync(process, $"127.0.0.1:{port}");
            Assert.True(listening, $"The app never said it listens on 127.0.0.1:{port}.");

            using var http = new HttpClient();
            using var ping = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{decoy}/")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<bool> WaitForLineAsync(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("Now listening on", StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
