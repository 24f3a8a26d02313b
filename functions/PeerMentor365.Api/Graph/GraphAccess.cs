using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerMentor365.Api.Graph.Background;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>Graph on behalf of the signed-in user: token exchange (MSAL in Entra mode, a plain form post on the dev tenant), one shared HTTP pipeline, a client per request, background grants.</summary>
internal static class GraphAccess
{
    public static WebApplicationBuilder AddGraphAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(GraphTransport.Direct);
        builder.Services.AddSingleton<UserGraphClients>();
        builder.Services.AddSingleton<GraphBatchSender>();
        builder.Services.AddSingleton<BackgroundGrantTable>();
        if (builder.Configuration.GetSection(GraphOptions.Section).Get<GraphOptions>()?.Mode == GraphMode.Entra)
        {
            builder.Services.AddSingleton<MsalConfidentialClients>();
            builder.Services.AddSingleton<IGraphTokenExchange, MsalOnBehalfOf>();
            builder.Services.AddSingleton<IBackgroundGraphAccess, MsalBackgroundGraphAccess>();
        }
        else
        {
            builder.Services.AddHttpClient(DevTenantOnBehalfOf.HttpClientName);
            builder.Services.AddSingleton<IGraphTokenExchange, DevTenantOnBehalfOf>();
            builder.Services.AddSingleton<IBackgroundGraphAccess, DevTenantBackgroundGraphAccess>();
        }

        builder.Services.AddExceptionHandler<ConsentRequiredExceptionHandler>();
        return builder;
    }
}
