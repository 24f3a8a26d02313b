using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph;

/// <summary>What every Graph handler needs: the tenant's people and where the service lives.</summary>
internal sealed class GraphContext(TenantSeed seed, string graphBaseUrl)
{
    public TenantSeed Seed { get; } = seed;

    /// <summary>http://127.0.0.1:{port}/v1.0 (no trailing slash).</summary>
    public string GraphBaseUrl { get; } = graphBaseUrl;

    public string Metadata(string fragment) => $"{GraphBaseUrl}/$metadata#{fragment}";
}
