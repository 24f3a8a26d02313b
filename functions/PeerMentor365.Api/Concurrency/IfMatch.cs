using Azure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PeerMentor365.Api.Concurrency;

/// <summary>The If-Match header of a change: the table ETag it names, or the problem to answer instead.</summary>
internal sealed record IfMatch(ETag TableETag)
{
    public const string Header = "If-Match";

    /// <summary>Missing → 428; several, '*' or not an ETag of ours → 400 naming If-Match.</summary>
    public static (IfMatch? IfMatch, ProblemHttpResult? Problem) Read(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        var text = values.Count == 1 ? values[0]?.Trim() : null;
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(text)))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match required",
                detail: "Send If-Match with the etag of the resource as you last read it, so that nobody's change is overwritten."));
        }

        if (text is null || text.Contains(',', StringComparison.Ordinal) || text == "*")
        {
            return (null, Malformed("If-Match must be exactly one etag as this API returned it (not a list, not *)."));
        }

        return ApiETag.TryParse(text, out var etag)
            ? (new IfMatch(etag), null)
            : (null, Malformed("If-Match is not an etag this API returned: send the etag field (or ETag header) of the resource unchanged."));
    }

    private static ProblemHttpResult Malformed(string message) => Conflicts.Invalid(new Dictionary<string, string[]> { [Header] = [message] });
}
