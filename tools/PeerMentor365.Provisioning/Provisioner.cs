using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace PeerMentor365.Provisioning;

/// <summary>What the provision verb is asked to do.</summary>
internal sealed record ProvisionRequest(
    string Name,
    string DisplayName,
    string Host,
    IReadOnlyList<string> AdminUsers,
    IReadOnlyList<string> AdminGroups,
    string? ManagedIdentityPrincipalId,
    string ParametersFile,
    string TemplateFile,
    bool WhatIf);

/// <summary>One change to the tenant or to disk: what it is, in words, and how to make it.</summary>
internal sealed record Change(string Description, Func<Task> Apply);

/// <summary>
/// Brings the tenant to what PeerMentor365 needs (<see cref="AppRegistrationSpec"/>), reading first and changing only what
/// differs, and takes back what it made. Everything it creates carries the deployment's tag; it never touches untagged objects.
/// </summary>
internal sealed class Provisioner(GraphServiceClient graph, TextWriter output)
{
    private const string NewAppId = "<new application id>";

    public async Task<int> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var tenantId = await TenantAsync(cancellationToken);
        var graphSp = await GraphStep("look up Microsoft Graph's service principal", () => FindServicePrincipalAsync(AppRegistrationSpec.MicrosoftGraphAppId, cancellationToken))
            ?? throw new ProvisioningException("The tenant has no Microsoft Graph service principal; it cannot hold Microsoft 365 apps.");
        var scopeIds = GraphScopeIds(graphSp);

        var tag = AppRegistrationSpec.Tag(request.Name);
        var app = await FindOwnedApplicationAsync(tag, cancellationToken);
        if (app is null)
        {
            await RefuseTakenNameAsync(request.DisplayName, tag, cancellationToken);
        }

        var sp = app is null ? null : await GraphStep("look up the API's service principal", () => FindServicePrincipalAsync(app.AppId!, cancellationToken));
        var state = new State(app, sp);
        var changes = new List<Change>();

        PlanApplication(request, tag, scopeIds, state, changes);
        PlanServicePrincipal(tag, state, changes);
        await PlanConsentAsync(graphSp, state, changes, cancellationToken);
        await PlanAdminsAsync(request, state, changes, cancellationToken);
        await PlanFederatedCredentialAsync(request, tenantId, state, changes, cancellationToken);
        PlanParametersFile(request, tenantId, state, changes);

