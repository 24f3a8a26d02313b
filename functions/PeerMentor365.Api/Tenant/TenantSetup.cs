using Microsoft.Extensions.Options;

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
        // One call per type: the configuration binding generator writes binding code for concrete types only.
        var graph = new GraphOptions();
        builder.Configuration.GetSection(GraphOptions.Section).Bind(graph);
        var dev = new DevTenantSettings();
        builder.Configuration.GetSection(DevTenantSettings.Section).Bind(dev);
        var entra = new EntraSettings();
        builder.Configuration.GetSection(EntraSettings.Section).Bind(entra);
        var failures = TenantValidation.Check(graph, dev, entra, TenantValidation.TenantHost.Of(builder.Environment, builder.Configuration));
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(GraphOptions.Section, typeof(GraphOptions), failures);
        }

        if (graph.Mode == GraphMode.Entra)
        {
            services.AddSingleton(ForEntra(entra, graph));
            return builder;
        }

        DevTenantSetup.AddDevTenant(services, dev);
        return builder;
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
