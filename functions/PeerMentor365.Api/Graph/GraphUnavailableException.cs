namespace PeerMentor365.Api.Graph;

/// <summary>Graph (or the dev tenant) could not answer: throttled past our patience, down, or refusing us.</summary>
internal sealed class GraphUnavailableException(string message, int status, TimeSpan? retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>503 (try again later) or 502 (Graph answered with something we cannot use).</summary>
    public int Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>502: Graph's answer is not the JSON it documents (cut off, HTML from a proxy…).</summary>
    public static GraphUnavailableException Unreadable(Exception inner) =>
        new("Microsoft Graph answered with something that is not the JSON it documents.", StatusCodes.Status502BadGateway, null, inner);

    public static GraphUnavailableException Throttled(TimeSpan? retryAfter) =>
        new("Microsoft Graph is throttling these requests; try again shortly.", StatusCodes.Status503ServiceUnavailable, retryAfter);
}
