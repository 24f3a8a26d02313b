using System.Reflection;
using System.Text.Json;
using Microsoft.Graph.Models;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;
using Xunit.Abstractions;

namespace PeerMentor365.Provisioning.Tests;

/// <summary>
/// The whole provisioning command against a fresh dev tenant over real HTTP with the real Graph SDK: create, re-run
/// (no changes), what-if, remove (only its own objects), refusals in words, and the parameters file against infra/main.bicep.
/// </summary>
public sealed class ProvisionCommandTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string ManagedIdentity = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c";
    private const string Finn = "finn.walsh@contoso.dev";
    private static readonly string[] DocumentedGraphScopes = DocumentedPermissions.GraphScopes();

    private ProvisioningHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ProvisioningHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static string[] Everything => ["--admin", Finn, "--admin-group", DevTenantDefaults.ProgramAdminsGroupId, "--managed-identity", ManagedIdentity];

    [Fact]
    public async Task Provision_creates_the_registration_consent_roles_and_credential_as_documented()
    {
        var run = await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything);
        log.WriteLine(run.Output + run.Errors);
        Assert.True(run.Exit == 0, run.Errors);

        var graph = _harness.Graph();
        var app = Assert.Single((await graph.Applications.GetAsync())!.Value!);
        Assert.Equal("PeerMentor365", app.DisplayName);
        Assert.Equal("AzureADMyOrg", app.SignInAudience);
        Assert.Contains("PeerMentor365:provisioned:contoso", app.Tags!);
        Assert.Equal([$"api://{ProvisioningHarness.Host}/{app.AppId}"], app.IdentifierUris);
        Assert.Equal(2, app.Api!.RequestedAccessTokenVersion);
        var scope = Assert.Single(app.Api.Oauth2PermissionScopes!);
        Assert.Equal(("access_as_user", "User", true), (scope.Value, scope.Type, scope.IsEnabled));
        Assert.Equal(
            ["1fec8e78-bce4-4aaf-ab1b-5451cc387264", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", "93d53678-613d-4013-afc1-62e9e444a0a5",
             "bc59ab01-8403-45c6-8796-ac3ef710b3e3", "d3590ed6-52b3-4102-aeff-aad2292ab01c", "ea5a67f6-b6f3-4338-b240-c655ddc3cc8e"],
            app.Api.PreAuthorizedApplications!.Select(p => p.AppId).Order(StringComparer.Ordinal));
        Assert.All(app.Api.PreAuthorizedApplications!, p => Assert.Equal([scope.Id!.Value.ToString()], p.DelegatedPermissionIds));
        var role = Assert.Single(app.AppRoles!);
        Assert.Equal(("ProgramAdmin", true), (role.Value, role.IsEnabled));
        Assert.Equal(["User"], role.AllowedMemberTypes);
        Assert.Equal([$"brk-multihub://{ProvisioningHarness.Host}", $"https://{ProvisioningHarness.Host}/api/pane/auth-redirect.html"], app.Spa!.RedirectUris);

        // The delegated permissions are Microsoft Graph's own ids for the scopes docs/graph-permissions.md lists.
        var graphSp = Assert.Single((await graph.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{DevTenantDefaults.MicrosoftGraphAppId}'"))!.Value!);
        var graphAccess = Assert.Single(app.RequiredResourceAccess!);
        Assert.Equal(DevTenantDefaults.MicrosoftGraphAppId, graphAccess.ResourceAppId);
        Assert.Equal(
            DocumentedGraphScopes.Select(s => graphSp.Oauth2PermissionScopes!.Single(p => p.Value == s).Id).Order(),
            graphAccess.ResourceAccess!.Select(a => a.Id).Order());
        Assert.All(graphAccess.ResourceAccess!, a => Assert.Equal("Scope", a.Type));

        var sp = Assert.Single((await graph.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{app.AppId}'"))!.Value!);
        Assert.Contains("PeerMentor365:provisioned:contoso", sp.Tags!);

        var grant = Assert.Single((await graph.Oauth2PermissionGrants.GetAsync(r => r.QueryParameters.Filter = $"clientId eq '{sp.Id}'"))!.Value!);
        Assert.Equal(("AllPrincipals", graphSp.Id, (string?)null), (grant.ConsentType, grant.ResourceId, grant.PrincipalId));
        Assert.Equal(DocumentedGraphScopes.Order(), grant.Scope!.Split(' ').Order());

        var assignments = (await graph.ServicePrincipals[sp.Id].AppRoleAssignedTo.GetAsync())!.Value!;
        var finn = _harness.Tenant.Users.Single(u => u.Mail == Finn);
        Assert.Equal(
            [(DevTenantDefaults.ProgramAdminsGroupId, "Group"), (finn.Id, "User")],
            assignments.Select(a => (a.PrincipalId.ToString()!, a.PrincipalType!)).Order());
        Assert.All(assignments, a => Assert.Equal(role.Id, a.AppRoleId));

        var credential = Assert.Single((await graph.Applications[app.Id].FederatedIdentityCredentials.GetAsync())!.Value!);
        Assert.Equal("peermentor365-function-identity", credential.Name);
        Assert.Equal($"https://login.microsoftonline.com/{_harness.Tenant.TenantId}/v2.0", credential.Issuer);
        Assert.Equal(ManagedIdentity, credential.Subject);
        Assert.Equal(["api://AzureADTokenExchange"], credential.Audiences);

        var parameters = await File.ReadAllTextAsync(_harness.ParametersFile);
        Assert.Contains($"param apiClientId = '{app.AppId}'", parameters, StringComparison.Ordinal);
        Assert.Contains($"param apiAudience = 'api://{ProvisioningHarness.Host}/{app.AppId}'", parameters, StringComparison.Ordinal);
        Assert.Contains($"param tenantId = '{_harness.Tenant.TenantId}'", parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_reports_no_changes_and_writes_nothing()
    {
        Assert.Equal(0, (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Exit);
        var written = File.GetLastWriteTimeUtc(_harness.ParametersFile);
        _harness.Tenant.Requests.Clear();

        var again = await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything);

        Assert.True(again.Exit == 0, again.Errors);
        Assert.Contains("No changes.", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Tenant.Requests.Snapshot(), r => r.Method != "GET");
        Assert.NotEmpty(_harness.Tenant.Requests.Snapshot());
        Assert.Equal(written, File.GetLastWriteTimeUtc(_harness.ParametersFile));
    }

    [Fact]
    public async Task What_if_on_a_fresh_tenant_lists_every_change_and_makes_none()
    {
        var whatIf = await _harness.ProvisionAsync(ProvisioningHarness.Admin, [.. Everything, "--what-if"]);
        log.WriteLine(whatIf.Output);

        Assert.True(whatIf.Exit == 0, whatIf.Errors);
        Assert.Contains("+ create application 'PeerMentor365'", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains("+ create the API's service principal", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains("+ grant admin consent for everyone in the tenant (AllPrincipals)", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains($"+ assign ProgramAdmin to user {Finn}", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains("+ assign ProgramAdmin to group 'Mentoring programme admins'", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains($"+ add federated credential peermentor365-function-identity: issuer https://login.microsoftonline.com/{_harness.Tenant.TenantId}/v2.0, subject {ManagedIdentity}", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains($"+ write {_harness.ParametersFile}", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains("What-if: 7 changes listed; nothing was changed.", whatIf.Output, StringComparison.Ordinal);

        Assert.DoesNotContain(_harness.Tenant.Requests.Snapshot(), r => r.Method != "GET");
        Assert.Empty((await _harness.Graph().Applications.GetAsync())!.Value!);
        Assert.False(File.Exists(_harness.ParametersFile));
    }

    [Fact]
    public async Task What_if_after_a_change_by_hand_lists_only_the_repair()
    {
        Assert.Equal(0, (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Exit);
        var graph = _harness.Graph();
        var app = Assert.Single((await graph.Applications.GetAsync())!.Value!);
        await graph.Applications[app.Id].PatchAsync(new Application { Spa = new SpaApplication { RedirectUris = ["https://elsewhere.example/"] } });

        var whatIf = await _harness.ProvisionAsync(ProvisioningHarness.Admin, [.. Everything, "--what-if"]);
        Assert.Contains("~ update application 'PeerMentor365'", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains("spa.redirectUris: [https://elsewhere.example/] →", whatIf.Output, StringComparison.Ordinal);
        Assert.Contains("What-if: 1 changes listed", whatIf.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Exit);
        var repaired = (await graph.Applications[app.Id].GetAsync())!;
        Assert.Contains($"brk-multihub://{ProvisioningHarness.Host}", repaired.Spa!.RedirectUris!);
    }

    [Fact]
    public async Task An_app_role_deleted_by_hand_is_made_again_and_the_admins_get_it_again()
    {
        Assert.Equal(0, (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Exit);
        var graph = _harness.Graph();
        var app = Assert.Single((await graph.Applications.GetAsync())!.Value!);
        await graph.Applications[app.Id].PatchAsync(new Application { AppRoles = [] });

        var repair = await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything);

        Assert.True(repair.Exit == 0, repair.Errors);
        var role = Assert.Single((await graph.Applications[app.Id].GetAsync())!.AppRoles!);
        var sp = Assert.Single((await graph.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{app.AppId}'"))!.Value!);
        var current = (await graph.ServicePrincipals[sp.Id].AppRoleAssignedTo.GetAsync())!.Value!.Where(a => a.AppRoleId == role.Id).ToList();
        Assert.Equal(2, current.Count);
        Assert.Contains("No changes.", (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_deletes_what_provision_made_and_leaves_other_apps_alone()
    {
        var graph = _harness.Graph();
        var foreign = await graph.Applications.PostAsync(new Application { DisplayName = "Contoso Expenses", Tags = ["Contoso:finance"] });
        var foreignSp = await graph.ServicePrincipals.PostAsync(new ServicePrincipal { AppId = foreign!.AppId });
        Assert.Equal(0, (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Exit);
        var ours = Assert.Single((await graph.Applications.GetAsync())!.Value!, a => a.DisplayName == "PeerMentor365");

        var removed = await _harness.RemoveAsync();
        log.WriteLine(removed.Output);

        Assert.True(removed.Exit == 0, removed.Errors);
        Assert.Contains("- delete application 'PeerMentor365'", removed.Output, StringComparison.Ordinal);
        Assert.Equal([foreign.Id], (await graph.Applications.GetAsync())!.Value!.Select(a => a.Id));
        Assert.Empty((await graph.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{ours.AppId}'"))!.Value!);
        Assert.Single((await graph.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{foreign.AppId}'"))!.Value!, sp => sp.Id == foreignSp!.Id);
        Assert.Empty((await graph.Oauth2PermissionGrants.GetAsync())!.Value!);
        Assert.False(File.Exists(_harness.ParametersFile));

        var again = await _harness.RemoveAsync();
        Assert.Contains("No changes.", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_without_a_directory_role_gets_a_sentence_not_a_stack_trace()
    {
        var run = await _harness.ProvisionAsync(ProvisioningHarness.OrdinaryUser);

        Assert.Equal(1, run.Exit);
        Assert.Contains("Microsoft Graph refused to create the application (Authorization_RequestDenied: Insufficient privileges to complete the operation.): your account lacks the directory role for it.", run.Errors, StringComparison.Ordinal);
        Assert.Contains("Cloud Application Administrator", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Errors, StringComparison.Ordinal);
        Assert.Empty((await _harness.Graph().Applications.GetAsync())!.Value!);
    }

    [Fact]
    public async Task A_name_taken_by_an_application_it_did_not_make_is_refused_in_words()
    {
        var graph = _harness.Graph();
        var other = await graph.Applications.PostAsync(new Application { DisplayName = "PeerMentor365" });

        var run = await _harness.ProvisionAsync();

        Assert.Equal(1, run.Exit);
        Assert.Contains($"An application named 'PeerMentor365' (appId {other!.AppId}) already exists and was not made by this command", run.Errors, StringComparison.Ordinal);
        Assert.Contains("--display-name", run.Errors, StringComparison.Ordinal);
        Assert.Single((await graph.Applications.GetAsync())!.Value!);
    }

    [Fact]
    public async Task An_unknown_admin_is_named_before_anything_changes()
    {
        var run = await _harness.ProvisionAsync(ProvisioningHarness.Admin, "--admin", "nobody@contoso.dev");

        Assert.Equal(1, run.Exit);
        Assert.Contains("No user nobody@contoso.dev in the tenant", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Tenant.Requests.Snapshot(), r => r.Method != "GET");
    }

    [Fact]
    public async Task The_parameters_file_it_writes_builds_against_infra_main_bicep()
    {
        Assert.Equal(0, (await _harness.ProvisionAsync(ProvisioningHarness.Admin, Everything)).Exit);
        var app = Assert.Single((await _harness.Graph().Applications.GetAsync())!.Value!);
        var compiled = Path.ChangeExtension(_harness.ParametersFile, ".json");

        var build = await BicepAsync("build-params", _harness.ParametersFile, "--outfile", compiled);

        Assert.True(build.Exit == 0 && build.Errors.Trim().Length == 0, $"bicep build-params: {build.Log}");
        using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(compiled));
        var values = parameters.RootElement.GetProperty("parameters");
        Assert.Equal(app.AppId, values.GetProperty("apiClientId").GetProperty("value").GetString());
        Assert.Equal($"api://{ProvisioningHarness.Host}/{app.AppId}", values.GetProperty("apiAudience").GetProperty("value").GetString());
        Assert.Equal(_harness.Tenant.TenantId, values.GetProperty("tenantId").GetProperty("value").GetString());
        Assert.Equal($"https://{ProvisioningHarness.Host}", values.GetProperty("paneOrigin").GetProperty("value").GetString());
        Assert.Equal("contoso", values.GetProperty("name").GetProperty("value").GetString());
    }

    private static Task<ChildProcessResult> BicepAsync(params string[] arguments)
    {
        var bicep = typeof(ProvisionCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepExecutable").Value!;
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not restored at {bicep} (Azure.Bicep.CommandLine.linux-x64 in the test project).");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep a package file's run bit everywhere.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return ChildProcess.RunAsync(TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, bicep, arguments);
    }
}
