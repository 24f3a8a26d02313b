using System.Security.Claims;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PeerMentor365.Api.Auth;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// Graph tokens from Identity.Web's token acquisition: on-behalf-of the signed-in user during their request (MSAL
/// caches them per user token), and long-running on-behalf-of sessions for background work. MSAL's failures become
/// the answers the caller can act on.
/// </summary>
internal sealed partial class GraphTokens(ITokenAcquisition tokens, ILogger<GraphTokens> logger)
{
    /// <summary>Graph's scopes as on-behalf-of asks for them: whatever the app registration was consented for.</summary>
    public static readonly string[] GraphScopes = ["https://graph.microsoft.com/.default"];

    /// <summary>A Graph token for the user of the current request, asked of the user's own tenant.</summary>
    public async Task<string> ForRequestAsync(SignedInUser user, CancellationToken ct)
    {
        try
        {
            return await tokens.GetAccessTokenForUserAsync(
                GraphScopes,
                tenantId: TenantOf(user.AccessToken),
                user: Principal(user),
                tokenAcquisitionOptions: new TokenAcquisitionOptions { CancellationToken = ct });
        }
        catch (Exception error) when (Msal(error) is { } msal)
        {
            throw Translate(msal);
        }
        catch (ArgumentException error) when (IsCredentialUnavailable(error))
        {
            throw CredentialUnavailable(error);
        }
    }

    /// <summary>Starts a long-running session under <paramref name="sessionKey"/> with the user's token (a fresh on-behalf-of; MSAL keeps its refresh token).</summary>
    public async Task StartSessionAsync(SignedInUser user, string sessionKey, CancellationToken ct)
    {
        try
        {
            await tokens.GetAccessTokenForUserAsync(
                GraphScopes,
                tenantId: TenantOf(user.AccessToken),
                user: Principal(user),
                tokenAcquisitionOptions: new TokenAcquisitionOptions { LongRunningWebApiSessionKey = sessionKey, CancellationToken = ct });
        }
        catch (Exception error) when (Msal(error) is { } msal)
        {
            throw Translate(msal);
        }
        catch (ArgumentException error) when (IsCredentialUnavailable(error))
        {
            throw CredentialUnavailable(error);
        }
    }

    /// <summary>A Graph token of a long-running session (from the cache, else by its refresh token); null when the session is gone.</summary>
    public async Task<string?> ForSessionAsync(string sessionKey, string? tenantId, CancellationToken ct)
    {
        try
        {
            return await tokens.GetAccessTokenForUserAsync(
                GraphScopes,
                tenantId: tenantId,
                tokenAcquisitionOptions: new TokenAcquisitionOptions { LongRunningWebApiSessionKey = sessionKey, CancellationToken = ct });
        }
        catch (Exception error) when (Msal(error) is { } msal && (IsGrantGone(msal) || msal is MsalClientException))
        {
            // Revoked, expired, or nothing kept under the key: the session is over for good.
            LogSessionGone(logger, msal.ErrorCode);
            return null;
        }
        catch (Exception error) when (Msal(error) is { } msal)
        {
            throw Translate(msal);
        }
        catch (ArgumentException error) when (IsCredentialUnavailable(error))
        {
            throw CredentialUnavailable(error);
        }
    }

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

    /// <summary>The user as Identity.Web reads a caller: their validated token is the identity's bootstrap context.</summary>
    private static ClaimsPrincipal Principal(SignedInUser user)
    {
        var identity = new CaseSensitiveClaimsIdentity(
            [new Claim(ApiAuthentication.TenantClaim, TenantOf(user.AccessToken) ?? string.Empty), new Claim(SignedInUser.ObjectIdClaim, user.ObjectId ?? string.Empty)],
            "Bearer")
        {
            BootstrapContext = new JsonWebToken(user.AccessToken),
        };
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Identity.Web wraps MSAL's "the user must act" in its own exception; the rest comes as is.</summary>
    private static MsalException? Msal(Exception error) => error switch
    {
        MicrosoftIdentityWebChallengeUserException challenge => challenge.MsalUiRequiredException,
        MsalException msal => msal,
        _ => null,
    };

    /// <summary>
    /// Identity.Web's IDW10109: none of the configured credentials could be loaded now (the managed identity endpoint
    /// did not answer, the certificate could not be read). It comes as a bare ArgumentException; its code is the only mark.
    /// </summary>
    private static bool IsCredentialUnavailable(ArgumentException error) => error.Message.StartsWith("IDW10109", StringComparison.Ordinal);

    private GraphUnavailableException CredentialUnavailable(ArgumentException error)
    {
        LogMsalFailure(logger, error.GetType().Name, "IDW10109", 0);
        return new GraphUnavailableException("The app could not load its credential for Microsoft Entra ID; try again shortly.", StatusCodes.Status503ServiceUnavailable, null, error);
    }

    private static bool IsConsentMissing(MsalException error) =>
        error is MsalUiRequiredException { Classification: UiRequiredExceptionClassification.ConsentRequired }
        || (error is MsalServiceException service && service.ErrorCodesForLogging?.Contains("65001") == true)
        || error.Message.Contains("AADSTS65001", StringComparison.Ordinal);

    /// <summary>The grant itself is gone: revoked, expired, or the user cannot be asked without them being there.</summary>
    private static bool IsGrantGone(MsalException error) =>
        !IsConsentMissing(error) && (error is MsalUiRequiredException || error.ErrorCode == MsalError.InvalidGrantError);

    /// <summary>What an MSAL failure means for the caller: consent missing (403), more proof needed (401 claims challenge), the tenant unreachable (503), or refused (502).</summary>
    private Exception Translate(MsalException error)
    {
        // The error code and status only: MSAL's messages can quote the request, and tokens never reach the log.
        var status = error is MsalServiceException service ? service.StatusCode : 0;
        LogMsalFailure(logger, error.GetType().Name, error.ErrorCode, status);
        if (IsConsentMissing(error))
        {
            return new ConsentRequiredException(error);
        }

        if (error is MsalUiRequiredException { Claims: { Length: > 0 } claims })
        {
            return new ClaimsChallengeException(claims, error);
        }

        return error switch
        {
            MsalServiceException { StatusCode: 429 or >= 500 } or MsalClientException =>
                new GraphUnavailableException("Microsoft Entra ID could not be reached for a Graph token; try again shortly.", StatusCodes.Status503ServiceUnavailable, null, error),
            _ => new GraphUnavailableException("Microsoft Entra ID refused to exchange the sign-in token for a Graph token.", StatusCodes.Status502BadGateway, null, error),
        };
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Token acquisition failed: {ExceptionType} {ErrorCode} HTTP {Status}")]
    private static partial void LogMsalFailure(ILogger logger, string exceptionType, string errorCode, int status);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Long-running Graph session ended ({ErrorCode})")]
    private static partial void LogSessionGone(ILogger logger, string errorCode);
}
