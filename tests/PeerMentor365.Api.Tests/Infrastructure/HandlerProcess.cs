using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>
/// The app started as its own process the way the Functions host starts a custom handler: the executable,
/// FUNCTIONS_CUSTOMHANDLER_PORT in its environment, and readiness known from its own "Now listening" log line and a
/// 200 on <c>GET /</c>. <see cref="KillAsync"/> ends it as a crash would (SIGKILL: no shutdown, no flush).
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Id = process.Id;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The process id.</summary>
    public int Id { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<HandlerProcess> StartAsync(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        // The dev tenant runs only outside Production; a test of the Production start sets these itself.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var handler = new HandlerProcess(process, port);
        if (!await handler.WaitUntilListeningAsync())
        {
            var errors = await process.StandardError.ReadToEndAsync();
            await handler.DisposeAsync();
            throw new InvalidOperationException($"{executable} never said it listens on 127.0.0.1:{port}. {errors}");
        }

        using var http = new HttpClient { BaseAddress = handler.BaseAddress };
        using var ready = await http.GetAsync("/");
        if (ready.StatusCode != HttpStatusCode.OK)
        {
            await handler.DisposeAsync();
            throw new InvalidOperationException($"{executable} listens on 127.0.0.1:{port} but GET / answered {(int)ready.StatusCode}.");
        }

        return handler;
    }

    /// <summary>Kills the process at once (SIGKILL, as a crash or a host recycling an instance would) and waits until it is gone.</summary>
    /// <remarks>
    /// Once this returns, the kernel has closed the process's sockets: a request it was serving fails on the caller's
    /// side with the connection ended (no answer), at once rather than at the caller's timeout. Process.Kill sends
    /// SIGKILL to this pid (the apphost is the app itself, no launcher in between); an earlier version signalled through
    /// kill(1) because Process was thought to report the child gone while it ran, which was a test awaiting its own
    /// request before the kill.
    /// </remarks>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task<bool> WaitUntilListeningAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                Keep(line);
                if (line.Contains("Now listening on", StringComparison.Ordinal) && line.Contains($"127.0.0.1:{Port}", StringComparison.Ordinal))
                {
                    // Keep draining stdout so the child never blocks on a full pipe.
                    _ = DrainAsync(_process.StandardOutput);
                    _ = DrainAsync(_process.StandardError);
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    private void Keep(string line)
    {
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                Keep(line);
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
