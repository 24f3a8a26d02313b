namespace PeerMentor365.Api.Tenant;

/// <summary>Which Microsoft 365 the app talks to.</summary>
internal enum GraphMode
{
    /// <summary>The simulated tenant (embedded, or one already running at DevTenant:BaseUrl).</summary>
    DevTenant,

    /// <summary>A real Microsoft 365 tenant through Entra ID.</summary>
    Entra,
}

/// <summary>Settings of the Graph section.</summary>
internal sealed class GraphOptions
{
    public const string Section = "Graph";

    public GraphMode Mode { get; set; } = GraphMode.DevTenant;

    /// <summary>Graph's root in Entra mode (the dev tenant serves its own). Keep the path exactly /v1.0: the SDK's batch relies on it.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>How many times throttled items of a $batch are sent again before the request gives up with 503.</summary>
    public int MaxThrottleRetries { get; set; } = 3;

    /// <summary>The longest Retry-After worth waiting for inside a request; longer ones end it with 503 at once.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>How long one Graph call (with the SDK's own retries of it) may take before it ends with 503.</summary>
    public int TimeoutSeconds { get; set; } = 100;
}

/// <summary>Settings of the DevTenant section (used when Graph:Mode is DevTenant).</summary>
internal sealed class DevTenantSettings
{
    public const string Section = "DevTenant";

    /// <summary>Loopback port of the embedded dev tenant; 0 picks a free one.</summary>
    public int Port { get; set; } = 5081;

    /// <summary>A tenant scenario file replacing the embedded default seed.</summary>
    public string? SeedPath { get; set; }

    /// <summary>A dev tenant that is already running (another process, a test); then none is embedded.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Graph's root when something else than the dev tenant serves Graph (a test's WireMock); tokens still come from the dev tenant.</summary>
    public string? GraphBaseUrl { get; set; }
}

/// <summary>Settings of the Auth section (used when Graph:Mode is Entra).</summary>
internal sealed class EntraSettings
{
    public const string Section = "Auth";

    public string Instance { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The tenant the app is registered in (its home tenant).</summary>
    public string? TenantId { get; set; }

    /// <summary>Tenant ids (GUIDs, separated by commas) whose users may sign in; unset allows only <see cref="TenantId"/>.</summary>
    public string? AllowedTenantIds { get; set; }

    /// <summary>The API's application (client) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API's application id URI (the audience of its access tokens), e.g. api://host/clientId.</summary>
    public string? Audience { get; set; }

    /// <summary>A PFX file with the certificate (and private key) registered on the app: the on-behalf-of client credential.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The PFX file's password, if it has one.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>The client id of the user-assigned managed identity named in the app's federated credential: the on-behalf-of client credential without any secret.</summary>
    public string? FederatedIdentityClientId { get; set; }

    /// <summary>A client secret, for a developer's machine only (Azure uses the certificate or the federated credential).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The allowed tenants: <see cref="AllowedTenantIds"/> when set, else the home tenant.</summary>
    public IReadOnlyList<string> AllowedTenants() =>
        string.IsNullOrWhiteSpace(AllowedTenantIds)
            ? (TenantId is { } home ? [home.Trim().ToLowerInvariant()] : [])
            : [.. AllowedTenantIds.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(id => id.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
}
