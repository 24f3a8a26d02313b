using Microsoft.AspNetCore.Http.HttpResults;
using PeerMentor365.Api.Pairs;

namespace PeerMentor365.Api.Concurrency;

/// <summary>The answers of a change that lost a race, or was not allowed in the resource's state.</summary>
internal static class Conflicts
{
    /// <summary>412 with the resource as it is now (<c>current</c>, also its ETag header) and the fields changed since the client's version (<c>changed</c>).</summary>
    public static ProblemHttpResult Stale(HttpResponse response, object current, string currentETag, IReadOnlyList<string> changed)
    {
        response.Headers.ETag = currentETag;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Changed by someone else",
            detail: changed.Count == 0
                ? "This was changed since you read it. Here is how it is now; apply your change to it again."
                : $"This was changed since you read it ({string.Join(", ", changed)}). Here is how it is now; apply your change to it again.",
            extensions: new Dictionary<string, object?> { ["current"] = current, ["changed"] = changed });
    }

    /// <summary>409: the change is not possible in the resource's current state (for example, the pair is closed).</summary>
    public static ProblemHttpResult NotNow(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible now", detail: detail);

    /// <summary>The 409 of any change to a closed pair or its goals, commitments and sessions; null while it is open.</summary>
    public static ProblemHttpResult? IfClosed(Pair pair) =>
        pair.Status == PairStatus.Closed ? NotNow(Pair.ClosedRefusal().Refusal!) : null;

    /// <summary>A validation problem (400, errors by field) as a <see cref="ProblemHttpResult"/>, so a change has one problem type.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        });
}