        return await RunAsync(changes, request.WhatIf, () =>
        {
            if (request.ManagedIdentityPrincipalId is null)
            {
                output.WriteLine("No federated credential yet: after deploying infra/main.bicep, run this again with --managed-identity <the deployment's federatedCredentialSubject output>.");
            }
        });
    }

    public async Task<int> RemoveAsync(string name, string parametersFile, bool whatIf, CancellationToken cancellationToken)
    {
        await TenantAsync(cancellationToken);
        var changes = new List<Change>();
        var app = await FindOwnedApplicationAsync(AppRegistrationSpec.Tag(name), cancellationToken);
        if (app is not null)
        {
            var sp = await GraphStep("look up the API's service principal", () => FindServicePrincipalAsync(app.AppId!, cancellationToken));
            if (sp is not null)
            {
                var grants = await GraphStep("read the admin consent", () => graph.Oauth2PermissionGrants.GetAsync(r => r.QueryParameters.Filter = $"clientId eq '{sp.Id}'", cancellationToken));
                foreach (var grant in grants?.Value ?? [])
                {
                    changes.Add(new Change($"- delete the admin consent ({grant.ConsentType}) for '{grant.Scope}'",
                        () => GraphStep("delete the admin consent", () => graph.Oauth2PermissionGrants[grant.Id].DeleteAsync(cancellationToken: cancellationToken))));
                }

                if (sp.Tags?.Contains(AppRegistrationSpec.Tag(name)) == true)
                {
                    changes.Add(new Change($"- delete service principal {sp.Id} (and its ProgramAdmin assignments)",
                        () => GraphStep("delete the service principal", () => graph.ServicePrincipals[sp.Id].DeleteAsync(cancellationToken: cancellationToken))));
                }
            }

            changes.Add(new Change($"- delete application '{app.DisplayName}' (appId {app.AppId}, with its federated credentials)",
                () => GraphStep("delete the application", () => graph.Applications[app.Id].DeleteAsync(cancellationToken: cancellationToken))));
        }

        if (File.Exists(parametersFile) && BicepParameters.IsOurs(File.ReadAllText(parametersFile)))
        {
            changes.Add(new Change($"- delete {parametersFile}", () =>
            {
                File.Delete(parametersFile);
                return Task.CompletedTask;
            }));
        }

        return await RunAsync(changes, whatIf, () => { });
    }

    private async Task<int> RunAsync(List<Change> changes, bool whatIf, Action afterwards)
    {
        if (changes.Count == 0)
        {
            await output.WriteLineAsync("No changes.");
            afterwards();
            return 0;
        }

        foreach (var change in changes)
        {
            await output.WriteLineAsync(change.Description);
            if (!whatIf)
            {
                await change.Apply();
            }
        }

        await output.WriteLineAsync(whatIf
            ? $"What-if: {changes.Count} changes listed; nothing was changed."
            : $"Done: {changes.Count} changes made.");
        afterwards();
        return 0;
    }

    private async Task<string> TenantAsync(CancellationToken cancellationToken)
    {
        var organization = await GraphStep("read the tenant", () => graph.Organization.GetAsync(cancellationToken: cancellationToken));
        var tenant = organization?.Value?.FirstOrDefault() ?? throw new ProvisioningException("Microsoft Graph did not name the tenant (GET /organization was empty).");
        var me = await GraphStep("read the signed-in account", () => graph.Me.GetAsync(cancellationToken: cancellationToken));
        await output.WriteLineAsync($"Tenant {tenant.DisplayName} ({tenant.Id}), signed in as {me?.UserPrincipalName}.");
        return tenant.Id!;
    }

    // ---- the application ----

    private void PlanApplication(ProvisionRequest request, string tag, Dictionary<string, Guid> scopeIds, State state, List<Change> changes)
    {
        var existing = state.App;
        var scope = existing?.Api?.Oauth2PermissionScopes?.FirstOrDefault(s => s.Value == AppRegistrationSpec.Scope);
        var role = existing?.AppRoles?.FirstOrDefault(r => r.Value == AppRegistrationSpec.ProgramAdminRole);
        var scopeId = scope?.Id ?? Guid.NewGuid();
        var roleId = role?.Id ?? Guid.NewGuid();
        state.ProgramAdminRoleId = roleId;

        var desiredScope = new PermissionScope
        {
            Id = scopeId,
            Value = AppRegistrationSpec.Scope,
            Type = "User",
            IsEnabled = true,
            AdminConsentDisplayName = "Access PeerMentor365 as the user",
            AdminConsentDescription = "Lets the PeerMentor365 pane call its service as the signed-in user.",
            UserConsentDisplayName = "Use PeerMentor365 as you",
            UserConsentDescription = "Lets the PeerMentor365 pane call its service as you.",
        };
        var desiredRole = new AppRole
        {
            Id = roleId,
            Value = AppRegistrationSpec.ProgramAdminRole,
            DisplayName = "Program admin",
            Description = "Can see aggregate program health",
            AllowedMemberTypes = ["User"],
            IsEnabled = true,
        };
        var preAuthorized = AppRegistrationSpec.PreAuthorizedClients
            .Select(c => new PreAuthorizedApplication { AppId = c.AppId, DelegatedPermissionIds = [scopeId.ToString()] }).ToList();
        var graphAccess = new RequiredResourceAccess
        {
            ResourceAppId = AppRegistrationSpec.MicrosoftGraphAppId,
            ResourceAccess = [.. AppRegistrationSpec.GraphScopes.Select(s => new ResourceAccess { Id = scopeIds[s], Type = "Scope" })],
        };
        var redirects = AppRegistrationSpec.SpaRedirectUris(request.Host).ToList();

        if (existing is null)
        {
            changes.Add(new Change(
                $"+ create application '{request.DisplayName}' (single tenant, tagged {tag})\n" +
                $"    identifierUris: {AppRegistrationSpec.IdentifierUri(request.Host, NewAppId)}\n" +
                $"    scope: {AppRegistrationSpec.Scope} (v2.0 access tokens), pre-authorised for {string.Join(", ", AppRegistrationSpec.PreAuthorizedClients.Select(c => c.What))}\n" +
                $"    app role: {AppRegistrationSpec.ProgramAdminRole} (users and groups)\n" +
                $"    SPA redirect URIs: {string.Join(", ", redirects)}\n" +
                $"    delegated Microsoft Graph permissions: {string.Join(", ", AppRegistrationSpec.GraphScopes)}",
                async () =>
                {
                    // The scopes come first: Entra checks that pre-authorised clients name scopes the app already has.
                    var created = await GraphStep("create the application", () => graph.Applications.PostAsync(new Application
                    {
                        DisplayName = request.DisplayName,
                        SignInAudience = "AzureADMyOrg",
                        Tags = [tag],
                        Notes = AppRegistrationSpec.Notes(request.Name),
                        Api = new ApiApplication { RequestedAccessTokenVersion = 2, Oauth2PermissionScopes = [desiredScope] },
                        AppRoles = [desiredRole],
                        Spa = new SpaApplication { RedirectUris = redirects },
                        RequiredResourceAccess = [graphAccess],
                    }));
                    await GraphStep("set the application id URI and pre-authorise Office, Outlook and Teams", () => graph.Applications[created!.Id].PatchAsync(new Application
                    {
                        IdentifierUris = [AppRegistrationSpec.IdentifierUri(request.Host, created.AppId!)],
                        Api = new ApiApplication { RequestedAccessTokenVersion = 2, Oauth2PermissionScopes = [desiredScope], PreAuthorizedApplications = preAuthorized },
                    }));
                    state.App = created;
                }));
            return;
        }

        var patch = new Application();
        var differences = new List<string>();
        var uri = AppRegistrationSpec.IdentifierUri(request.Host, existing.AppId!);
        if (existing.DisplayName != request.DisplayName)
        {
            patch.DisplayName = request.DisplayName;
            differences.Add($"displayName: '{existing.DisplayName}' → '{request.DisplayName}'");
        }

        if (existing.SignInAudience != "AzureADMyOrg")
        {
            patch.SignInAudience = "AzureADMyOrg";
            differences.Add($"signInAudience: {existing.SignInAudience} → AzureADMyOrg");
        }

        if (!SameSet(existing.IdentifierUris, [uri]))
        {
            patch.IdentifierUris = [uri];
            differences.Add($"identifierUris: [{Join(existing.IdentifierUris)}] → [{uri}]");
        }

        var api = existing.Api ?? new ApiApplication();
        var scopeDiffers = scope is null || Describe(scope) != Describe(desiredScope);
        var preAuthorizedDiffers = !SameSet(
            api.PreAuthorizedApplications?.Select(p => $"{p.AppId}:{Join(p.DelegatedPermissionIds)}"),
            preAuthorized.Select(p => $"{p.AppId}:{Join(p.DelegatedPermissionIds)}"));
        if (scopeDiffers || preAuthorizedDiffers || api.RequestedAccessTokenVersion != 2)
        {
            var otherScopes = api.Oauth2PermissionScopes?.Where(s => s.Value != AppRegistrationSpec.Scope) ?? [];
            patch.Api = new ApiApplication
            {
                RequestedAccessTokenVersion = 2,
                Oauth2PermissionScopes = [.. otherScopes, desiredScope],
                PreAuthorizedApplications = preAuthorized,
            };
            differences.Add($"api: {AppRegistrationSpec.Scope} scope{(scopeDiffers ? " set" : string.Empty)}, v2.0 tokens, pre-authorised {string.Join(", ", AppRegistrationSpec.PreAuthorizedClients.Select(c => c.What))}");
        }

        if (role is null || Describe(role) != Describe(desiredRole))
        {
            patch.AppRoles = [.. existing.AppRoles?.Where(r => r.Value != AppRegistrationSpec.ProgramAdminRole) ?? [], desiredRole];
            differences.Add($"appRoles: {AppRegistrationSpec.ProgramAdminRole} set");
        }

        if (!SameSet(existing.Spa?.RedirectUris, redirects))
        {
            patch.Spa = new SpaApplication { RedirectUris = redirects };
            differences.Add($"spa.redirectUris: [{Join(existing.Spa?.RedirectUris)}] → [{Join(redirects)}]");
        }

        var existingGraph = existing.RequiredResourceAccess?.FirstOrDefault(r => r.ResourceAppId == AppRegistrationSpec.MicrosoftGraphAppId);
        if (!SameSet(existingGraph?.ResourceAccess?.Select(a => $"{a.Id}:{a.Type}"), graphAccess.ResourceAccess.Select(a => $"{a.Id}:{a.Type}")))
        {
            patch.RequiredResourceAccess = [.. existing.RequiredResourceAccess?.Where(r => r.ResourceAppId != AppRegistrationSpec.MicrosoftGraphAppId) ?? [], graphAccess];
            differences.Add($"requiredResourceAccess: Microsoft Graph delegated {string.Join(", ", AppRegistrationSpec.GraphScopes)}");
        }

        if (differences.Count > 0)
        {
            changes.Add(new Change(
                $"~ update application '{existing.DisplayName}' (appId {existing.AppId})\n    {string.Join("\n    ", differences)}",
                () => GraphStep("update the application", () => graph.Applications[existing.Id].PatchAsync(patch))));
        }
    }

    private async Task RefuseTakenNameAsync(string displayName, string tag, CancellationToken cancellationToken)
    {
        var sameName = await GraphStep("look for applications of the same name", () => graph.Applications.GetAsync(
            r => r.QueryParameters.Filter = $"displayName eq '{displayName.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken));
        if (sameName?.Value?.FirstOrDefault(a => a.Tags?.Contains(tag) != true) is { } foreign)
        {
            throw new ProvisioningException(
                $"An application named '{displayName}' (appId {foreign.AppId}) already exists and was not made by this command (it lacks the tag {tag}). " +
                "Choose another name with --display-name, or rename or delete that application first.");
        }
    }

    // ---- service principal, consent, admins, federated credential ----

    private void PlanServicePrincipal(string tag, State state, List<Change> changes)
    {
        if (state.Sp is not null)
        {
            return;
        }

        changes.Add(new Change($"+ create the API's service principal (enterprise application, tagged {tag})", async () =>
            state.Sp = await GraphStep("create the service principal", () => graph.ServicePrincipals.PostAsync(new ServicePrincipal
            {
                AppId = state.App!.AppId,
                Tags = ["WindowsAzureActiveDirectoryIntegratedApp", tag],
            }))));
    }

    private async Task PlanConsentAsync(ServicePrincipal graphSp, State state, List<Change> changes, CancellationToken cancellationToken)
    {
        var scope = string.Join(' ', AppRegistrationSpec.GraphScopes);
        OAuth2PermissionGrant? grant = null;
        if (state.Sp is not null)
        {
            var grants = await GraphStep("read the admin consent", () => graph.Oauth2PermissionGrants.GetAsync(
                r => r.QueryParameters.Filter = $"clientId eq '{state.Sp.Id}' and consentType eq 'AllPrincipals' and resourceId eq '{graphSp.Id}'", cancellationToken));
            grant = grants?.Value?.FirstOrDefault();
        }

        if (grant is null)
        {
            changes.Add(new Change($"+ grant admin consent for everyone in the tenant (AllPrincipals) to Microsoft Graph: {scope}", () =>
                GraphStep("grant admin consent", () => graph.Oauth2PermissionGrants.PostAsync(new OAuth2PermissionGrant
                {
                    ClientId = state.Sp!.Id,
                    ConsentType = "AllPrincipals",
                    ResourceId = graphSp.Id,
                    Scope = scope,
                }))));
        }
        else if (!SameSet(grant.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries), AppRegistrationSpec.GraphScopes))
        {
            changes.Add(new Change($"~ update admin consent to Microsoft Graph: '{grant.Scope}' → '{scope}'", () =>
                GraphStep("update admin consent", () => graph.Oauth2PermissionGrants[grant.Id].PatchAsync(new OAuth2PermissionGrant { Scope = scope }))));
        }
    }

    private async Task PlanAdminsAsync(ProvisionRequest request, State state, List<Change> changes, CancellationToken cancellationToken)
    {
        var principals = new List<(string Id, string What)>();
        foreach (var upn in request.AdminUsers)
        {
            var user = await GraphStep($"look up the user {upn}", () => graph.Users[upn].GetAsync(cancellationToken: cancellationToken), notFound: $"No user {upn} in the tenant: check the spelling of --admin (a user principal name).");
            principals.Add((user!.Id!, $"user {user.UserPrincipalName}"));
        }

        foreach (var groupId in request.AdminGroups)
        {
            var group = await GraphStep($"look up the group {groupId}", () => graph.Groups[groupId].GetAsync(cancellationToken: cancellationToken), notFound: $"No group {groupId} in the tenant: --admin-group takes the group's object id.");
            var members = await GraphStep($"read the members of {group!.DisplayName}", () => graph.Groups[groupId].Members.GetAsync(cancellationToken: cancellationToken));
            var count = members?.Value?.Count ?? 0;
            principals.Add((group.Id!, $"group '{group.DisplayName}' ({count} {(count == 1 ? "member" : "members")})"));
        }

        var assigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (state.Sp is not null)
        {
            var assignments = await GraphStep("read the ProgramAdmin assignments", () => graph.ServicePrincipals[state.Sp.Id].AppRoleAssignedTo.GetAsync(cancellationToken: cancellationToken));
            assigned.UnionWith(assignments?.Value?.Where(a => a.AppRoleId == state.ProgramAdminRoleId).Select(a => a.PrincipalId.ToString()!) ?? []);
        }

        foreach (var (id, what) in principals.Where(p => !assigned.Contains(p.Id)))
        {
            changes.Add(new Change($"+ assign {AppRegistrationSpec.ProgramAdminRole} to {what}", () =>
                GraphStep($"assign {AppRegistrationSpec.ProgramAdminRole} to {what}", () => graph.ServicePrincipals[state.Sp!.Id].AppRoleAssignedTo.PostAsync(new AppRoleAssignment
                {
                    PrincipalId = Guid.Parse(id),
                    ResourceId = Guid.Parse(state.Sp!.Id!),
                    AppRoleId = state.ProgramAdminRoleId,
                }))));
        }
    }

    private async Task PlanFederatedCredentialAsync(ProvisionRequest request, string tenantId, State state, List<Change> changes, CancellationToken cancellationToken)
    {
        if (request.ManagedIdentityPrincipalId is not { } subject)
        {
            return;
        }

        var issuer = AppRegistrationSpec.Issuer(tenantId);
        FederatedIdentityCredential? existing = null;
        if (state.App is not null)
        {
            var credentials = await GraphStep("read the federated credentials", () => graph.Applications[state.App.Id].FederatedIdentityCredentials.GetAsync(cancellationToken: cancellationToken));
            existing = credentials?.Value?.FirstOrDefault(c => c.Name == AppRegistrationSpec.FederatedCredentialName);
        }

        var description = $"{AppRegistrationSpec.FederatedCredentialName}: issuer {issuer}, subject {subject} (the managed identity), audience {AppRegistrationSpec.TokenExchangeAudience}";
        if (existing is null)
        {
            changes.Add(new Change($"+ add federated credential {description}", () =>
                GraphStep("add the federated credential", () => graph.Applications[state.App!.Id].FederatedIdentityCredentials.PostAsync(new FederatedIdentityCredential
                {
                    Name = AppRegistrationSpec.FederatedCredentialName,
                    Issuer = issuer,
                    Subject = subject,
                    Audiences = [AppRegistrationSpec.TokenExchangeAudience],
                    Description = "Lets the PeerMentor365 Function App's managed identity act as the API (on-behalf-of without a secret).",
                }))));
        }
        else if (existing.Issuer != issuer || existing.Subject != subject || !SameSet(existing.Audiences, [AppRegistrationSpec.TokenExchangeAudience]))
        {
            changes.Add(new Change($"~ update federated credential {description}", () =>
                GraphStep("update the federated credential", () => graph.Applications[state.App!.Id].FederatedIdentityCredentials[existing.Id].PatchAsync(new FederatedIdentityCredential
                {
                    Issuer = issuer,
                    Subject = subject,
                    Audiences = [AppRegistrationSpec.TokenExchangeAudience],
                }))));
        }
    }

    private static void PlanParametersFile(ProvisionRequest request, string tenantId, State state, List<Change> changes)
    {
        string Content(string appId) => BicepParameters.Write(request.ParametersFile, request.TemplateFile, request.Name, tenantId, appId,
            AppRegistrationSpec.IdentifierUri(request.Host, appId), $"https://{request.Host}");

        var current = File.Exists(request.ParametersFile) ? File.ReadAllText(request.ParametersFile) : null;
        if (state.App is not null && current == Content(state.App.AppId!))
        {
            return;
        }

        changes.Add(new Change($"{(current is null ? "+ write" : "~ rewrite")} {request.ParametersFile} (the parameters of {request.TemplateFile}: tenantId, apiClientId, apiAudience, paneOrigin)", () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.ParametersFile))!);
            File.WriteAllText(request.ParametersFile, Content(state.App!.AppId!));
            return Task.CompletedTask;
        }));
    }

    // ---- reading ----

    private async Task<Application?> FindOwnedApplicationAsync(string tag, CancellationToken cancellationToken)
    {
        var apps = await GraphStep("look for the application this command made", () => graph.Applications.GetAsync(
            r => r.QueryParameters.Filter = $"tags/any(t:t eq '{tag}')", cancellationToken));
        return apps?.Value?.FirstOrDefault();
    }

    private async Task<ServicePrincipal?> FindServicePrincipalAsync(string appId, CancellationToken cancellationToken)
    {
        var found = await graph.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{appId}'", cancellationToken);
        return found?.Value?.FirstOrDefault();
    }

    private static Dictionary<string, Guid> GraphScopeIds(ServicePrincipal graphSp)
    {
        var published = (graphSp.Oauth2PermissionScopes ?? []).Where(s => s.Value is not null && s.Id is not null)
            .ToDictionary(s => s.Value!, s => s.Id!.Value, StringComparer.Ordinal);
        var missing = AppRegistrationSpec.GraphScopes.Where(s => !published.ContainsKey(s)).ToList();
        return missing.Count == 0
            ? published
            : throw new ProvisioningException($"Microsoft Graph in this tenant does not publish the delegated permissions {string.Join(", ", missing)}.");
    }

    private static Task<T> GraphStep<T>(string step, Func<Task<T>> call, string? notFound = null) => GraphErrors.Explain(step, call, notFound);

    private static Task<bool> GraphStep(string step, Func<Task> call) => GraphErrors.Explain(step, async () =>
    {
        await call();
        return true;
    });

    private static bool SameSet(IEnumerable<string?>? actual, IEnumerable<string?> desired) =>
        new HashSet<string?>(actual ?? [], StringComparer.Ordinal).SetEquals(desired);

    private static string Join(IEnumerable<string?>? values) => string.Join(", ", values ?? []);

    private static string Describe(PermissionScope s) =>
        string.Join('|', s.Value, s.Type, s.IsEnabled, s.AdminConsentDisplayName, s.AdminConsentDescription, s.UserConsentDisplayName, s.UserConsentDescription);

    private static string Describe(AppRole r) =>
        string.Join('|', r.Value, r.DisplayName, r.Description, r.IsEnabled, Join(r.AllowedMemberTypes));

    /// <summary>The objects as the plan goes: changes made earlier in a run hand their results to later ones.</summary>
    private sealed class State(Application? app, ServicePrincipal? sp)
    {
        public Application? App { get; set; } = app;

        public ServicePrincipal? Sp { get; set; } = sp;

        /// <summary>The ProgramAdmin role's id: the existing one, or the one the run gives the role it creates.</summary>
        public Guid ProgramAdminRoleId { get; set; }
    }
}
