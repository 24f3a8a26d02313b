using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Compression;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// The Agenda view's routes (docs/agenda-api.md): GET /api/agenda/lookup?itemId= (which session an Outlook item is)
/// and GET /api/pairs/{pairId}/sessions/{sessionId}/agenda (members only).
/// </summary>
internal static class AgendaApi
{
    public const int MaxItemIdLength = 512;

    public static RouteGroupBuilder MapSessionAgenda(this RouteGroupBuilder api)
    {
        api.MapGroup("/agenda")
            .WithTags("Agenda")
            .RequireAuthorization(ApiAuthentication.AccessAsUser)
            .RequireStorage()
            .MapGet("/lookup", LookUp)
            .WithName("LookUpSession");

        var pairs = api.MapPairsGroup("Agenda");
        var pair = pairs.MapMemberPair();
        pair.MapGet("/sessions/{sessionId}/agenda", GetAgenda).WithName("GetSessionAgenda").WithoutCompression(UncompressedAnswer.PrivateNotes);
        return pairs;
    }

    /// <summary>A REST item id as convertToRestId gives it: base64url (or base64) characters only.</summary>
    public static bool IsItemId(string? itemId) =>
        itemId is { Length: > 0 and <= MaxItemIdLength } && itemId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=');

    private static async Task<Results<Ok<LookupAnswer>, ValidationProblem, ProblemHttpResult>> LookUp(
        string? itemId, SignedInUser user, SessionLookup lookup, IClock clock, CancellationToken cancellationToken)
    {
        if (!IsItemId(itemId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["itemId"] = [$"itemId must be the item's REST id (convertToRestId): 1-{MaxItemIdLength} characters of the base64url alphabet."],
            });
        }

        if (!PairAccess.TryGetUserId(user, out var me))
        {
            return PairAccess.NoObjectId();
        }

        return TypedResults.Ok(await lookup.FindAsync(user, me, itemId!, clock.GetCurrentInstant(), cancellationToken));
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
