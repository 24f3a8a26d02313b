using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// The tenant wants more proof from the user than their token carries (Conditional Access: MFA step-up, a compliant
/// device, …) before it issues a Graph token for them. <see cref="Claims"/> is the claims request (JSON) to sign in with.
/// </summary>
internal sealed class ClaimsChallengeException(string claims, Exception? inner = null)
    : Exception("Your organisation asks you to sign in again (for example with multi-factor authentication) before PeerMentor365 can continue.", inner)
{
    public string Claims { get; } = claims;
}

/// <summary>
/// A claims challenge is answered as Entra's APIs do (401, <c>WWW-Authenticate: Bearer error="insufficient_claims",
/// claims="&lt;base64 JSON&gt;"</c>), with the same problem+json every error has; the pane signs in again asking for
/// those claims and retries once. CORS exposes WWW-Authenticate (Security/).
/// </summary>
internal sealed partial class ClaimsChallengeExceptionHandler(IProblemDetailsService problems, ILogger<ClaimsChallengeExceptionHandler> logger) : IExceptionHandler
{
    public const string ProblemType = "https://peermentor365.dev/problems/claims-challenge";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ClaimsChallengeException challenge)
        {
            return false;
        }

        LogClaimsChallenge(logger);
        var claims = Convert.ToBase64String(Encoding.UTF8.GetBytes(challenge.Claims));
        httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
        httpContext.Response.Headers.WWWAuthenticate = $"Bearer realm=\"\", error=\"insufficient_claims\", claims=\"{claims}\"";
        var problem = new ProblemDetails
        {
            Type = ProblemType,
            Status = StatusCodes.Status401Unauthorized,
            Title = "Sign in again to continue",
            Detail = challenge.Message,
        };
        problem.Extensions["claims"] = claims;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token exchange needs more claims from the user (Conditional Access): answered 401 insufficient_claims")]
    private static partial void LogClaimsChallenge(ILogger logger);
}
