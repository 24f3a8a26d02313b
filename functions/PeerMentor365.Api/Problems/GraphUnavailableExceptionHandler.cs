using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PeerMentor365.Api.Graph;

namespace PeerMentor365.Api.Problems;

/// <summary>Graph outages become 503 (or 502) problems with Retry-After when known; never a bare 500.</summary>
internal sealed partial class GraphUnavailableExceptionHandler(TimeProvider clock, ILogger<GraphUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var failure = Classify(exception);
        if (failure is null)
        {
            return false;
        }

        LogGraphFailure(logger, failure.Status, exception.GetType().Name);
        if (failure.RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await ProblemResponses.WriteAsync(
            httpContext,
            failure.Status,
            failure.Status == StatusCodes.Status503ServiceUnavailable ? "Microsoft 365 is busy" : "Microsoft 365 did not answer as expected",
            failure.Message);
        return true;
    }

    private GraphUnavailableException? Classify(Exception exception) => exception switch
    {
        GraphUnavailableException graph => graph,
        // The SDK's retry handler gave up on an outer 429/503/504.
        AggregateException aggregate when aggregate.InnerExceptions.Any(inner => inner is ApiException) =>
            new GraphUnavailableException("Microsoft Graph kept refusing the request; try again shortly.", StatusCodes.Status503ServiceUnavailable, RetryAfterOf(aggregate.InnerExceptions.OfType<ApiException>().Last())),
        ODataError or ApiException when ((ApiException)exception).ResponseStatusCode is 429 or 503 or 504 =>
            new GraphUnavailableException("Microsoft Graph is unavailable; try again shortly.", StatusCodes.Status503ServiceUnavailable, RetryAfterOf((ApiException)exception)),
        ApiException =>
            new GraphUnavailableException("Microsoft Graph refused the request.", StatusCodes.Status502BadGateway, null),
        HttpRequestException or TaskCanceledException { InnerException: TimeoutException } =>
            new GraphUnavailableException("Microsoft Graph could not be reached.", StatusCodes.Status503ServiceUnavailable, null),
        _ => null,
    };

    private TimeSpan? RetryAfterOf(ApiException exception) =>
        RetryAfterHeader.Parse(exception.ResponseHeaders.FirstOrDefault(header => string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value, clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph failure answered with {Status} ({ExceptionType})")]
    private static partial void LogGraphFailure(ILogger logger, int status, string exceptionType);
}
