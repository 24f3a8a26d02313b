using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Pairs;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// The Agenda view's routes (docs/agenda-api.md): GET /api/pairs/{pairId}/sessions/{sessionId}/agenda (members only).
/// </summary>
internal static class AgendaApi
{
    public static RouteGroupBuilder MapSessionAgenda(this RouteGroupBuilder api)
    {
        var pairs = api.MapPairsGroup("Agenda");
        var pair = pairs.MapMemberPair();
        pair.MapGet("/sessions/{sessionId}/agenda", GetAgenda).WithName("GetSessionAgenda");
        return pairs;
    }

    private static async Task<Results<Ok<AgendaResponse>, ProblemHttpResult>> GetAgenda(
        string sessionId, HttpContext http, AgendaView view, IClock clock, CancellationToken cancellationToken)
    {
        var agenda = await view.ReadAsync(MemberPair.Of(http), sessionId, clock.GetCurrentInstant(), cancellationToken);
        if (agenda is null)
        {
            return PairAccess.ItemNotFound("session");
        }

        http.Response.Headers.ETag = agenda.Session.Etag;
        return TypedResults.Ok(agenda);
    }
}
