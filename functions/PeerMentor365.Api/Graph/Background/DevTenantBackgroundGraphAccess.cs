using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Graph;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph.Background;

/// <summary>
/// Background grants on the dev tenant: the on-behalf-of grant with offline_access yields a refresh token, kept
/// per grant key in the TokenCache table; later the refresh_token grant turns it into a Graph token (and a new
/// refresh token, which replaces the stored one). A refused refresh token means the grant lapsed.
/// </summary>
internal sealed partial class DevTenantBackgroundGraphAccess(
    TenantEndpoints tenant,
    IHttpClientFactory httpClients,
    BackgroundGrantTable grants,
    UserGraphClients graphClients,
    TimeProvider clock,
    ILogger<DevTenantBackgroundGraphAccess> logger) : IBackgroundGraphAccess
{
    public const string Mode = "DevTenant";

    private const string Scopes = DevTenantOnBehalfOf.GraphScope + " offline_access";
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(2);

    public async Task RememberAsync(SignedInUser user, string grantKey, CancellationToken ct)
    {
        BackgroundGrantTable.CheckKey(grantKey);
        var client = Client();
        var answer = await PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["requested_token_use"] = "on_behalf_of",
            ["assertion"] = user.AccessToken,
            ["client_id"] = client.ApiClientId,
            ["client_secret"] = client.ApiClientSecret,
            ["scope"] = Scopes,
        }, ct);
        if (answer.Refused is { } refused)
        {
            throw refused.IsConsentMissing
                ? new ConsentRequiredException()
                : new GraphUnavailableException("The tenant refused to grant background access to Graph.", StatusCodes.Status502BadGateway, null);
        }

        if (string.IsNullOrEmpty(answer.Token?.RefreshToken))
        {
            throw new GraphUnavailableException("The tenant granted no refresh token for background access.", StatusCodes.Status502BadGateway, null);
        }

        await grants.WriteAsync(grantKey, new BackgroundGrant(Mode, user.ObjectId, Encoding.UTF8.GetBytes(answer.Token.RefreshToken)), ct);
        LogRemembered(logger);
    }

    public async Task<GraphServiceClient?> ForAsync(string grantKey, CancellationToken ct)
    {
        BackgroundGrantTable.CheckKey(grantKey);
        var grant = await grants.ReadAsync(grantKey, ct);
        if (grant is null || grant.Mode != Mode)
        {
            return null;
        }

        var session = new RefreshSession(this, grantKey, grant.UserObjectId, Encoding.UTF8.GetString(grant.Secret));
        return await session.RefreshAsync(ct) ? graphClients.ForToken(session.GetTokenAsync) : null;
    }

    public async Task ForgetAsync(string grantKey, CancellationToken ct)
    {
        BackgroundGrantTable.CheckKey(grantKey);
        await grants.DeleteAsync(grantKey, ct);
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private DevTenantClient Client() => tenant.DevTenant
        ?? throw new InvalidOperationException("Dev tenant background grants need Graph:Mode DevTenant.");

    private async Task<TokenAnswer> PostAsync(Dictionary<string, string> fields, CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent(fields);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(DevTenantOnBehalfOf.HttpClientName).PostAsync(Client().TokenEndpoint, form, ct);
        }
        catch (HttpRequestException error)
        {
            throw new GraphUnavailableException("The tenant's token endpoint could not be reached.", StatusCodes.Status503ServiceUnavailable, null, error);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct);
                return string.IsNullOrEmpty(token?.AccessToken)
                    ? throw new GraphUnavailableException("The tenant's token endpoint answered without a token.", StatusCodes.Status502BadGateway, null)
                    : new TokenAnswer(token, null);
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new GraphUnavailableException("The tenant's token endpoint is unavailable.", StatusCodes.Status503ServiceUnavailable, null);
            }

            var error = await ReadErrorAsync(response, ct);
            LogRefused(logger, (int)response.StatusCode, error?.Error ?? "unknown", error?.ErrorCodes?.FirstOrDefault() ?? 0);
            return new TokenAnswer(null, new Refusal(error?.Error, error?.ErrorCodes ?? []));
        }
    }

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorResponse>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Turns the session's refresh token into a Graph token; false when the grant is gone (then it is forgotten).</summary>
    private async Task<bool> RefreshAsync(RefreshSession session, CancellationToken ct)
    {
        var client = Client();
        var answer = await PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = session.RefreshToken,
            ["client_id"] = client.ApiClientId,
            ["client_secret"] = client.ApiClientSecret,
            ["scope"] = Scopes,
        }, ct);
        if (answer.Refused is { } refused)
        {
            if (refused.IsGrantGone)
            {
                // Revoked or expired for good: forget it, so later runs do not ask again.
                await grants.DeleteAsync(session.GrantKey, ct);
                LogLapsed(logger);
                return false;
            }

            throw new GraphUnavailableException("The tenant refused to refresh the background grant.", StatusCodes.Status502BadGateway, null);
        }

        var token = answer.Token!;
        session.AccessToken = token.AccessToken;
        session.ExpiresAt = Now + TimeSpan.FromSeconds(token.ExpiresIn) - ExpiryMargin;
        if (!string.IsNullOrEmpty(token.RefreshToken) && token.RefreshToken != session.RefreshToken)
        {
            // Each use hands out a new refresh token: keep the newest, so the grant lives as long as it is used.
            session.RefreshToken = token.RefreshToken;
            await grants.WriteAsync(session.GrantKey, new BackgroundGrant(Mode, session.UserObjectId, Encoding.UTF8.GetBytes(token.RefreshToken)), ct);
        }

        return true;
    }

    /// <summary>One background run: its refresh token and current Graph token, refreshed once at a time when it nears expiry.</summary>
    private sealed class RefreshSession(DevTenantBackgroundGraphAccess owner, string grantKey, string? userObjectId, string refreshToken)
    {
        private readonly Lock _sync = new();
        private Task<bool>? _refreshing;

        public string GrantKey { get; } = grantKey;

        public string? UserObjectId { get; } = userObjectId;

        public string RefreshToken { get; set; } = refreshToken;

        public string? AccessToken { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public async Task<string> GetTokenAsync(CancellationToken ct)
        {
            if (AccessToken is { } token && owner.Now < ExpiresAt)
            {
                return token;
            }

            return await RefreshAsync(ct)
                ? AccessToken!
                : throw new GraphUnavailableException("The background grant lapsed while the job ran.", StatusCodes.Status502BadGateway, null);
        }

        /// <summary>Concurrent callers share one refresh.</summary>
        public Task<bool> RefreshAsync(CancellationToken ct)
        {
            lock (_sync)
            {
                return _refreshing ??= RunAsync(ct);
            }
        }

        private async Task<bool> RunAsync(CancellationToken ct)
        {
            try
            {
                return await owner.RefreshAsync(this, ct);
            }
            finally
            {
                lock (_sync)
                {
                    _refreshing = null;
                }
            }
        }
    }

    private sealed record TokenAnswer(TokenResponse? Token, Refusal? Refused);

    private sealed record Refusal(string? Error, int[] Codes)
    {
        public bool IsConsentMissing => Codes.Contains(65001);

        public bool IsGrantGone => Error == "invalid_grant" && !IsConsentMissing;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background Graph grant remembered")]
    private static partial void LogRemembered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background Graph grant lapsed (revoked or expired) and was forgotten")]
    private static partial void LogLapsed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token endpoint refused a background grant with HTTP {Status}: {Error} {Code}")]
    private static partial void LogRefused(ILogger logger, int status, string error, int code);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record ErrorResponse(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_codes")] int[]? ErrorCodes);
}
