using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Auth;

/// <summary>How MSAL and the JWT metadata fetch reach the identity provider in each mode.</summary>
internal static class IdentityHttp
{
    /// <summary>Entra mode: Entra ID itself, through the app's named client (tests route it to a stub Entra).</summary>
    public static IServiceCollection AddEntraIdentityHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ApiAuthentication.IdentityHttpClient);
        services.AddSingleton<IMsalHttpClientFactory, EntraHttpClients>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((jwt, clients) => jwt.Backchannel = clients.CreateClient(ApiAuthentication.IdentityHttpClient));
        services.AddHostedService<EntraModeGuard>();
        return services;
    }

    /// <summary>
    /// Dev-tenant mode only: login.microsoftonline.com is answered by the loopback dev tenant (it serves Entra's
    /// /{tenant}/v2.0 metadata and /{tenant}/oauth2/v2.0/token paths), for MSAL and for the JWT metadata and keys;
    /// its tokens' issuer is trusted. Never called in Entra mode (EntraModeGuard checks).
    /// </summary>
    public static IServiceCollection AddDevTenantRouting(this IServiceCollection services)
    {
        services.AddSingleton<DevTenantRouting>();
        services.AddSingleton<IMsalHttpClientFactory>(provider => provider.GetRequiredService<DevTenantRouting>());
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<DevTenantRouting, TenantEndpoints>((jwt, routing, tenant) =>
            {
                jwt.Backchannel = routing.GetHttpClient();
                jwt.TokenValidationParameters.ValidIssuers = [tenant.Issuer];
            });
        return services;
    }

    /// <summary>MSAL's HTTP through the named identity client (MSAL asks for a client per request; the factory pools handlers).</summary>
    private sealed class EntraHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => clients.CreateClient(ApiAuthentication.IdentityHttpClient);
    }
}

/// <summary>
/// One long-lived HttpClient whose requests for login.microsoftonline.com go to the dev tenant instead (scheme, host
/// and port rewritten; path and query kept). It refuses to send them anywhere but a loopback address, so the dev
/// tenant's any-password identity can never stand in for Entra on a network.
/// </summary>
internal sealed class DevTenantRouting : IMsalHttpClientFactory, IDisposable
{
    public const string EntraHost = "login.microsoftonline.com";

    private readonly HttpClient _client;

    public DevTenantRouting(IServiceProvider services) =>
        _client = new HttpClient(new Rewriter(() => services.GetRequiredService<TenantEndpoints>()));

    public HttpClient GetHttpClient() => _client;

    public void Dispose() => _client.Dispose();

    private sealed class Rewriter(Func<TenantEndpoints> tenant)
        : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri && string.Equals(uri.Host, EntraHost, StringComparison.OrdinalIgnoreCase))
            {
                var target = tenant().DevTenant?.BaseAddress
                    ?? throw new InvalidOperationException("Dev-tenant routing needs Graph:Mode DevTenant.");
                if (!IsLoopback(target))
                {
                    throw new InvalidOperationException("Dev-tenant routing only sends sign-in traffic to a dev tenant on this machine (a loopback address).");
                }

                request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }

        private static bool IsLoopback(Uri target) =>
            target.IsLoopback || (IPAddress.TryParse(target.Host, out var address) && IPAddress.IsLoopback(address));
    }
}

/// <summary>
/// Entra mode refuses to start if anything of the dev tenant's routing is in place: MSAL's HTTP factory is the
/// router, metadata may come over plain http, or a loopback issuer is trusted.
/// </summary>
internal sealed class EntraModeGuard(IMsalHttpClientFactory msalHttp, IOptionsMonitor<JwtBearerOptions> jwt) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var failures = Check(msalHttp, jwt.Get(JwtBearerDefaults.AuthenticationScheme));
        return failures.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException("Graph:Mode is Entra but the dev tenant's routing is in place: " + string.Join(" ", failures));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static List<string> Check(IMsalHttpClientFactory msalHttp, JwtBearerOptions jwt)
    {
        var failures = new List<string>();
        if (msalHttp is DevTenantRouting)
        {
            failures.Add("MSAL's HTTP is routed to the dev tenant.");
        }

        if (!jwt.RequireHttpsMetadata)
        {
            failures.Add("Token metadata may be fetched over http.");
        }

        var issuers = (jwt.TokenValidationParameters.ValidIssuers ?? []).Append(jwt.TokenValidationParameters.ValidIssuer);
        if (issuers.Any(issuer => Uri.TryCreate(issuer?.Replace("{tenantid}", "t", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add("A loopback or http issuer is trusted.");
        }

        return failures;
    }
}
