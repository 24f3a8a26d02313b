namespace PeerMentor365.DevTenant;

/// <summary>The dev tenant's fixed identifiers, shared with the API's development configuration.</summary>
public static class DevTenantDefaults
{
    /// <summary>The dev tenant's id (a fixed GUID so configuration can name it).</summary>
    public const string TenantId = "5e1c0f0a-7d3b-4c1e-9a2f-3b8d6e4f7a10";

    /// <summary>Audience of access tokens for our API.</summary>
    public const string ApiAudience = "api://peermentor365-dev";

    /// <summary>The API's client id (the confidential client doing on-behalf-of).</summary>
    public const string ApiClientId = "peermentor365-api";

    /// <summary>The API's dev-only client secret.</summary>
    public const string ApiClientSecret = "dev-only-not-a-secret";

    /// <summary>The pane's client id.</summary>
    public const string PaneClientId = "peermentor365-pane";

    /// <summary>Audience of Graph tokens, as Entra issues them.</summary>
    public const string GraphAudience = "https://graph.microsoft.com";

    /// <summary>The delegated scope our API exposes.</summary>
    public const string ApiScope = "access_as_user";
}
