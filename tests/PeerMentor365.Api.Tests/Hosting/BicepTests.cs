using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>
/// infra/main.bicep compiles and lints clean with the Bicep CLI restored from NuGet, and the app settings it writes are
/// exactly the ones docs/settings.md lists and the app in Entra mode needs: it starts with them as Azure starts it.
/// </summary>
public sealed partial class BicepTests : IDisposable
{
    private static readonly TimeSpan BicepTimeout = TimeSpan.FromMinutes(5);
    private static readonly string Template = Path.Combine(RepositoryPaths.Root, "infra", "main.bicep");

    private readonly string _work = Directory.CreateTempSubdirectory("bicep-").FullName;

    [Fact]
    public async Task Main_bicep_builds_and_lints_with_no_errors_and_no_warnings()
    {
        var build = await BicepAsync("build", Template, "--outfile", Path.Combine(_work, "main.json"));
        Assert.True(build.Exit == 0 && build.Errors.Trim().Length == 0, $"bicep build: {build.Log}");

        var lint = await BicepAsync("lint", Template, "--diagnostics-format", "sarif");
        Assert.True(lint.Exit == 0, $"bicep lint: {lint.Log}");
        using var sarif = JsonDocument.Parse(lint.Output);
        var diagnostics = sarif.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(run => run.GetProperty("results").EnumerateArray())
            .Select(result => $"{result.GetProperty("ruleId").GetString()}: {result.GetProperty("message").GetProperty("text").GetString()}")
            .ToList();
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task The_app_settings_it_writes_are_documented_and_exactly_what_Entra_mode_needs_in_Azure()
    {
        var settings = await AppSettingsAsync();
        var documented = DocumentedSettings();

        // Every setting is one docs/settings.md lists (no stray or misspelled name).
        Assert.All(settings.Keys, name => Assert.True(documented.ContainsKey(ConfigurationKey(name)), $"{name} is not in docs/settings.md."));

        // Every setting the docs mark required in Entra mode is written.
        var requiredKeys = documented.Where(setting => setting.Value).Select(setting => setting.Key).ToList();
        Assert.NotEmpty(requiredKeys);
        Assert.All(requiredKeys, key => Assert.Contains(key, settings.Keys.Select(ConfigurationKey)));

        // With exactly these settings the app starts as Azure starts it (Production, WEBSITE_* set) and checks tokens.
        using (var api = InAzure(settings))
        {
            using var me = await api.CreateClient().GetAsync("/api/me");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, me.StatusCode);
        }

        // The app's own start-up checks agree with the docs on each: without a setting marked required it refuses to
        // start in Azure, without an optional one it starts.
        foreach (var name in settings.Keys)
        {
            using var api = InAzure(settings.Where(setting => setting.Key != name).ToDictionary());
            var refused = Record.Exception(api.StartServer);
            var required = documented[ConfigurationKey(name)];
            Assert.True(required == refused is not null, required
                ? $"docs/settings.md marks {name} required, yet the app starts in Azure without it."
                : $"Without {name} the app does not start in Azure, yet docs/settings.md does not mark it required: {refused?.Message}");
        }
    }

