namespace PeerMentor365.DevTenant;

/// <summary>How to start a <see cref="DevTenantServer"/>.</summary>
public sealed class DevTenantOptions
{
    /// <summary>A tenant seed file (JSON, see docs/dev-tenant.md); null uses the embedded default seed.</summary>
    public string? SeedPath { get; set; }

    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The tenant id that appears in the authority, issuer and the tokens' tid claim.</summary>
    public string TenantId { get; set; } = DevTenantDefaults.TenantId;

    /// <summary>The audience of tokens issued for our API.</summary>
    public string ApiAudience { get; set; } = DevTenantDefaults.ApiAudience;

    /// <summary>The confidential client allowed to exchange an API token for a Graph token (on-behalf-of).</summary>
    public string ApiClientId { get; set; } = DevTenantDefaults.ApiClientId;

    /// <summary>Dev-only shared secret of <see cref="ApiClientId"/>.</summary>
    public string ApiClientSecret { get; set; } = DevTenantDefaults.ApiClientSecret;

    /// <summary>The public client (the pane) allowed to sign in with the dev password grant.</summary>
    public string PaneClientId { get; set; } = DevTenantDefaults.PaneClientId;

    /// <summary>The fault switch's initial setting (off by default).</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>OneNote's per-user throttling limits (Graph's by default: 120 a minute, 400 an hour, 5 at once).</summary>
    public OneNoteLimits OneNoteLimits { get; set; } = new();

    /// <summary>Clock for token lifetimes and for placing seeded events relative to today.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
