using Microsoft.AspNetCore.Http.HttpResults;
using PeerMentor365.Api.Auth;

namespace PeerMentor365.Api.Pairs;

/// <summary>Who the caller is for pairs data (their token's oid), and the one answer for pairs they cannot see.</summary>
internal static class PairAccess
{
    /// <summary>The caller's object id, lower-case; false when the token has none usable in keys (not an Entra user token).</summary>
    public static bool TryGetUserId(SignedInUser user, out string userId) => TryGetUserId(user.ObjectId, out userId);

    /// <summary>The same, from the token's oid claim as it stands.</summary>
    public static bool TryGetUserId(string? objectId, out string userId)
    {
        userId = objectId?.Trim().ToLowerInvariant() ?? string.Empty;
        return userId.Length is > 0 and <= 64 && userId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

    /// <summary>Unknown pair and someone else's pair look the same, so pair ids do not leak.</summary>
    public static ProblemHttpResult PairNotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: "There is no such pair among yours.");

    /// <summary>An item (goal, commitment, session) that is not in the pair.</summary>
    public static ProblemHttpResult ItemNotFound(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"There is no such {what} in this pair.");

    public static ProblemHttpResult NoObjectId() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not allowed",
        detail: "The token names no user (oid claim): mentoring data belongs to people signed in with a work account.");
}