    [Fact]
    public async Task Started_with_the_settings_it_writes_the_app_gives_the_readiness_answers_deploy_md_promises()
    {
        var settings = await AppSettingsAsync();
        var pane = Directory.CreateDirectory(Path.Combine(_work, "pane")).FullName;
        await File.WriteAllTextAsync(Path.Combine(pane, "taskpane.html"), "<!doctype html><title>PeerMentor365</title>");
        settings["Pane__Path"] = pane;
        var checks = DocumentedReadiness();
        Assert.Contains(checks, check => check.Path == "/api/client-config");

        using var api = InAzure(settings);
        var client = api.CreateClient();
        foreach (var (path, status) in checks)
        {
            using var response = await client.GetAsync(path);
            Assert.True((int)response.StatusCode == status, $"docs/deploy.md says {path} answers {status}; it answered {(int)response.StatusCode}.");
            if (status == 401)
            {
                Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
            }
        }

        using var config = JsonDocument.Parse(await client.GetStringAsync("/api/client-config"));
        Assert.Equal("entra", config.RootElement.GetProperty("authMode").GetString());
        Assert.Equal(settings["Auth__ClientId"], config.RootElement.GetProperty("entra").GetProperty("clientId").GetString());
        Assert.Equal(settings["Auth__TenantId"], config.RootElement.GetProperty("entra").GetProperty("tenantId").GetString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The readiness table of docs/deploy.md: each URL path and the status code it answers when ready.</summary>
    private static List<(string Path, int Status)> DocumentedReadiness() =>
        [.. File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"))
            .Select(line => ReadinessRow().Match(line))
            .Where(match => match.Success)
            .Select(match => (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>The app started with these app settings, in the Production environment and with App Service's variables set.</summary>
    private static ApiFactory InAzure(Dictionary<string, string> appSettings)
    {
        var settings = new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["WEBSITE_SITE_NAME"] = "peermentor365",
            ["WEBSITE_INSTANCE_ID"] = "6e5a4b0c1d2f",
        };
        foreach (var (name, value) in appSettings)
        {
            settings[ConfigurationKey(name)] = value;
        }

        return new ApiFactory(settings);
    }

    /// <summary>
    /// The app settings of the Function App in the compiled template, by name. Literal values and parameters with a literal
    /// default are taken as they are; an expression Azure evaluates at deployment gets a value of the kind its name says.
    /// </summary>
    private async Task<Dictionary<string, string>> AppSettingsAsync()
    {
        var compiled = Path.Combine(_work, "main.json");
        var build = await BicepAsync("build", Template, "--outfile", compiled);
        Assert.True(build.Exit == 0, build.Log);
        using var template = JsonDocument.Parse(File.ReadAllText(compiled));
        var root = template.RootElement;
        var site = root.GetProperty("resources").EnumerateArray().Single(resource => resource.GetProperty("type").GetString() == "Microsoft.Web/sites");
        var appSettings = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings");
        if (appSettings.ValueKind == JsonValueKind.String && VariableReference().Match(appSettings.GetString()!) is { Success: true } variable)
        {
            appSettings = root.GetProperty("variables").GetProperty(variable.Groups[1].Value);
        }

        var parameters = root.GetProperty("parameters");
        return appSettings.EnumerateArray().ToDictionary(
            setting => setting.GetProperty("name").GetString()!,
            setting => SampleValue(setting.GetProperty("name").GetString()!, setting.GetProperty("value").GetString()!, parameters));
    }

    private static string SampleValue(string name, string value, JsonElement parameters)
    {
        if (!value.StartsWith('['))
        {
            return value;
        }

        if (ParameterReference().Match(value) is { Success: true } parameter
            && parameters.GetProperty(parameter.Groups[1].Value).TryGetProperty("defaultValue", out var fallback)
            && fallback.GetString() is { } literal && !literal.StartsWith('['))
        {
            return literal;
        }

        return name switch
        {
            _ when name.EndsWith("Endpoint", StringComparison.Ordinal) => "https://stpeermentor365.table.core.windows.net/",
            _ when name.EndsWith("Audience", StringComparison.Ordinal) => "api://peermentor365.azurewebsites.net/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            _ when name.EndsWith("Id", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => "stpeermentor365",
        };
    }

    /// <summary>Every setting in docs/settings.md's tables (first column), and whether its default says it is required (in Entra mode, in Azure).</summary>
    private static Dictionary<string, bool> DocumentedSettings()
    {
        var settings = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "settings.md")))
        {
            var cells = line.Split('|');
            if (cells.Length < 4 || !line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match name in Backticked().Matches(cells[1]))
            {
                settings[name.Groups[1].Value] = cells[2].Contains("required", StringComparison.Ordinal);
            }
        }

        return settings;
    }

    /// <summary>An app setting's configuration key: <c>Auth__TenantId</c> is <c>Auth:TenantId</c>.</summary>
    private static string ConfigurationKey(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);

    internal static Task<ChildProcessResult> BicepAsync(params string[] arguments)
    {
        var bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepExecutable").Value!;
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not restored at {bicep} (Azure.Bicep.CommandLine.linux-x64 in the test project).");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep a package file's run bit everywhere.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return ChildProcess.RunAsync(BicepTimeout, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, bicep, arguments);
    }

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^\| `(/api/[^`]+)` \| `(\d{3})`")]
    private static partial Regex ReadinessRow();
}
