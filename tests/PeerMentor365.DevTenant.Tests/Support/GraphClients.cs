using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>Real GraphServiceClients pointed at a dev tenant, with the token provider the backend is expected to use.</summary>
internal static class GraphClients
{
    /// <summary>A client that sends the user's Graph token to 127.0.0.1 (the host is allowed explicitly).</summary>
    public static GraphServiceClient For(DevTenantServer tenant, string mail, HttpClient? http = null) =>
        Create(tenant, new StaticTokenProvider(tenant.IssueGraphToken(mail), ["127.0.0.1"]), http);

    /// <summary>A client whose token provider keeps the SDK's default validator: Graph's cloud hosts only.</summary>
    public static GraphServiceClient WithGraphHostsOnly(DevTenantServer tenant, string mail) =>
        Create(tenant, new StaticTokenProvider(tenant.IssueGraphToken(mail), ["graph.microsoft.com"]), null);

    private static GraphServiceClient Create(DevTenantServer tenant, IAccessTokenProvider provider, HttpClient? http)
    {
        var auth = new BaseBearerTokenAuthenticationProvider(provider);
        return http is null
            ? new GraphServiceClient(auth, tenant.GraphBaseUrl)
            : new GraphServiceClient(http, auth, tenant.GraphBaseUrl);
    }

    /// <summary>Hands out one token for allowed hosts and nothing elsewhere — the contract of Kiota's token providers.</summary>
    private sealed class StaticTokenProvider(string token, string[] allowedHosts) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(allowedHosts);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
    }
}
