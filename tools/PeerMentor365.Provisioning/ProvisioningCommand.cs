using System.CommandLine;
using System.Text.RegularExpressions;

namespace PeerMentor365.Provisioning;

/// <summary>The command line: <c>provision</c> and <c>remove</c>, with the sign-in options they share.</summary>
internal static partial class ProvisioningCommand
{
    private static readonly HttpClient Http = new();

    public static RootCommand Create()
    {
        var name = new Option<string>("--name")
        {
            Description = "The deployment's base name, as infra/main.bicep's 'name' parameter (letters and digits); also tags what this command makes.",
            DefaultValueFactory = _ => "peermentor365",
        };
        name.Validators.Add(result =>
        {
            if (!DeploymentName().IsMatch(result.GetValueOrDefault<string>() ?? string.Empty))
            {
                result.AddError("--name takes 2-40 lower-case letters and digits, starting with a letter (it names Azure resources).");
            }
        });
        var displayName = new Option<string>("--display-name") { Description = "The app registration's display name.", DefaultValueFactory = _ => "PeerMentor365" };
        var host = new Option<string?>("--host") { Description = "The host serving the pane, e.g. peermentor365.azurewebsites.net (default: <name>.azurewebsites.net)." };
        var admins = new Option<string[]>("--admin") { Description = "A user principal name to grant ProgramAdmin (repeatable).", AllowMultipleArgumentsPerToken = false };
        var adminGroups = new Option<string[]>("--admin-group") { Description = "An Entra group's object id whose members get ProgramAdmin (repeatable)." };
        var managedIdentity = new Option<Guid?>("--managed-identity")
        {
            Description = "The Function App identity's principal (object) id, infra/main.bicep's output federatedCredentialSubject: adds the federated credential.",
        };
        var parametersFile = new Option<string?>("--parameters-file") { Description = "Where to write the Bicep parameters (default: infra/<name>.bicepparam)." };
        var template = new Option<string>("--template") { Description = "The Bicep template the parameters are for.", DefaultValueFactory = _ => Path.Combine("infra", "main.bicep") };
        var whatIf = new Option<bool>("--what-if") { Description = "Print every change it would make, and make none." };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant id to sign in to (default: the Azure CLI's, or your home tenant)." };
        var devTenant = new Option<Uri?>("--dev-tenant")
        {
            Description = "Development and tests only: the base address of a PeerMentor365 dev tenant instead of Microsoft Graph.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.IsLoopback)
                {
                    return address;
                }

                result.AddError($"--dev-tenant takes the dev tenant's loopback address (http://127.0.0.1:<port>/), not '{text}'.");
                return null;
            },
        };
        var devUser = new Option<string?>("--dev-user") { Description = "Development and tests only: the dev tenant person to sign in as." };

        var provision = new Command("provision", "Create or update PeerMentor365's app registration, service principal, admin consent, ProgramAdmin assignments and federated credential, and write the Bicep parameters.")
        {
            name, displayName, host, admins, adminGroups, managedIdentity, parametersFile, template, whatIf, tenant, devTenant, devUser,
        };
        provision.SetAction((result, cancellationToken) => RunAsync(result, provisioner =>
        {
            var deployment = result.GetValue(name)!;
            return provisioner.ProvisionAsync(new ProvisionRequest(
                deployment,
                result.GetValue(displayName)!,
                result.GetValue(host) ?? $"{deployment}.azurewebsites.net",
                result.GetValue(admins) ?? [],
                result.GetValue(adminGroups) ?? [],
                result.GetValue(managedIdentity)?.ToString(),
                result.GetValue(parametersFile) ?? DefaultParametersFile(deployment),
                result.GetValue(template)!,
                result.GetValue(whatIf)), cancellationToken);
        }, tenant, devTenant, devUser, cancellationToken));

        var remove = new Command("remove", "Delete what 'provision' made for this deployment (only objects carrying its tag) and its parameters file.")
        {
            name, parametersFile, whatIf, tenant, devTenant, devUser,
        };
        remove.SetAction((result, cancellationToken) => RunAsync(result, provisioner =>
        {
            var deployment = result.GetValue(name)!;
            return provisioner.RemoveAsync(deployment, result.GetValue(parametersFile) ?? DefaultParametersFile(deployment), result.GetValue(whatIf), cancellationToken);
        }, tenant, devTenant, devUser, cancellationToken));

        return new RootCommand("Provisions PeerMentor365 in a Microsoft 365 tenant through Microsoft Graph (docs/entra-setup.md).") { provision, remove };
    }

    private static string DefaultParametersFile(string name) => Path.Combine("infra", $"{name}.bicepparam");

    private static async Task<int> RunAsync(ParseResult result, Func<Provisioner, Task<int>> run, Option<string?> tenant, Option<Uri?> devTenant, Option<string?> devUser, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        try
        {
            var graph = GraphConnection.Create(result.GetValue(tenant), result.GetValue(devTenant), result.GetValue(devUser), output, Http);
            return await run(new Provisioner(graph, output));
        }
        catch (ProvisioningException failure)
        {
            await error.WriteLineAsync(failure.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Stopped before finishing; run the command again to complete it.");
            return 2;
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            // Never a stack trace for an admin: the failure's own words, and where to report it.
            await error.WriteLineAsync($"The command failed unexpectedly ({unexpected.GetType().Name}: {unexpected.Message}). Nothing after the last printed change was made; re-run it, or report this message.");
            return 1;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeploymentName();
}
