namespace PeerMentor365.Api.Tenant;

/// <summary>Where the signed-in user's tokens come from and where Graph lives, resolved once at start-up.</summary>
internal sealed record TenantEndpoints
{
    public required GraphMode Mode { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The token issuer's authority; its OIDC metadata is at {Authority}/.well-known/openid-configuration.</summary>
    public required string Authority { get; init; }

    public required string Issuer { get; init; }

    /// <summary>Accepted audiences of access tokens for our API.</summary>
    public required IReadOnlyList<string> ApiAudiences { get; init; }

    /// <summary>The scope a client asks for to call our API.</summary>
    public required string ApiScope { get; init; }

    /// <summary>Graph's root, ending in /v1.0.</summary>
    public required Uri GraphBaseUrl { get; init; }

    /// <summary>False only for the dev tenant on loopback.</summary>
    public required bool RequireHttpsMetadata { get; init; }

    /// <summary>Present in dev-tenant mode.</summary>
    public DevTenantClient? DevTenant { get; init; }

    /// <summary>Present in Entra mode.</summary>
    public EntraClient? Entra { get; init; }
}

/// <summary>The dev tenant's sign-in and token-exchange endpoints and our dev client registrations.</summary>
internal sealed record DevTenantClient(
    Uri TokenEndpoint,
    Uri AccountsEndpoint,
    string PaneClientId,
    string ApiClientId,
    string ApiClientSecret);

/// <summary>Our Entra ID app registration.</summary>
internal sealed record EntraClient(string ClientId);
