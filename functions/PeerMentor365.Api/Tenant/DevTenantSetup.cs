using Microsoft.Identity.Abstractions;
using PeerMentor365.Api.Auth;
#if DEV_TENANT
using PeerMentor365.DevTenant;
#else
using System.Diagnostics;
#endif

namespace PeerMentor365.Api.Tenant;

// The only file that names the dev tenant's assembly. tools/publish.sh builds the package with
// IncludeDevTenant=false (PeerMentor365.Api.csproj): no ProjectReference, no DEV_TENANT constant, so the
// package holds no simulator and no seed, and tenant validation refuses dev-tenant mode there.
#if DEV_TENANT
/// <summary>Registers the dev tenant's endpoints: one already running at DevTenant:BaseUrl, or the embedded one.</summary>
internal static class DevTenantSetup
{
    /// <summary>Whether this build carries the dev tenant (false in the published package).</summary>
    public const bool Included = true;

    public static void AddDevTenant(IServiceCollection services, DevTenantSettings dev)
    {
        if (!string.IsNullOrWhiteSpace(dev.BaseUrl))
        {
            services.AddSingleton(WithGraphAt(ForDevTenant(new Uri(dev.BaseUrl.TrimEnd('/') + "/"), DevTenantDefaults.TenantId), dev));
            return;
        }

        // Started with the host (before Kestrel accepts requests); its port is known only then.
        services.AddSingleton(new EmbeddedDevTenant(dev));
        services.AddHostedService(provider => provider.GetRequiredService<EmbeddedDevTenant>());
        services.AddSingleton(provider =>
        {
            var server = provider.GetRequiredService<EmbeddedDevTenant>().Server;
            return WithGraphAt(ForDevTenant(server.BaseAddress, server.TenantId), dev);
        });
    }

    /// <summary>
    /// What Identity.Web is told in dev-tenant mode: Entra's instance (MSAL accepts only https authorities; the routing
    /// sends its traffic to the dev tenant), the dev tenant's ids and its well-known secret; its issuer is added once it runs.
    /// </summary>
    public static IdentitySettings IdentitySettings() => new(
        GraphMode.DevTenant,
        Auth.IdentitySettings.EntraInstance,
        DevTenantDefaults.TenantId,
        DevTenantDefaults.ApiClientId,
        [DevTenantDefaults.ApiAudience],
        [],
        RequireHttpsMetadata: false,
        [new CredentialDescription { SourceType = CredentialSource.ClientSecret, ClientSecret = DevTenantDefaults.ApiClientSecret }]);

    /// <summary>The endpoints of a dev tenant at <paramref name="baseAddress"/> (its URL scheme, see docs/dev-tenant.md).</summary>
    public static TenantEndpoints ForDevTenant(Uri baseAddress, string tenantId)
    {
        var root = baseAddress.GetLeftPart(UriPartial.Authority);
        var authority = $"{root}/{tenantId}/v2.0";
        return new TenantEndpoints
        {
            Mode = GraphMode.DevTenant,
            TenantId = tenantId,
            Authority = authority,
            Issuer = authority,
            AllowedTenantIds = [tenantId.ToLowerInvariant()],
            ApiScope = $"{DevTenantDefaults.ApiAudience}/{DevTenantDefaults.ApiScope}",
            GraphBaseUrl = new Uri($"{root}/v1.0"),
            DevTenant = new DevTenantClient(
                BaseAddress: new Uri(root + "/"),
                TokenEndpoint: new Uri($"{root}/{tenantId}/oauth2/v2.0/token"),
                AccountsEndpoint: new Uri($"{root}/dev/accounts"),
                PaneClientId: DevTenantDefaults.PaneClientId,
                ApiClientId: DevTenantDefaults.ApiClientId,
                ApiClientSecret: DevTenantDefaults.ApiClientSecret),
        };
    }

    /// <summary>The dev tenant's endpoints, with Graph elsewhere when DevTenant:GraphBaseUrl says so (tests serve Graph's documented answers).</summary>
    private static TenantEndpoints WithGraphAt(TenantEndpoints endpoints, DevTenantSettings dev) =>
        string.IsNullOrWhiteSpace(dev.GraphBaseUrl) ? endpoints : endpoints with { GraphBaseUrl = new Uri(dev.GraphBaseUrl.TrimEnd('/')) };
}

/// <summary>
/// The dev tenant embedded in the app when no tenant is configured. It starts with the host rather than
/// while the app is composed, so that nothing builds a second web host before the app's own.
/// </summary>
internal sealed class EmbeddedDevTenant(DevTenantSettings settings) : IHostedService, IAsyncDisposable
{
    private DevTenantServer? _server;

    /// <summary>The running dev tenant (available once the host has started).</summary>
    public DevTenantServer Server => _server ?? throw new InvalidOperationException("The embedded dev tenant has not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _server ??= await DevTenantServer.StartAsync(
            new DevTenantOptions
            {
                Port = settings.Port,
                SeedPath = string.IsNullOrWhiteSpace(settings.SeedPath) ? null : settings.SeedPath,
            },
            cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
#else
/// <summary>The published package: built without the dev tenant.</summary>
internal static class DevTenantSetup
{
    /// <summary>Whether this build carries the dev tenant (false in the published package).</summary>
    public const bool Included = false;

    public static void AddDevTenant(IServiceCollection services, DevTenantSettings dev) =>
        throw new UnreachableException("Tenant validation refuses Graph:Mode DevTenant in a build without the dev tenant.");

    public static IdentitySettings IdentitySettings() =>
        throw new UnreachableException("Tenant validation refuses Graph:Mode DevTenant in a build without the dev tenant.");
}
#endif
