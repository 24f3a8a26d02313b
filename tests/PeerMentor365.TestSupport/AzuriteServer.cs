using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PeerMentor365.TestSupport;

/// <summary>
/// A real Azurite Table service for tests: the repository's pinned copy (tools/azurite) started as a child process on a
/// free loopback port, data in memory (or kept in a folder), stopped on dispose. Start one per test class or collection
/// and give each test its own table (<see cref="UniqueTableName"/>).
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's documented development account; valid only against the emulator.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's well-known key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static int _tableCounter;

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string? _location;

    private AzuriteServer(Process process, int port, StringBuilder output, string? location)
    {
        _process = process;
        _output = output;
        _location = location;
        Port = port;
    }

    /// <summary>The loopback port the Table service listens on.</summary>
    public int Port { get; }

    /// <summary>The Table endpoint, path-style: <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>A Shared Key connection string for the development account on this server.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";

    /// <summary>What Azurite wrote to stdout/stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A table name no other test in this run uses: <paramref name="prefix"/>'s letters and digits, a counter and random hex.</summary>
    public static string UniqueTableName(string prefix = "t")
    {
        var clean = new string(prefix.Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        var counter = Interlocked.Increment(ref _tableCounter);
        return clean + counter.ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>Starts Azurite with its data in memory and returns once its port accepts connections.</summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>
    /// Starts Azurite with its data kept in <paramref name="location"/> (as ./run.sh keeps it in .azurite/), or in memory
    /// when null, and returns once its port accepts connections.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(string? location, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "tools", "azurite", "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({script} is missing). Run `npm ci --prefix tools/azurite` in {root} (test.sh does it).");
        }

        // A port picked by the OS can be taken again before Azurite binds it; one more try covers that race.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var output = new StringBuilder();
            var process = StartProcess(script, port, output, location);
            var started = await WaitUntilListeningAsync(process, port, cancellationToken);
            if (started)
            {
                return new AzuriteServer(process, port, output, location);
            }

            Stop(process);
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            if (attempt == 3 || !log.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite did not start listening on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s. Its output:\n{log}");
            }
        }
    }

    /// <summary>
    /// Stops Azurite. With data in a folder, the way ./run.sh does (tools/setup.sh, stop_azurite): SIGINT, then wait for
    /// it to exit, since Azurite writes its last acknowledged changes to disk only on SIGINT. In memory: kill it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_location is null || _process.HasExited)
        {
            Stop(_process);
            return;
        }

        await Interrupt(_process.Id);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
            throw new InvalidOperationException($"Azurite did not exit within {StopTimeout.TotalSeconds:0} s of SIGINT; its data in {_location} may be incomplete. Its output:\n{Output}");
        }

        _process.Dispose();
    }

    /// <summary>Sends SIGINT with the system's kill command, as stop_azurite does (.NET can kill a process but not interrupt it).</summary>
    private static async Task Interrupt(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-INT", processId.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }

    private static Process StartProcess(string script, int port, StringBuilder output, string? location)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // In-memory persistence writes nothing, but Azurite resolves its workspace from the working directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] storage = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        foreach (var argument in new[]
        {
            script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        }.Concat(storage))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (`node`) is needed to run Azurite and was not found on PATH.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitUntilListeningAsync(Process process, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        using var poll = new PeriodicTimer(PollInterval);
        try
        {
            do
            {
                if (process.HasExited)
                {
                    return false;
                }

                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    return true;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
            }
            while (await poll.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out.
        }

        return false;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }
}
