using Microsoft.Identity.Client;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// On-behalf-of with MSAL.NET (Entra mode): the user's token for our API becomes a Graph token for the same user,
/// asked of the user's own tenant and cached by MSAL per user token until shortly before it expires.
/// </summary>
internal sealed class MsalOnBehalfOf(MsalConfidentialClients clients, ILogger<MsalOnBehalfOf> logger) : IGraphTokenExchange
{
    public async Task<string> GetGraphTokenAsync(string userAccessToken, CancellationToken cancellationToken)
    {
        try
        {
            var request = clients.ForRequests.AcquireTokenOnBehalfOf(MsalConfidentialClients.GraphScopes, new UserAssertion(userAccessToken));
            if (MsalConfidentialClients.TenantOf(userAccessToken) is { } tid)
            {
                request = request.WithTenantId(tid);
            }

            var result = await request.ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalException error)
        {
            throw MsalFailures.Translate(error, logger);
        }
    }
}

/// <summary>What an MSAL failure means for the caller: consent missing (403), the tenant unreachable (503), or refused (502).</summary>
internal static partial class MsalFailures
{
    public static bool IsConsentMissing(MsalException error) =>
        error is MsalUiRequiredException { Classification: UiRequiredExceptionClassification.ConsentRequired }
        || (error is MsalServiceException service && service.ErrorCodesForLogging?.Contains("65001") == true)
        || error.Message.Contains("AADSTS65001", StringComparison.Ordinal);

    /// <summary>The grant itself is gone: revoked, expired, or the user cannot be asked without them being there.</summary>
    public static bool IsGrantGone(MsalException error) =>
        !IsConsentMissing(error) && (error is MsalUiRequiredException || error.ErrorCode == MsalError.InvalidGrantError);

    public static Exception Translate(MsalException error, ILogger logger)
    {
        // The error code and status only: MSAL's messages can quote the request, and tokens never reach the log.
        var status = error is MsalServiceException service ? service.StatusCode : 0;
        LogMsalFailure(logger, error.GetType().Name, error.ErrorCode, status);
        if (IsConsentMissing(error))
        {
            return new ConsentRequiredException(error);
        }

        return error switch
        {
            MsalServiceException { StatusCode: 429 or >= 500 } or MsalClientException =>
                new GraphUnavailableException("Microsoft Entra ID could not be reached for a Graph token; try again shortly.", StatusCodes.Status503ServiceUnavailable, null, error),
            _ => new GraphUnavailableException("Microsoft Entra ID refused to exchange the sign-in token for a Graph token.", StatusCodes.Status502BadGateway, null, error),
        };
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Token exchange with Entra ID failed: {ExceptionType} {ErrorCode} HTTP {Status}")]
    private static partial void LogMsalFailure(ILogger logger, string exceptionType, string errorCode, int status);
}
