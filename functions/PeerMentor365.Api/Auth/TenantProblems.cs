using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PeerMentor365.Api.Auth;

/// <summary>The 403 for a valid sign-in from an organisation the deployment does not serve: said so a person understands it.</summary>
internal static class TenantProblems
{
    public static async Task WriteNotAllowedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetails
        {
            Type = ApiAuthentication.TenantNotAllowedType,
            Status = StatusCodes.Status403Forbidden,
            Title = "Your organisation is not allowed to use this app",
            Detail = "You signed in with an account from an organisation this PeerMentor365 deployment does not serve. "
                + "Sign in with your work account from the organisation that runs it, or ask its administrators to add your organisation.",
        };
        problem.Extensions["tenantNotAllowed"] = true;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
