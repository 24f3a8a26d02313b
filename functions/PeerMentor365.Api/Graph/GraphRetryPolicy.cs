using System.Net;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// The SDK's retry handler, told our limit: it waits out a throttled direct call's Retry-After only up to
/// <see cref="GraphOptions.MaxRetryAfterSeconds"/>. A longer one (Graph's HTTP-date form can be minutes away, and the
/// handler would sleep up to its own 180 s cap, reading only a date's seconds part) is not slept: the handler hands the
/// answer back at once, and the API answers 503 with that Retry-After (docs/graph-resilience.md).
/// </summary>
internal static class GraphRetryPolicy
{
    /// <summary>The SDK's default handlers with its retry handler configured by <see cref="Option"/>.</summary>
    public static IList<DelegatingHandler> Handlers(GraphOptions options, TimeProvider clock)
    {
        var handlers = Microsoft.Graph.GraphClientFactory.CreateDefaultHandlers();
        var retry = handlers.OfType<RetryHandler>().Single();
        handlers[handlers.IndexOf(retry)] = new RetryHandler(Option(options, clock));
        retry.Dispose();
        return handlers;
    }

    /// <summary>Retries what the SDK retries by default (429, 503, 504), unless Retry-After asks for more than our limit.</summary>
    public static RetryHandlerOption Option(GraphOptions options, TimeProvider clock)
    {
        var limit = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        return new RetryHandlerOption
        {
            ShouldRetry = (_, _, response) =>
                response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                && !(RetryAfterHeader.Parse(response.Headers.TryGetValues("Retry-After", out var values) ? values : null, clock.GetUtcNow()) > limit),
        };
    }
}
