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

    /// <summary>Microsoft Graph's application id, the same in every tenant.</summary>
    public const string MicrosoftGraphAppId = "00000003-0000-0000-c000-000000000000";

    /// <summary>The object id of Microsoft Graph's service principal in the dev tenant (tenants differ; look it up by appId).</summary>
    public const string MicrosoftGraphServicePrincipalId = "8a4c2e51-0c63-4f6e-9d0b-6b1f2d7c9e30";

    /// <summary>The id of the seeded group "Mentoring programme admins" (members: the seeded users with the ProgramAdmin app role).</summary>
    public const string ProgramAdminsGroupId = "3f9b6c2d-1e4a-4b7c-8d5e-2a6f0c9b1d47";

    /// <summary>The public client id an admin tool signs in with (the password grant for a Graph token, as a dev stand-in for device code).</summary>
    public const string AdminToolClientId = "peermentor365-admin-tool";
}
