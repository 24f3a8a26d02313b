using Microsoft.Extensions.Options;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tenant;

/// <summary>Resolves which tenant the app talks to and, by default, starts the embedded dev tenant.</summary>
internal static class TenantSetup
{
    public static WebApplicationBuilder AddTenant(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).Validate(o => TenantValidation.Check(o).Count == 0).ValidateOnStart();
        services.AddOptions<DevTenantSettings>().BindConfiguration(DevTenantSettings.Section);
        services.AddOptions<EntraSettings>().BindConfiguration(EntraSettings.Section);

        // Which tenant it is decides what gets registered, so read and check the settings now.
        var graph = Bind<GraphOptions>(builder.Configuration, GraphOptions.Section);
        var dev = Bind<DevTenantSettings>(builder.Configuration, DevTenantSettings.Section);
        var entra = Bind<EntraSettings>(builder.Configuration, EntraSettings.Section);
        var failures = TenantValidation.Check(graph, dev, entra);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(GraphOptions.Section, typeof(GraphOptions), failures);
        }

        if (graph.Mode == GraphMode.Entra)
        {
            services.AddSingleton(ForEntra(entra, graph));
            return builder;
        }

        if (!string.IsNullOrWhiteSpace(dev.BaseUrl))
        {
            services.AddSingleton(ForDevTenant(new Uri(dev.BaseUrl.TrimEnd('/') + "/"), DevTenantDefaults.TenantId));
        }
        else
        {
            // Started with the host (before Kestrel accepts requests); its port is known only then.
            services.AddSingleton(new EmbeddedDevTenant(dev));
            services.AddHostedService(provider => provider.GetRequiredService<EmbeddedDevTenant>());
            services.AddSingleton(provider =>
            {
                var server = provider.GetRequiredService<EmbeddedDevTenant>().Server;
                return ForDevTenant(server.BaseAddress, server.TenantId);
            });
        }

        return builder;
    }

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

    private static T Bind<T>(ConfigurationManager configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    /// <summary>A real tenant: tokens from Entra ID v2.0, Graph at Graph:BaseUrl.</summary>
    public static TenantEndpoints ForEntra(EntraSettings entra, GraphOptions graph)
    {
        var instance = entra.Instance.TrimEnd('/');
        var tenantId = entra.TenantId!.Trim().ToLowerInvariant();
        var clientId = entra.ClientId!.Trim();
        var audience = entra.Audience!.Trim().TrimEnd('/');
        var client = new EntraClient(clientId, instance);
        return new TenantEndpoints
        {
            Mode = GraphMode.Entra,
            TenantId = tenantId,
            Authority = $"{instance}/{tenantId}",
            Issuer = client.IssuerFor(tenantId),
            AllowedTenantIds = entra.AllowedTenants(),
            ApiScope = $"{audience}/access_as_user",
            GraphBaseUrl = new Uri(graph.BaseUrl.TrimEnd('/')),
            Entra = client,
        };
    }
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
