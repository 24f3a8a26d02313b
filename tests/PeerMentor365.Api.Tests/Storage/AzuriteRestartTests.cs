using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Api.Tests.Storage;

/// <summary>
/// ./run.sh keeps its tables in .azurite/ between runs: what Azurite acknowledged before run.sh stopped it
/// (tools/setup.sh, stop_azurite) is all there when it starts again on the same folder.
/// </summary>
public sealed class AzuriteRestartTests : IDisposable
{
    private const int Entities = 120;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private readonly string _location = Directory.CreateTempSubdirectory("azurite-restart-").FullName;

    [Fact]
    public async Task Every_acknowledged_write_survives_a_stop_the_way_run_sh_stops_Azurite_and_a_restart()
    {
        var table = AzuriteServer.UniqueTableName("restart");
        var port = HandlerProcess.FreePort();

        // Azurite started and stopped by tools/setup.sh itself, as run.sh does: start_azurite, then stop_azurite on a line of input.
        using var shell = Process.Start(new ProcessStartInfo("bash")
        {
            ArgumentList =
            {
                "-c", """source tools/setup.sh && start_azurite "$1" "$2" "$2/azurite.log" && echo started && read -r _ && stop_azurite && echo stopped""",
                "restart-test", port.ToString(CultureInfo.InvariantCulture), _location,
            },
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(StepTimeout);
        Assert.Equal("started", await shell.StandardOutput.ReadLineAsync(timeout.Token));

        var before = new TableClient(ConnectionString(port), table);
        await before.CreateAsync();
        for (var i = 0; i < Entities; i++)
        {
            await before.AddEntityAsync(Entity(i));
        }

        await shell.StandardInput.WriteLineAsync();
        Assert.Equal("stopped", await shell.StandardOutput.ReadLineAsync(timeout.Token));
        await shell.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, shell.ExitCode);

        await using var restarted = await AzuriteServer.StartAsync(_location);
        var after = new TableClient(restarted.ConnectionString, table);
        var read = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var entity in after.QueryAsync<TableEntity>(cancellationToken: timeout.Token))
        {
            read[entity.RowKey] = entity.GetInt64("Value")!.Value;
        }

        Assert.Equal(Entities, read.Count);
        for (var i = 0; i < Entities; i++)
        {
            Assert.Equal((long)i * i, read[RowKey(i)]);
        }
    }

    public void Dispose() => Directory.Delete(_location, recursive: true);

    private static TableEntity Entity(int i) => new("p", RowKey(i)) { ["Value"] = (long)i * i };

    private static string RowKey(int i) => i.ToString("D4", CultureInfo.InvariantCulture);

    private static string ConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};";
}
