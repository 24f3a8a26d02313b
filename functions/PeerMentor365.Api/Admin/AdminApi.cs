using Microsoft.AspNetCore.Http.HttpResults;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Problems;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Admin;

/// <summary>
/// GET /api/program-health: aggregate counts for people with the ProgramAdmin app role (others 403).
/// Not /api/admin/…: the Functions host reserves function routes that start with "admin".
/// </summary>
internal static class AdminApi
{
    /// <summary>The app role (the roles claim of the API token) that may read program health.</summary>
    public const string ProgramAdminRole = "ProgramAdmin";

    public const string RolesClaim = "roles";

    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProgramHealthReader>();
        return builder;
    }

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/program-health")
            .WithTags("Admin")
            .RequireAuthorization(ApiAuthentication.AccessAsUser)
            .AddEndpointFilter(async (context, next) =>
            {
                if (!context.HttpContext.User.FindAll(RolesClaim).Any(claim => claim.Value == ProgramAdminRole))
                {
                    await ProblemResponses.WriteAsync(
                        context.HttpContext,
                        StatusCodes.Status403Forbidden,
                        "Not allowed",
                        $"Program health is for program admins (the {ProgramAdminRole} app role).");
                    return Results.Empty;
                }

                return await next(context);
            })
            .RequireStorage();
        group.MapGet("", GetProgramHealth).WithName("GetProgramHealth");
        return group;
    }

    private static async Task<Ok<ProgramHealth>> GetProgramHealth(ProgramHealthReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ReadAsync(cancellationToken));
}
