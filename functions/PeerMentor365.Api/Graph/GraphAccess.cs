using PeerMentor365.Api.Graph.Background;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>Graph on behalf of the signed-in user: token exchange, one shared HTTP pipeline, a client per request.</summary>
internal static class GraphAccess
{
    public static WebApplicationBuilder AddGraphAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient(DevTenantOnBehalfOf.HttpClientName);
        builder.Services.AddSingleton<IGraphTokenExchange, DevTenantOnBehalfOf>();
        builder.Services.AddSingleton<UserGraphClients>();
        builder.Services.AddSingleton<GraphBatchSender>();
        builder.Services.AddSingleton<BackgroundGrantTable>();
        builder.Services.AddSingleton<IBackgroundGraphAccess, DevTenantBackgroundGraphAccess>();
        builder.Services.AddExceptionHandler<ConsentRequiredExceptionHandler>();
        return builder;
    }
}
