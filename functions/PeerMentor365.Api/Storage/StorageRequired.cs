using PeerMentor365.Api.Problems;

namespace PeerMentor365.Api.Storage;

/// <summary>Routes that keep mentoring data answer 503 at once when no storage is configured (after sign-in is checked).</summary>
internal static class StorageRequired
{
    public static RouteGroupBuilder RequireStorage(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            if (!context.HttpContext.RequestServices.GetRequiredService<MentoringTables>().IsConfigured)
            {
                await ProblemResponses.WriteAsync(
                    context.HttpContext,
                    StatusCodes.Status503ServiceUnavailable,
                    "Storage is not configured",
                    "storage is not configured: this deployment keeps no mentoring data (set Storage:ConnectionString or Storage:TableEndpoint).");
                return Results.Empty;
            }

            return await next(context);
        });
        return group;
    }
}
