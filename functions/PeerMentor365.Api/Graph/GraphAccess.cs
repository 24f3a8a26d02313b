using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Web.TokenCacheProviders;
using PeerMentor365.Api.Graph.Background;

namespace PeerMentor365.Api.Graph;

/// <summary>Graph on behalf of the signed-in user: tokens from Identity.Web (Auth/), one shared HTTP pipeline, a client per request, background grants.</summary>
internal static class GraphAccess
{
    public static WebApplicationBuilder AddGraphAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(GraphTransport.Direct);
        builder.Services.AddSingleton<GraphTokens>();
        builder.Services.AddSingleton<UserGraphClients>();
        builder.Services.AddSingleton<GraphBatchSender>();
        builder.Services.AddSingleton<GrantTable>();
        builder.Services.AddSingleton<IMsalTokenCacheProvider, GrantAwareTokenCache>();
        builder.Services.AddSingleton<IBackgroundGraphAccess, LongRunningGraphAccess>();
        builder.Services.AddExceptionHandler<ConsentRequiredExceptionHandler>();
        builder.Services.AddExceptionHandler<ClaimsChallengeExceptionHandler>();
        return builder;
    }
}
