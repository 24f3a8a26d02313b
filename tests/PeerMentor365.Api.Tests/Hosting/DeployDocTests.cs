using System.Text.Json;
using System.Text.RegularExpressions;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>
/// Every command docs/deploy.md tells an admin to run is one whose inputs a test checks: its flags against the tool
/// that takes them (the provisioning tool's options, tools/publish.sh, npm run manifest, the Azure CLI commands the
/// doc uses), its parameters and outputs against infra/main.bicep, its URLs against the app's functions. The
/// parameters file provision writes compiles against the template with the Bicep CLI.
/// </summary>
public sealed partial class DeployDocTests : IDisposable
{
    private static readonly string Doc = Path.Combine(RepositoryPaths.Root, "docs", "deploy.md");
    private static readonly string Template = Path.Combine(RepositoryPaths.Root, "infra", "main.bicep");
    private static readonly string ProvisioningCommandSource = Path.Combine(RepositoryPaths.Root, "tools", "PeerMentor365.Provisioning", "ProvisioningCommand.cs");

    /// <summary>
    /// The Azure CLI commands the doc may use and the flags each takes, from the Azure CLI reference (az group create,
    /// az deployment group what-if/create/show, az functionapp deployment source config-zip, az group delete). A
    /// deployment with a .bicepparam file takes no --template-file: the file's 'using' names the template.
    /// </summary>
    private static readonly Dictionary<string, string[]> AzureCli = new(StringComparer.Ordinal)
    {
        ["az group create"] = ["--name", "--location"],
        ["az group delete"] = ["--name", "--yes"],
        ["az deployment group what-if"] = ["--resource-group", "--name", "--parameters"],
        ["az deployment group create"] = ["--resource-group", "--name", "--parameters"],
        ["az deployment group show"] = ["--resource-group", "--name", "--query", "--output"],
        ["az functionapp deployment source config-zip"] = ["--resource-group", "--name", "--src"],
    };

    private readonly string _work = Directory.CreateTempSubdirectory("deploy-doc-").FullName;

    [Fact]
    public void Every_command_in_deploy_md_is_checked_against_the_tool_that_runs_it()
    {
        var (commands, variables) = ReadCommands();
        var problems = new List<string>();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            var line = string.Join(' ', command);
            var kind = Check(command, variables, problems);
            if (kind is null)
            {
                problems.Add($"docs/deploy.md runs `{line}`, which no test checks: add it to DeployDocTests or drop it.");
            }
            else
            {
                kinds.Add(kind);
            }
        }

        Assert.Empty(problems);

