using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// The OAuth 2.0 on-behalf-of grant against the dev tenant's token endpoint, as a plain form POST.
/// Graph tokens are cached per user token until shortly before they expire.
/// </summary>
internal sealed partial class DevTenantOnBehalfOf(
    TenantEndpoints tenant,
    IHttpClientFactory httpClients,
    IMemoryCache cache,
    TimeProvider clock,
    ILogger<DevTenantOnBehalfOf> logger) : IGraphTokenExchange
{
    public const string HttpClientName = "DevTenantTokens";

    public const string GraphScope = "https://graph.microsoft.com/.default";

    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(2);

    public async Task<string> GetGraphTokenAsync(string userAccessToken, CancellationToken cancellationToken)
    {
        var key = CacheKey(userAccessToken);
        if (cache.TryGetValue(key, out string? cached) && cached is not null)
        {
            return cached;
        }

        var client = tenant.DevTenant
            ?? throw new InvalidOperationException("The on-behalf-of exchange with the dev tenant needs Graph:Mode DevTenant.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["requested_token_use"] = "on_behalf_of",
            ["assertion"] = userAccessToken,
            ["client_id"] = client.ApiClientId,
            ["client_secret"] = client.ApiClientSecret,
            ["scope"] = GraphScope,
        });
        using var response = await httpClients.CreateClient(HttpClientName).PostAsync(client.TokenEndpoint, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The error body names the grant problem; the status is enough for the log (it never carries tokens).
            LogExchangeRefused(logger, (int)response.StatusCode);
            throw new GraphUnavailableException(
                "The tenant refused to exchange the sign-in token for a Graph token.", StatusCodes.Status502BadGateway, null);
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new GraphUnavailableException("The tenant's token endpoint answered without a token.", StatusCodes.Status502BadGateway, null);
        if (string.IsNullOrEmpty(token.AccessToken))
        {
            throw new GraphUnavailableException("The tenant's token endpoint answered without a token.", StatusCodes.Status502BadGateway, null);
        }

        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn) - ExpiryMargin;
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(key, token.AccessToken, clock.GetUtcNow() + lifetime);
        }

        return token.AccessToken;
    }

    // The cache is keyed by a hash so user tokens are not kept as keys.
    private static string CacheKey(string userAccessToken) =>
        "obo:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userAccessToken)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "On-behalf-of exchange refused with HTTP {Status}")]
    private static partial void LogExchangeRefused(ILogger logger, int status);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
