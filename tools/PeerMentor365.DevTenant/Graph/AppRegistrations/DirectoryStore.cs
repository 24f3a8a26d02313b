using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Graph.AppRegistrations;

/// <summary>The Entra directory roles the dev tenant knows, and which of them may write app registrations and consent.</summary>
internal static class DirectoryRoles
{
    public static readonly string[] Known =
        ["Global Administrator", "Privileged Role Administrator", "Cloud Application Administrator", "Application Administrator"];

    // Simplified: every one of these may write applications, service principals, grants and assignments. In Entra
    // only Global and Privileged Role Administrators may consent to Microsoft Graph permissions for everyone.
    public static bool MayWrite(SeedUser user) => user.DirectoryRoles.Any(r => Known.Contains(r, StringComparer.Ordinal));
}

/// <summary>
/// The directory objects the provisioning command manages, in memory, as Graph's JSON: applications (with their federated
/// identity credentials), service principals, delegated permission grants, app role assignments, and groups. The
/// Microsoft Graph service principal and one group are there from the start. One lock: directory calls are few.
/// </summary>
internal sealed class DirectoryStore
{
    /// <summary>The delegated scopes of Microsoft Graph the dev tenant's Graph service principal publishes (the ones PeerMentor365 asks for), with Graph's ids.</summary>
    public static readonly (string Id, string Value, string Type, string Name)[] GraphScopes =
    [
        ("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "User.Read", "User", "Sign in and read user profile"),
        ("b340eb25-3456-403f-be2f-af7a0d370277", "User.ReadBasic.All", "User", "Read all users' basic profiles"),
        ("87f447af-9fa4-4c32-9dfa-4a57a73d18ce", "MailboxSettings.Read", "User", "Read user mailbox settings"),
        ("1ec239c2-d7c9-4623-a91a-a9775856bb36", "Calendars.ReadWrite", "User", "Have full access to user calendars"),
        ("64ac0503-b4fa-45d9-b544-71a463f05da0", "Notes.ReadWrite.All", "User", "Read and write notebooks that the user can access"),
        ("5c28f0bf-8a70-41f1-8ab2-9032436ddb65", "Files.ReadWrite", "User", "Have full access to user files"),
        ("7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "offline_access", "User", "Maintain access to data you have given it access to"),
        ("37f7f235-527c-4136-accd-4a02d197296e", "openid", "User", "Sign users in"),
        ("14dad69e-099b-42c9-810b-d002981feec1", "profile", "User", "View users' basic profile"),
        ("06da0dbc-49e2-44d2-8312-53f166ab848a", "Directory.Read.All", "Admin", "Read directory data"),
    ];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _applications = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<JsonObject>> _credentials = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonObject> _servicePrincipals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonObject> _grants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonObject> _assignments = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string DisplayName, string[] MemberIds)> _groups = new(StringComparer.OrdinalIgnoreCase);

    public DirectoryStore(IEnumerable<SeedUser> users, string tenantId)
    {
        TenantId = tenantId;
        _servicePrincipals[DevTenantDefaults.MicrosoftGraphServicePrincipalId] = MicrosoftGraph();
        var admins = users.Where(u => u.AppRoles.Contains("ProgramAdmin", StringComparer.Ordinal)).Select(u => u.Id).ToArray();
        _groups[DevTenantDefaults.ProgramAdminsGroupId] = ("Mentoring programme admins", admins);
    }

    public string TenantId { get; }

    public Lock Lock => _lock;

    public Dictionary<string, JsonObject> Applications => _applications;

    public Dictionary<string, List<JsonObject>> Credentials => _credentials;

    public Dictionary<string, JsonObject> ServicePrincipals => _servicePrincipals;

    public Dictionary<string, JsonObject> Grants => _grants;

    public Dictionary<string, JsonObject> Assignments => _assignments;

    public IReadOnlyDictionary<string, (string DisplayName, string[] MemberIds)> Groups => _groups;

    /// <summary>Deletes a service principal with everything that hangs on it, as Entra does: its grants (as client or resource) and app role assignments.</summary>
    public void DeleteServicePrincipal(string id)
    {
        _servicePrincipals.Remove(id);
        foreach (var grant in _grants.Values.Where(g => Is(g, "clientId", id) || Is(g, "resourceId", id)).ToList())
        {
            _grants.Remove(grant["id"]!.GetValue<string>());
        }

        foreach (var assignment in _assignments.Values.Where(a => Is(a, "resourceId", id) || Is(a, "principalId", id)).ToList())
        {
            _assignments.Remove(assignment["id"]!.GetValue<string>());
        }
    }

    public JsonObject? ServicePrincipalOf(string appId) =>
        _servicePrincipals.Values.FirstOrDefault(sp => Is(sp, "appId", appId));

    private static bool Is(JsonObject item, string property, string value) =>
        string.Equals(item[property]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase);

    private static JsonObject MicrosoftGraph()
    {
        var scopes = new JsonArray();
        foreach (var (id, value, type, name) in GraphScopes)
        {
            scopes.Add(new JsonObject
            {
                ["adminConsentDescription"] = $"Allows the app to {name.ToLowerInvariant()} on behalf of the signed-in user.",
                ["adminConsentDisplayName"] = name,
                ["id"] = id,
                ["isEnabled"] = true,
                ["type"] = type,
                ["userConsentDescription"] = $"Allows the app to {name.ToLowerInvariant()} on your behalf.",
                ["userConsentDisplayName"] = name,
                ["value"] = value,
            });
        }

        return new JsonObject
        {
            ["id"] = DevTenantDefaults.MicrosoftGraphServicePrincipalId,
            ["deletedDateTime"] = null,
            ["accountEnabled"] = true,
            ["appDisplayName"] = "Microsoft Graph",
            ["appId"] = DevTenantDefaults.MicrosoftGraphAppId,
            ["appOwnerOrganizationId"] = "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
            ["appRoleAssignmentRequired"] = false,
            ["displayName"] = "Microsoft Graph",
            ["servicePrincipalNames"] = new JsonArray(DevTenantDefaults.MicrosoftGraphAppId, "https://graph.microsoft.com"),
            ["servicePrincipalType"] = "Application",
            ["tags"] = new JsonArray(),
            ["appRoles"] = new JsonArray(),
            ["oauth2PermissionScopes"] = scopes,
        };
    }
}
