namespace PeerMentor365.Api.Tenant;

/// <summary>Where the signed-in user's tokens come from and where Graph lives, resolved once at start-up.</summary>
internal sealed record TenantEndpoints
{
    public required GraphMode Mode { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The authority a client signs in with (dev tenant: {root}/{tenant}/v2.0; Entra: https://login.microsoftonline.com/{tenant}).</summary>
    public required string Authority { get; init; }

    /// <summary>The issuer of the home tenant's tokens (each allowed tenant has its own: see <see cref="AllowedTenantIds"/>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The tid values whose users may use the app (lower case).</summary>
    public required IReadOnlyList<string> AllowedTenantIds { get; init; }

    /// <summary>The scope a client asks for to call our API.</summary>
    public required string ApiScope { get; init; }

    /// <summary>Graph's root, ending in /v1.0.</summary>
    public required Uri GraphBaseUrl { get; init; }

    /// <summary>Present in dev-tenant mode.</summary>
    public DevTenantClient? DevTenant { get; init; }

    /// <summary>Present in Entra mode.</summary>
    public EntraClient? Entra { get; init; }
}

/// <summary>The dev tenant's sign-in and token-exchange endpoints and our dev client registrations.</summary>
internal sealed record DevTenantClient(
    Uri BaseAddress,
    Uri TokenEndpoint,
    Uri AccountsEndpoint,
    string PaneClientId,
    string ApiClientId,
    string ApiClientSecret);

/// <summary>Our Entra ID app registration (its credential is Identity.Web's: see Auth/ApiAuthentication.cs).</summary>
internal sealed record EntraClient(string ClientId, string Instance)
{
    /// <summary>The issuer of v2.0 tokens from a tenant.</summary>
    public string IssuerFor(string tenantId) => $"{Instance}/{tenantId}/v2.0";
}
