using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// The API as an MSAL confidential client (Entra mode), proving itself with a certificate, a managed identity's
/// federated credential, or (developer machines only) a secret. Two clients share that credential: one whose
/// token cache lives in memory, partitioned per user token, for requests; one whose cache is kept per grant in the
/// TokenCache table, for background work.
/// </summary>
internal sealed class MsalConfidentialClients
{
    /// <summary>Graph's scopes as OBO asks for them: whatever the app registration was consented for.</summary>
    public static readonly string[] GraphScopes = ["https://graph.microsoft.com/.default"];

    /// <summary>The audience a managed identity's token must have to serve as a federated credential.</summary>
    public const string TokenExchangeScope = "api://AzureADTokenExchange/.default";

    public MsalConfidentialClients(TenantEndpoints tenant, IHttpClientFactory httpClients, IMemoryCache memory)
    {
        var entra = tenant.Entra ?? throw new InvalidOperationException("MSAL clients need Graph:Mode Entra.");
        var http = new MsalHttpClients(httpClients);
        var assertion = ClientCredential(entra.Credential, httpClients);
        ForRequests = Build(entra, tenant.TenantId, http, assertion);
        ForBackground = Build(entra, tenant.TenantId, http, assertion);
        new MemoryTokenCache(memory).Attach(ForRequests.UserTokenCache);
    }

    /// <summary>On-behalf-of during a request; tokens cached in memory per user token.</summary>
    public IConfidentialClientApplication ForRequests { get; }

    /// <summary>Long-running on-behalf-of; its user token cache is attached by the background grant store.</summary>
    public IConfidentialClientApplication ForBackground { get; }

    /// <summary>The tid of a validated access token: on-behalf-of is asked of the user's own tenant.</summary>
    public static string? TenantOf(string userAccessToken)
    {
        try
        {
            return new JsonWebToken(userAccessToken).TryGetPayloadValue<string>(ApiAuthentication.TenantClaim, out var tid) ? tid : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static IConfidentialClientApplication Build(EntraClient entra, string tenantId, MsalHttpClients http, Action<ConfidentialClientApplicationBuilder> credential)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(entra.ClientId)
            .WithAuthority($"{entra.Instance}/{tenantId}/")
            .WithHttpClientFactory(http)
            .WithLegacyCacheCompatibility(false);
        credential(builder);
        return builder.Build();
    }

    private static Action<ConfidentialClientApplicationBuilder> ClientCredential(EntraCredential credential, IHttpClientFactory httpClients)
    {
        if (credential.CertificatePath is { } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, credential.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException("Auth:ClientCertificatePath must hold the certificate's private key (a PFX file).");
            }

            return builder => builder.WithCertificate(certificate);
        }

        if (credential.FederatedIdentityClientId is { } identityClientId)
        {
            // The managed identity's token for api://AzureADTokenExchange is the client assertion (no secret anywhere).
            var options = new ManagedIdentityCredentialOptions(ManagedIdentityId.FromUserAssignedClientId(identityClientId))
            {
                Transport = new HttpClientTransport(httpClients.CreateClient(ApiAuthentication.IdentityHttpClient)),
            };
            var identity = new ManagedIdentityCredential(options);
            return builder => builder.WithClientAssertion(async (AssertionRequestOptions request) =>
                (await identity.GetTokenAsync(new TokenRequestContext([TokenExchangeScope]), request.CancellationToken)).Token);
        }

        var secret = credential.ClientSecret ?? throw new InvalidOperationException("Entra mode needs a client credential (see docs/entra-setup.md).");
        return builder => builder.WithClientSecret(secret);
    }

    /// <summary>MSAL's HTTP goes through the app's named client (tests route it to a stub token service).</summary>
    private sealed class MsalHttpClients(IHttpClientFactory httpClients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => httpClients.CreateClient(ApiAuthentication.IdentityHttpClient);
    }

    /// <summary>
    /// The request client's token cache, one entry per user token (MSAL's suggested key), in the app's memory cache
    /// so it expires and is bounded like any other cache entry; never written anywhere else.
    /// </summary>
    private sealed class MemoryTokenCache(IMemoryCache memory)
    {
        public void Attach(ITokenCache cache)
        {
            cache.SetBeforeAccess(args =>
            {
                var blob = args.SuggestedCacheKey is { } key ? memory.Get<byte[]>(CacheKey(key)) : null;
                args.TokenCache.DeserializeMsalV3(blob, shouldClearExistingCache: true);
            });
            cache.SetAfterAccess(args =>
            {
                if (!args.HasStateChanged || args.SuggestedCacheKey is not { } key)
                {
                    return;
                }

                if (!args.HasTokens)
                {
                    memory.Remove(CacheKey(key));
                    return;
                }

                var expiry = args.SuggestedCacheExpiry is { } suggested ? suggested : DateTimeOffset.UtcNow.AddHours(1);
                memory.Set(CacheKey(key), args.TokenCache.SerializeMsalV3(), expiry);
            });
        }

        private static string CacheKey(string msalKey) => "msal-obo:" + msalKey;
    }
}
