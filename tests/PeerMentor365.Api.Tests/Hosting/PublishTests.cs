using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>tools/publish.sh builds the self-contained linux-x64 package as Functions expects it, and that package runs.</summary>
[Collection(SharedApi.Name)]
public sealed class PublishTests(ApiApplication app) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("functionapp-").FullName;

    [Fact]
    public async Task The_package_is_laid_out_for_Functions_zips_with_an_executable_apphost_and_runs()
    {
        var pane = Directory.CreateDirectory(Path.Combine(_work, "dist")).FullName;
        File.WriteAllText(Path.Combine(pane, "taskpane.html"), "<!doctype html><title>packaged pane</title>");
        var output = Path.Combine(_work, "functionapp");

        var (exit, log) = await RunAsync("bash", Path.Combine(RepositoryPaths.Root, "tools", "publish.sh"), "--out", output, "--pane-dir", pane);
        Assert.True(exit == 0, log);

        // The zip: host.json and the function folders at its root, the apphost marked executable.
        using (var zip = ZipFile.OpenRead(output + ".zip"))
        {
            var names = zip.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("host.json", names);
            foreach (var function in FunctionManifest.Read(RepositoryPaths.FunctionApp))
            {
                Assert.Contains($"{function.Name}/function.json", names);
            }

            Assert.Contains("pane/taskpane.html", names);
            Assert.DoesNotContain(names, name => name.StartsWith("FunctionApp/", StringComparison.Ordinal));
            var apphost = zip.GetEntry(ExecutableName()) ?? throw new InvalidOperationException("The apphost is not in the zip.");
            Assert.Equal(0b111_101_101, (apphost.ExternalAttributes >> 16) & 0b111_111_111);
        }

        // The package runs as the host would start it, and serves its own copy of the pane.
        await using var handler = await HandlerProcess.StartAsync(
            Path.Combine(output, ExecutableName()),
            new Dictionary<string, string> { ["DevTenant__BaseUrl"] = app.DevTenant.BaseAddress.ToString() });
        using var http = new HttpClient { BaseAddress = handler.BaseAddress };
        using var ready = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("packaged pane", await http.GetStringAsync("/api/pane/"), StringComparison.Ordinal);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana));
        using var me = await http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task The_layout_check_refuses_a_package_without_host_json_or_an_executable_apphost()
    {
        var broken = Directory.CreateDirectory(Path.Combine(_work, "broken")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.FunctionApp, "host.json"), Path.Combine(broken, "host.json"));
        File.WriteAllText(Path.Combine(broken, ExecutableName()), "not an executable");

        var (exit, log) = await RunAsync("bash", Path.Combine(RepositoryPaths.Root, "tools", "publish.sh"), "--check", broken);

        Assert.NotEqual(0, exit);
        Assert.Contains("0755", log, StringComparison.Ordinal);
        Assert.Contains("function.json", log, StringComparison.Ordinal);
        Assert.Contains("taskpane.html", log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string ExecutableName()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionApp, "host.json")));
        return host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
    }

    private static async Task<(int Exit, string Log)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
