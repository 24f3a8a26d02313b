using Microsoft.Graph;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensibility;
using PeerMentor365.Api.Auth;

namespace PeerMentor365.Api.Graph.Background;

/// <summary>
/// Background grants in Entra mode: MSAL's long-running on-behalf-of. During the user's request the grant key
/// becomes MSAL's session key (InitiateLongRunningProcessInWebApi); later AcquireTokenInLongRunningProcess
/// answers from the cache or redeems the refresh token it holds. MSAL's cache for each session is kept in the
/// TokenCache table row of that grant, and only there.
/// </summary>
internal sealed partial class MsalBackgroundGraphAccess : IBackgroundGraphAccess
{
    public const string Mode = "Entra";

    private readonly MsalConfidentialClients _clients;
    private readonly BackgroundGrantTable _grants;
    private readonly UserGraphClients _graphClients;
    private readonly ILogger<MsalBackgroundGraphAccess> _logger;

    public MsalBackgroundGraphAccess(MsalConfidentialClients clients, BackgroundGrantTable grants, UserGraphClients graphClients, ILogger<MsalBackgroundGraphAccess> logger)
    {
        _clients = clients;
        _grants = grants;
        _graphClients = graphClients;
        _logger = logger;
        var cache = clients.ForBackground.UserTokenCache;
        cache.SetBeforeAccessAsync(LoadAsync);
        cache.SetAfterAccessAsync(SaveAsync);
    }

    private ILongRunningWebApi LongRunning => (ILongRunningWebApi)_clients.ForBackground;

    public async Task RememberAsync(SignedInUser user, string grantKey, CancellationToken ct)
    {
        BackgroundGrantTable.CheckKey(grantKey);

        // A new grant under the key replaces the old one rather than reusing its tokens.
        await _grants.DeleteAsync(grantKey, ct);
        var sessionKey = grantKey;
        try
        {
            var request = LongRunning.InitiateLongRunningProcessInWebApi(MsalConfidentialClients.GraphScopes, user.AccessToken, ref sessionKey);
            if (MsalConfidentialClients.TenantOf(user.AccessToken) is { } tid)
            {
                request = request.WithTenantId(tid);
            }

            await request.ExecuteAsync(ct);
        }
        catch (MsalException error)
        {
            throw MsalFailures.Translate(error, _logger);
        }

        LogRemembered(_logger);
    }

    public async Task<GraphServiceClient?> ForAsync(string grantKey, CancellationToken ct)
    {
        BackgroundGrantTable.CheckKey(grantKey);
        var grant = await _grants.ReadAsync(grantKey, ct);
        if (grant is null || grant.Mode != Mode)
        {
            return null;
        }

        // One token now tells whether the grant still holds; the client asks again (from the cache) per request.
        return await TokenAsync(grantKey, ct) is null ? null : _graphClients.ForToken(async token =>
            await TokenAsync(grantKey, token)
            ?? throw new GraphUnavailableException("The background grant lapsed while the job ran.", StatusCodes.Status502BadGateway, null));
    }

    public async Task ForgetAsync(string grantKey, CancellationToken ct)
    {
        BackgroundGrantTable.CheckKey(grantKey);
        try
        {
            await LongRunning.StopLongRunningProcessInWebApiAsync(grantKey, ct);
        }
        finally
        {
            await _grants.DeleteAsync(grantKey, ct);
        }
    }

    /// <summary>A Graph token for the grant, or null when it lapsed (then its row is deleted).</summary>
    private async Task<string?> TokenAsync(string grantKey, CancellationToken ct)
    {
        try
        {
            var result = await LongRunning.AcquireTokenInLongRunningProcess(MsalConfidentialClients.GraphScopes, grantKey).ExecuteAsync(ct);
            return result.AccessToken;
        }
        catch (MsalException error) when (MsalFailures.IsGrantGone(error) || error is MsalClientException)
        {
            // Revoked, expired, or no tokens kept for the key: the grant is gone for good.
            await _grants.DeleteAsync(grantKey, ct);
            LogLapsed(_logger, error.ErrorCode);
            return null;
        }
        catch (MsalException error)
        {
            throw MsalFailures.Translate(error, _logger);
        }
    }

    private async Task LoadAsync(TokenCacheNotificationArgs args)
    {
        var grant = args.SuggestedCacheKey is { } key ? await _grants.ReadAsync(key, args.CancellationToken) : null;
        args.TokenCache.DeserializeMsalV3(grant?.Mode == Mode ? grant.Secret : null, shouldClearExistingCache: true);
    }

    private async Task SaveAsync(TokenCacheNotificationArgs args)
    {
        if (!args.HasStateChanged || args.SuggestedCacheKey is not { } key)
        {
            return;
        }

        if (args.HasTokens)
        {
            await _grants.WriteAsync(key, new BackgroundGrant(Mode, null, args.TokenCache.SerializeMsalV3()), args.CancellationToken);
        }
        else
        {
            await _grants.DeleteAsync(key, args.CancellationToken);
        }
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Background Graph grant remembered (long-running on-behalf-of)")]
    private static partial void LogRemembered(ILogger logger);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Background Graph grant lapsed ({ErrorCode}) and was forgotten")]
    private static partial void LogLapsed(ILogger logger, string errorCode);
}
