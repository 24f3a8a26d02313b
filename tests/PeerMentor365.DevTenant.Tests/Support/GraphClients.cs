using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>Real GraphServiceClients pointed at a dev tenant, with the token provider the backend is expected to use.</summary>
internal static class GraphClients
{
    /// <summary>A client that sends the user's Graph token to 127.0.0.1 (the host is allowed explicitly).</summary>
    public static GraphServiceClient For(DevTenantServer tenant, string mail, HttpClient? http = null) =>
        Create(tenant, new StaticTokenProvider(tenant.IssueGraphToken(mail), ["127.0.0.1"]), http);

    /// <summary>
    /// The SDK's convenience constructor with a TokenCredential: its token provider keeps the default allowed hosts
    /// (Graph's clouds only), so it hands out no token for 127.0.0.1.
    /// </summary>
    public static GraphServiceClient WithSdkDefaultHosts(DevTenantServer tenant, string mail) =>
        new(new FixedCredential(tenant.IssueGraphToken(mail)), ["https://graph.microsoft.com/.default"], tenant.GraphBaseUrl);

    private static GraphServiceClient Create(DevTenantServer tenant, IAccessTokenProvider provider, HttpClient? http)
    {
        var auth = new BaseBearerTokenAuthenticationProvider(provider);
        return http is null
            ? new GraphServiceClient(auth, tenant.GraphBaseUrl)
            : new GraphServiceClient(http, auth, tenant.GraphBaseUrl);
    }

    /// <summary>A credential that always has the same token, as an on-behalf-of credential would for one request.</summary>
    private sealed class FixedCredential(string token) : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Hands out one token for allowed hosts and nothing elsewhere — the contract of Kiota's token providers.</summary>
    private sealed class StaticTokenProvider(string token, string[] allowedHosts) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(allowedHosts);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
    }
}
