using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Reflection.PortableExecutable;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>
/// tools/publish.sh builds the self-contained linux-x64 package as Functions expects it, without the dev tenant,
/// and that package runs in Entra mode as Azure starts it and refuses dev-tenant mode.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _work = Directory.CreateTempSubdirectory("functionapp-").FullName;

    [Fact]
    public async Task The_package_is_laid_out_for_Functions_without_the_dev_tenant_and_runs_only_in_Entra_mode()
    {
        var pane = Directory.CreateDirectory(Path.Combine(_work, "dist")).FullName;
        File.WriteAllText(Path.Combine(pane, "taskpane.html"), "<!doctype html><title>packaged pane</title>");
        var output = Path.Combine(_work, "functionapp");

        var publish = await ChildProcess.RunAsync(PublishTimeout, new Dictionary<string, string>(), "bash", Path.Combine(RepositoryPaths.Root, "tools", "publish.sh"), "--out", output, "--pane-dir", pane);
        Assert.True(publish.Exit == 0, publish.Log);

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

            // No dev tenant: not its assembly, not a reference to it, not its seed or its dev-only credentials in any file.
            Assert.DoesNotContain(names, name => name.Contains("DevTenant", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("PeerMentor365.DevTenant", ReferencedAssemblies(zip.GetEntry("PeerMentor365.Api.dll")!));
            foreach (var entry in zip.Entries)
            {
                Assert.False(Holds(entry, DevTenantDefaults.TenantId), $"{entry.FullName} holds the dev tenant's id.");
                Assert.False(Holds(entry, DevTenantDefaults.ApiClientSecret), $"{entry.FullName} holds the dev tenant's client secret.");
                Assert.False(Holds(entry, "default-tenant.json"), $"{entry.FullName} holds the dev tenant's seed.");
            }
        }

        var executable = Path.Combine(output, ExecutableName());

        // Dev-tenant mode (the default), even outside Production, stops at once and says why.
        var port = HandlerProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var devMode = await ChildProcess.RunAsync(
            ExitTimeout,
            new Dictionary<string, string> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port, ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            executable);
        Assert.NotEqual(0, devMode.Exit);
        Assert.Contains("Graph:Mode is DevTenant", devMode.Log, StringComparison.Ordinal);
        Assert.Contains("this build has no dev tenant", devMode.Log, StringComparison.Ordinal);

        // Entra mode runs as Azure starts it (Production, WEBSITE_* set), and serves its own copy of the pane.
        await using var handler = await HandlerProcess.StartAsync(executable, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["WEBSITE_SITE_NAME"] = "peermentor365-package-test",
            ["WEBSITE_INSTANCE_ID"] = "0a1b2c3d4e5f",
            ["Graph__Mode"] = "Entra",
            ["Auth__TenantId"] = "9f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f",
            ["Auth__ClientId"] = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            ["Auth__Audience"] = "api://contoso.example/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            ["Auth__FederatedIdentityClientId"] = "7c6b5a49-3827-4160-9f8e-7d6c5b4a3928",
        });
        using var http = new HttpClient { BaseAddress = handler.BaseAddress };
        using var ready = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("packaged pane", await http.GetStringAsync("/api/pane/"), StringComparison.Ordinal);
        using var me = await http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task The_layout_check_refuses_a_package_without_host_json_or_an_executable_apphost()
    {
        var broken = Directory.CreateDirectory(Path.Combine(_work, "broken")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.FunctionApp, "host.json"), Path.Combine(broken, "host.json"));
        File.WriteAllText(Path.Combine(broken, ExecutableName()), "not an executable");

        var check = await ChildProcess.RunAsync(PublishTimeout, new Dictionary<string, string>(), "bash", Path.Combine(RepositoryPaths.Root, "tools", "publish.sh"), "--check", broken);

        Assert.NotEqual(0, check.Exit);
        Assert.Contains("0755", check.Log, StringComparison.Ordinal);
        Assert.Contains("function.json", check.Log, StringComparison.Ordinal);
        Assert.Contains("taskpane.html", check.Log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string ExecutableName()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionApp, "host.json")));
        return host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
    }

    private static IReadOnlyList<string> ReferencedAssemblies(ZipArchiveEntry assembly)
    {
        using var copy = new MemoryStream();
        using (var stream = assembly.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
    }

    /// <summary>Whether the entry's bytes hold <paramref name="text"/> as UTF-8 or as UTF-16 (how .NET stores string literals).</summary>
    private static bool Holds(ZipArchiveEntry entry, string text)
    {
        using var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        return bytes.IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
    }
}
