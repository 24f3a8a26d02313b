using Microsoft.Extensions.Options;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tenant;

/// <summary>Resolves which tenant the app talks to and, by default, starts the embedded dev tenant.</summary>
internal static class TenantSetup
{
    public static async Task<WebApplicationBuilder> AddTenantAsync(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).Validate(o => TenantValidation.Check(o).Count == 0).ValidateOnStart();
        services.AddOptions<DevTenantSettings>().BindConfiguration(DevTenantSettings.Section);
        services.AddOptions<EntraSettings>().BindConfiguration(EntraSettings.Section);

        // The JWT and Graph set-up need these endpoints before the app is built, so validate eagerly here.
        var graph = Bind<GraphOptions>(builder.Configuration, GraphOptions.Section);
        var dev = Bind<DevTenantSettings>(builder.Configuration, DevTenantSettings.Section);
        var entra = Bind<EntraSettings>(builder.Configuration, EntraSettings.Section);
        var failures = TenantValidation.Check(graph, dev, entra);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(GraphOptions.Section, typeof(GraphOptions), failures);
        }

        var endpoints = graph.Mode switch
        {
            GraphMode.Entra => throw EntraNotAvailableYet(),
            _ when !string.IsNullOrWhiteSpace(dev.BaseUrl) => ForDevTenant(new Uri(dev.BaseUrl.TrimEnd('/') + "/"), DevTenantDefaults.TenantId),
            _ => await StartEmbeddedDevTenantAsync(builder.Services, dev),
        };
        services.AddSingleton(endpoints);
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
            ApiAudiences = [DevTenantDefaults.ApiAudience],
            ApiScope = $"{DevTenantDefaults.ApiAudience}/{DevTenantDefaults.ApiScope}",
            GraphBaseUrl = new Uri($"{root}/v1.0"),
            RequireHttpsMetadata = !baseAddress.IsLoopback,
            DevTenant = new DevTenantClient(
                TokenEndpoint: new Uri($"{root}/{tenantId}/oauth2/v2.0/token"),
                AccountsEndpoint: new Uri($"{root}/dev/accounts"),
                PaneClientId: DevTenantDefaults.PaneClientId,
                ApiClientId: DevTenantDefaults.ApiClientId,
                ApiClientSecret: DevTenantDefaults.ApiClientSecret),
        };
    }

    private static async Task<TenantEndpoints> StartEmbeddedDevTenantAsync(IServiceCollection services, DevTenantSettings settings)
    {
        var server = await DevTenantServer.StartAsync(new DevTenantOptions
        {
            Port = settings.Port,
            SeedPath = string.IsNullOrWhiteSpace(settings.SeedPath) ? null : settings.SeedPath,
        });
        services.AddSingleton(server);
        services.AddHostedService<EmbeddedDevTenantLifetime>();
        return ForDevTenant(server.BaseAddress, server.TenantId);
    }

    private static T Bind<T>(ConfigurationManager configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    // Signing in with Entra ID works with the settings above, but Graph needs the on-behalf-of exchange with
    // MSAL, which arrives with the sign-in issue. Starting anyway would fail on the first Graph call.
    private static OptionsValidationException EntraNotAvailableYet() => new(
        GraphOptions.Section,
        typeof(GraphOptions),
        ["Graph:Mode 'Entra' is configured correctly, but this version cannot call Graph for Entra ID users yet " +
         "(the on-behalf-of exchange with MSAL arrives with the sign-in issue). Use Graph:Mode 'DevTenant' until then."]);
}

/// <summary>Stops the embedded dev tenant with the app.</summary>
internal sealed class EmbeddedDevTenantLifetime(DevTenantServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();
}