        // The doc covers the whole journey, each step by the command that does it.
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "provision", "remove", "az group create", "az deployment group create", "az deployment group show", "publish",
                "az functionapp deployment source config-zip", "curl", "npm run manifest", "az group delete",
            },
            kinds);
    }

    [Fact]
    public void The_check_itself_catches_a_flag_no_tool_takes_and_a_route_the_app_does_not_serve()
    {
        var problems = new List<string>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["NAME"] = "pmcontoso", ["RG"] = "rg-pmcontoso" };
        Check(["az", "deployment", "group", "create", "--resource-group", "rg", "--template-file", "infra/main.bicep", "--parameters", "infra/pmcontoso.bicepparam"], variables, problems);
        Check(["dotnet", "run", "--project", "tools/PeerMentor365.Provisioning", "--", "remove", "--name", "pmcontoso", "--admin", "ana@contoso.com"], variables, problems);
        Check(["tools/publish.sh", "--zip-only"], variables, problems);
        Check(["npm", "--prefix", "addin", "run", "manifest", "--", "--from", "infra/pmcontoso.bicepparam", "--client-secret", "x"], variables, problems);
        Check(["curl", "--fail", "https://pmcontoso.azurewebsites.net/api/health"], variables, problems);
        Check(["az", "deployment", "group", "show", "--resource-group", "rg", "--name", "pmcontoso", "--query", "properties.outputs.identityClientId.value"], variables, problems);

        Assert.Equal(
            [
                "`az deployment group create` takes no --template-file here.",
                "`provision remove` takes no --admin.",
                "tools/publish.sh takes no --zip-only.",
                "npm run manifest takes no --client-secret.",
                "https://pmcontoso.azurewebsites.net/api/health is no route of a function in FunctionApp/.",
                "infra/main.bicep has no output identityClientId.",
            ],
            problems);
    }

    [Fact]
    public async Task The_parameters_file_provision_writes_compiles_against_main_bicep_and_names_what_the_manifest_reads()
    {
        var parameters = TemplateParameters();

        // What `npm run manifest -- --from` reads from it are parameters of the template.
        var read = ManifestReads().ToList();
        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, parameters));

        // A file in the shape provision writes (string literals, 'using' the template) compiles against the template.
        var template = Path.GetRelativePath(_work, Template).Replace('\\', '/');
        var file = Path.Combine(_work, "pmcontoso.bicepparam");
        await File.WriteAllTextAsync(file, $"""
            // Written by PeerMentor365's provisioning command (provision); 'remove' deletes this file.
            using '{template}'

            param name = 'pmcontoso'
            param tenantId = '9f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f'
            param apiClientId = '8f2d4a61-7c3b-4e59-a1d0-5b6c7e8f9a01'
            param apiAudience = 'api://pmcontoso.azurewebsites.net/8f2d4a61-7c3b-4e59-a1d0-5b6c7e8f9a01'
            param paneOrigin = 'https://pmcontoso.azurewebsites.net'

            """);
        var build = await BicepTests.BicepAsync("build-params", file, "--stdout");
        Assert.True(build.Exit == 0, $"bicep build-params: {build.Log}");
        using (var json = JsonDocument.Parse(build.Output))
        {
            var compiled = JsonDocument.Parse(json.RootElement.GetProperty("parametersJson").GetString()!).RootElement.GetProperty("parameters");
            Assert.Equal("8f2d4a61-7c3b-4e59-a1d0-5b6c7e8f9a01", compiled.GetProperty("apiClientId").GetProperty("value").GetString());
            Assert.Equal("https://pmcontoso.azurewebsites.net", compiled.GetProperty("paneOrigin").GetProperty("value").GetString());
        }

        // And the check can fail: a parameter the template does not have is refused.
        await File.AppendAllTextAsync(file, "param clientSecret = 'not a parameter of main.bicep'\n");
        var refused = await BicepTests.BicepAsync("build-params", file, "--stdout");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("clientSecret", refused.Log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Checks one command; returns what kind of command it is, or null when no check knows it.</summary>
    private static string? Check(string[] command, Dictionary<string, string> variables, List<string> problems)
    {
        var line = string.Join(' ', command);
        if (command is ["dotnet", "run", "--project", "tools/PeerMentor365.Provisioning", "--", var verb, .. var provisionArgs])
        {
            // The tool's System.CommandLine definition is the reference for each verb's options.
            var options = ProvisioningOptions(verb);
            if (options is null)
            {
                problems.Add($"The provisioning tool has no verb {verb}.");
                return verb;
            }

            problems.AddRange(Flags(provisionArgs).Where(flag => !options.Contains(flag)).Select(flag => $"`provision {verb}` takes no {flag}."));

            var name = Value(provisionArgs, "--name");
            if (name is not null && name != variables["NAME"])
            {
                problems.Add($"`{line}` names another deployment than NAME.");
            }

            return verb;
        }

        if (command is ["tools/publish.sh", .. var publishArgs])
        {
            var options = PublishOptions();
            problems.AddRange(Flags(publishArgs).Where(flag => !options.Contains(flag)).Select(flag => $"tools/publish.sh takes no {flag}."));
            return "publish";
        }

        if (command is ["npm", "--prefix", "addin", "ci"])
        {
            return "npm ci";
        }

        if (command is ["npm", "--prefix", "addin", "run", "manifest", "--", .. var manifestArgs])
        {
            var options = ManifestOptions();
            problems.AddRange(Flags(manifestArgs).Where(flag => !options.Contains(flag)).Select(flag => $"npm run manifest takes no {flag}."));
            if (Value(manifestArgs, "--from") is { } from && from != ParametersFile(variables))
            {
                problems.Add($"npm run manifest reads {from}, not the parameters file provision writes ({ParametersFile(variables)}).");
            }

            return "npm run manifest";
        }

        if (command is ["curl", .. var curlArgs])
        {
            foreach (var url in curlArgs.Where(a => a.StartsWith("https://", StringComparison.Ordinal)))
            {
                var uri = new Uri(url);
                if (uri.Host != $"{variables["NAME"]}.azurewebsites.net")
                {
                    problems.Add($"{url} is not the Function App's host.");
                }

                if (!IsServedRoute(uri.AbsolutePath))
                {
                    problems.Add($"{url} is no route of a function in FunctionApp/.");
                }
            }

            problems.AddRange(Flags(curlArgs).Where(flag => flag is not ("--fail" or "--head" or "--include")).Select(flag => $"curl {flag} is not one the doc explains."));
            return "curl";
        }

        var az = AzureCli.Keys.Where(prefix => line.StartsWith(prefix + " ", StringComparison.Ordinal)).MaxBy(prefix => prefix.Length);
        if (az is null)
        {
            return null;
        }

        var args = command[az.Split(' ').Length..];
        problems.AddRange(Flags(args).Where(flag => !AzureCli[az].Contains(flag)).Select(flag => $"`{az}` takes no {flag} here."));
        if (Value(args, "--parameters") is { } parameters && parameters != ParametersFile(variables))
        {
            problems.Add($"`{az}` deploys {parameters}, not the parameters file provision writes ({ParametersFile(variables)}).");
        }

        if (Value(args, "--query") is { } query)
        {
            var output = OutputQuery().Match(query);
            if (!output.Success)
            {
                problems.Add($"`{az}` queries {query}, not a deployment output's value.");
            }
            else if (!TemplateOutputs().Contains(output.Groups[1].Value))
            {
                problems.Add($"infra/main.bicep has no output {output.Groups[1].Value}.");
            }
        }

        if (Value(args, "--src") is { } src && src != "artifacts/functionapp.zip")
        {
            problems.Add($"`{az}` uploads {src}, not the zip tools/publish.sh writes (artifacts/functionapp.zip).");
        }

        return az;
    }

    /// <summary>The commands of the doc's bash blocks (continuations joined, variables substituted) and its variables.</summary>
    private static (List<string[]> Commands, Dictionary<string, string> Variables) ReadCommands()
    {
        var commands = new List<string[]>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var inBlock = false;
        foreach (var raw in File.ReadLines(Doc))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && raw.Trim() == "```bash";
                continue;
            }

            var line = raw.Trim();
            if (!inBlock || line.Length == 0)
            {
                continue;
            }

            if (Assignment().Match(line) is { Success: true } assignment)
            {
                var value = assignment.Groups[2].Value;
                if (Substitution().Match(value) is { Success: true } inner)
                {
                    // PRINCIPAL=$(az …): the inner command is run too; the variable stands for its answer.
                    commands.Add(Tokens(inner.Groups[1].Value, variables));
                    value = $"<{assignment.Groups[1].Value}>";
                }

                variables[assignment.Groups[1].Value] = Expand(value, variables);
                continue;
            }

            commands.Add(Tokens(line, variables));
        }

        Assert.NotEmpty(commands);
        Assert.True(variables.ContainsKey("NAME"), "docs/deploy.md sets NAME before its commands use it.");
        return (commands, variables);
    }

    private static string[] Tokens(string line, Dictionary<string, string> variables) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token => Expand(token, variables)).ToArray();

    private static string Expand(string text, Dictionary<string, string> variables) =>
        VariableUse().Replace(text, use => variables.TryGetValue(use.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"docs/deploy.md uses ${use.Groups[1].Value} before setting it."));

    private static IEnumerable<string> Flags(IEnumerable<string> args) => args.Where(a => a.StartsWith("--", StringComparison.Ordinal));

    private static string? Value(string[] args, string flag)
    {
        var index = Array.IndexOf(args, flag);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Where provision writes the parameters for NAME by default (infra/&lt;name&gt;.bicepparam).</summary>
    private static string ParametersFile(Dictionary<string, string> variables) => $"infra/{variables["NAME"]}.bicepparam";

    private static HashSet<string> TemplateParameters() =>
        TemplateDeclaration("param").ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> TemplateOutputs() =>
        TemplateDeclaration("output").ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> TemplateDeclaration(string keyword) =>
        File.ReadLines(Template)
            .Select(line => Regex.Match(line, $@"^{keyword}\s+([A-Za-z_][A-Za-z0-9_]*)\s"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value);

    /// <summary>The parameters addin/scripts/manifest.mjs reads from a parameters file (its stringParam('…') calls).</summary>
    private static IEnumerable<string> ManifestReads() =>
        StringParam().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "addin", "scripts", "manifest.mjs"))).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>The options `npm run manifest --` takes: manifest.mjs's exported cliOptions.</summary>
    private static HashSet<string> ManifestOptions()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "addin", "scripts", "manifest.mjs"));
        var list = CliOptions().Match(script);
        Assert.True(list.Success, "addin/scripts/manifest.mjs exports no cliOptions.");
        return Quoted().Matches(list.Groups[1].Value).Select(m => "--" + m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The options tools/publish.sh's argument loop takes (its `--x)` cases).</summary>
    private static HashSet<string> PublishOptions() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Root, "tools", "publish.sh"))
            .Select(line => CaseLabel().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The options of one verb of the provisioning tool, read from its System.CommandLine definition; null when it has no such verb.</summary>
    private static HashSet<string>? ProvisioningOptions(string verb)
    {
        Assert.True(File.Exists(ProvisioningCommandSource), $"docs/deploy.md runs the provisioning tool, but {ProvisioningCommandSource} does not exist.");
        var code = File.ReadAllText(ProvisioningCommandSource);
        var optionNames = OptionDeclaration().Matches(code).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        var command = CommandDeclaration().Matches(code).FirstOrDefault(m => m.Groups[1].Value == verb);
        return command?.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(variable => optionNames.TryGetValue(variable, out var option) ? option : $"(unknown option variable {variable})")
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether a path is /api/&lt;route&gt; of an HTTP function (route templates' {segments} match any one segment, {*rest} the rest).</summary>
    private static bool IsServedRoute(string path)
    {
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return false;
        }

        var segments = path["/api/".Length..].Split('/');
        return FunctionManifest.Read(RepositoryPaths.FunctionApp).Where(f => f.IsHttp && f.Route is not null).Any(function =>
        {
            var template = function.Route!.Split('/');
            for (var i = 0; i < template.Length; i++)
            {
                if (template[i].StartsWith("{*", StringComparison.Ordinal))
                {
                    return true;
                }

                if (i >= segments.Length || (!template[i].StartsWith('{') && !string.Equals(template[i], segments[i], StringComparison.OrdinalIgnoreCase)))
                {
                    return false;
                }
            }

            return template.Length == segments.Length;
        });
    }

    [GeneratedRegex(@"^([A-Z_]+)=(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\$\((.*)\)$")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"\$([A-Z_]+)")]
    private static partial Regex VariableUse();

    [GeneratedRegex(@"^properties\.outputs\.([A-Za-z_][A-Za-z0-9_]*)\.value$")]
    private static partial Regex OutputQuery();

    [GeneratedRegex(@"stringParam\('([A-Za-z_][A-Za-z0-9_]*)'\)")]
    private static partial Regex StringParam();

    [GeneratedRegex(@"export const cliOptions = \[([^\]]*)\]")]
    private static partial Regex CliOptions();

    [GeneratedRegex(@"'([a-z-]+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\s*(--[a-z-]+)\)")]
    private static partial Regex CaseLabel();

    [GeneratedRegex(@"var (\w+) = new Option<[^>]+>\(""(--[a-z-]+)""")]
    private static partial Regex OptionDeclaration();

    [GeneratedRegex(@"new Command\(""(\w+)"",\s*""(?:[^""\\]|\\.)*""\)\s*\{([^}]*)\}")]
    private static partial Regex CommandDeclaration();
}
