using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// One HTTP pipeline with the SDK's default handlers (retry, redirect, …; the retry handler within our Retry-After limit,
/// <see cref="GraphRetryPolicy"/>) shared by all requests, and a
/// <see cref="GraphServiceClient"/> per request authenticated as the signed-in user.
/// </summary>
internal sealed class UserGraphClients : IDisposable
{
    private readonly HttpClient _http;
    private readonly TenantEndpoints _tenant;
    private readonly GraphTokens _tokens;

    public UserGraphClients(TenantEndpoints tenant, GraphTokens tokens, GraphTransport transport, IOptions<GraphOptions> options, TimeProvider clock)
    {
        _tenant = tenant;
        _tokens = tokens;
        var settings = options.Value;
        _http = GraphClientFactory.Create(GraphRetryPolicy.Handlers(settings, clock), finalHandler: transport.CreateHandler());
        _http.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
    }

    /// <summary>A client for one request; the caller need not dispose it (the shared pipeline outlives it).</summary>
    public GraphServiceClient For(SignedInUser user)
    {
        var tokens = new DelegatedTokenProvider(ct => _tokens.ForRequestAsync(user, ct), _tenant.GraphBaseUrl.Host);
        return new GraphServiceClient(_http, new BaseBearerTokenAuthenticationProvider(tokens), _tenant.GraphBaseUrl.ToString());
    }

    /// <summary>A client whose Graph token comes from <paramref name="getToken"/> (background work, where no user request is in flight).</summary>
    public GraphServiceClient ForToken(Func<CancellationToken, Task<string>> getToken)
    {
        var tokens = new DelegatedTokenProvider(getToken, _tenant.GraphBaseUrl.Host);
        return new GraphServiceClient(_http, new BaseBearerTokenAuthenticationProvider(tokens), _tenant.GraphBaseUrl.ToString());
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The network end of the Graph pipeline (tests route graph.microsoft.com to the dev tenant with their own).</summary>
internal sealed record GraphTransport(Func<HttpMessageHandler> CreateHandler)
{
    public static GraphTransport Direct { get; } = new(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
}

/// <summary>
/// Hands the SDK a token from a callback, but only for the configured Graph host: the SDK sends no Authorization
/// header to a host its validator does not allow, so the dev tenant's host must be listed.
/// </summary>
internal sealed class DelegatedTokenProvider(Func<CancellationToken, Task<string>> getToken, string graphHost) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphHost]);

    public async Task<string> GetAuthorizationTokenAsync(
        Uri uri,
        Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default) =>
        AllowedHostsValidator.IsUrlHostValid(uri) ? await getToken(cancellationToken) : string.Empty;
}
