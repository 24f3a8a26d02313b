namespace PeerMentor365.Provisioning;

/// <summary>
/// What PeerMentor365's app registration must hold (docs/entra-setup.md, docs/graph-permissions.md): fixed facts about
/// Microsoft 365 and our API, in one place.
/// </summary>
internal static class AppRegistrationSpec
{
    public const string MicrosoftGraphAppId = "00000003-0000-0000-c000-000000000000";

    public const string Scope = "access_as_user";

    public const string ProgramAdminRole = "ProgramAdmin";

    public const string FederatedCredentialName = "peermentor365-function-identity";

    public const string TokenExchangeAudience = "api://AzureADTokenExchange";

    /// <summary>The delegated Microsoft Graph permissions of docs/graph-permissions.md (the backend's on-behalf-of calls and the pane's sign-in).</summary>
    public static readonly string[] GraphScopes =
        ["User.Read", "User.ReadBasic.All", "MailboxSettings.Read", "Calendars.ReadWrite", "Notes.ReadWrite.All", "Files.ReadWrite", "offline_access", "openid", "profile"];

    /// <summary>Clients pre-authorised for access_as_user (legacy Office single sign-on and Teams), with what each one is.</summary>
    public static readonly (string AppId, string What)[] PreAuthorizedClients =
    [
        ("ea5a67f6-b6f3-4338-b240-c655ddc3cc8e", "all Microsoft Office application endpoints"),
        ("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office"),
        ("bc59ab01-8403-45c6-8796-ac3ef710b3e3", "Outlook on the web"),
        ("93d53678-613d-4013-afc1-62e9e444a0a5", "Office on the web"),
        ("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Teams desktop and mobile"),
        ("5e3ce6c0-2b1f-4285-8d4b-75ee78787346", "Teams web"),
    ];

    public static string Tag(string name) => $"PeerMentor365:provisioned:{name}";

    public static string Notes(string name) =>
        $"Made by PeerMentor365's provisioning command for the deployment '{name}'. Re-run 'provision' to update it; 'remove' deletes it.";

    public static string IdentifierUri(string host, string appId) => $"api://{host}/{appId}";

    public static string[] SpaRedirectUris(string host) => [$"brk-multihub://{host}", $"https://{host}/api/pane/auth-redirect.html"];

    public static string Issuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";
}
