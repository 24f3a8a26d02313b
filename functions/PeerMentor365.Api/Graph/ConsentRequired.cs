using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PeerMentor365.Api.Graph;

/// <summary>The tenant refused the token exchange because no one has consented to a Graph scope we need.</summary>
internal sealed class ConsentRequiredException(Exception? inner = null)
    : Exception("An administrator of your organisation must consent to PeerMentor365's Microsoft Graph permissions.", inner);

/// <summary>
/// Consent missing is the one token-exchange failure the person can act on (ask their admin), so it is a 403
/// problem the pane recognises by <c>consentRequired: true</c>, not a 502.
/// </summary>
internal sealed partial class ConsentRequiredExceptionHandler(IProblemDetailsService problems, ILogger<ConsentRequiredExceptionHandler> logger) : IExceptionHandler
{
    public const string ProblemType = "https://peermentor365.dev/problems/consent-required";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ConsentRequiredException)
        {
            return false;
        }

        LogConsentRequired(logger);
        httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetails
        {
            Type = ProblemType,
            Status = StatusCodes.Status403Forbidden,
            Title = "Your organisation has not approved PeerMentor365 yet",
            Detail = "PeerMentor365 needs permission to read calendars and people in Microsoft 365 for you. "
                + "An administrator of your organisation must grant consent once (in the Entra admin center, Enterprise applications); then try again.",
        };
        problem.Extensions["consentRequired"] = true;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token exchange refused: consent to Graph permissions is missing (answered 403)")]
    private static partial void LogConsentRequired(ILogger logger);
}
