using Microsoft.Graph;
using PeerMentor365.Api.Auth;

namespace PeerMentor365.Api.Graph.Background;

/// <summary>
/// Background grants as Identity.Web's long-running on-behalf-of sessions, one per grant key: during the user's
/// request the session starts with their token (a fresh on-behalf-of whose refresh token MSAL keeps); later the
/// nightly job asks for a token by the key alone, from the cache or by redeeming that refresh token. MSAL's cache of
/// each session lives in the TokenCache table (<see cref="GrantAwareTokenCache"/>), with the tenant it is asked of.
/// </summary>
internal sealed partial class LongRunningGraphAccess(
    GraphTokens tokens,
    GrantTable grants,
    UserGraphClients graphClients,
    ILogger<LongRunningGraphAccess> logger) : IBackgroundGraphAccess
{
    public async Task RememberAsync(SignedInUser user, string grantKey, CancellationToken ct)
    {
        GrantTable.CheckKey(grantKey);

        // A new grant under the key replaces the old one rather than reusing its tokens.
        await grants.DeleteAsync(grantKey, ct);
        using (GrantAwareTokenCache.ForGrants())
        {
            await tokens.StartSessionAsync(user, grantKey, ct);
        }

        await grants.WriteOwnerAsync(grantKey, GraphTokens.TenantOf(user.AccessToken), user.ObjectId, ct);
        LogRemembered(logger);
    }

    public async Task<GraphServiceClient?> ForAsync(string grantKey, CancellationToken ct)
    {
        GrantTable.CheckKey(grantKey);
        var grant = await grants.ReadAsync(grantKey, ct);
        if (grant is null)
        {
            return null;
        }

        // One token now tells whether the grant still holds; the client asks again (from the cache) per request.
        return await TokenAsync(grantKey, grant.TenantId, ct) is null ? null : graphClients.ForToken(async token =>
            await TokenAsync(grantKey, grant.TenantId, token)
            ?? throw new GraphUnavailableException("The background grant lapsed while the job ran.", StatusCodes.Status502BadGateway, null));
    }

    public async Task ForgetAsync(string grantKey, CancellationToken ct)
    {
        GrantTable.CheckKey(grantKey);
        await grants.DeleteAsync(grantKey, ct);
    }

    /// <summary>A Graph token for the grant, or null when it lapsed (then its row is deleted, so later runs do not ask again).</summary>
    private async Task<string?> TokenAsync(string grantKey, string? tenantId, CancellationToken ct)
    {
        string? token;
        using (GrantAwareTokenCache.ForGrants())
        {
            token = await tokens.ForSessionAsync(grantKey, tenantId, ct);
        }

        if (token is null)
        {
            await grants.DeleteAsync(grantKey, ct);
            LogLapsed(logger);
        }

        return token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background Graph grant remembered (long-running on-behalf-of)")]
    private static partial void LogRemembered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background Graph grant lapsed (revoked, expired or unknown) and was forgotten")]
    private static partial void LogLapsed(ILogger logger);
}
