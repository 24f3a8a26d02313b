using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Pairs;

namespace PeerMentor365.Api.PairSummary;

/// <summary>
/// GET /api/pairs/{pairId}/summary (docs/pairs-api.md): what My peers shows on a pair's card, the next session with
/// whose turn it is, and a short history. Members only, as every pair route.
/// </summary>
internal static class PairSummaryApi
{
    public static WebApplicationBuilder AddPairSummary(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PairSummaryReader>();
        return builder;
    }

    public static RouteGroupBuilder MapPairSummary(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Pairs");
        group.MapMemberPair().MapGet("/summary", GetSummary).WithName("GetPairSummary");
        return group;
    }

    private static async Task<Ok<PairSummaryResponse>> GetSummary(
        HttpContext http, PairSummaryReader reader, IClock clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ReadAsync(MemberPair.Of(http), clock.GetCurrentInstant(), cancellationToken));
}
