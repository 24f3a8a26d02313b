using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using PeerMentor365.Api.Problems;

namespace PeerMentor365.Api.Security;

/// <summary>
/// How big a request may be. Kestrel refuses a body over Security:MaxRequestBodyKilobytes on any route and a JSON
/// body over Security:JsonBodyKilobytes on an /api route (a route may set its own, smaller or larger, limit).
/// A body announced too large is refused before it is read; one that grows too large while being read ends as the
/// same 413 problem through the exception handler. Request line and header limits stay Kestrel's (8 KB line,
/// 32 KB of headers, 100 headers): beyond them Kestrel answers 414/431 itself.
/// </summary>
internal static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder, SecurityOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyKilobytes * 1024L);
        return builder;
    }

    /// <summary>Every endpoint of the group accepts at most Security:JsonBodyKilobytes unless it says otherwise.</summary>
    public static RouteGroupBuilder LimitJsonBodies(this RouteGroupBuilder api, SecurityOptions options)
    {
        api.WithMetadata(new RequestSizeLimitAttribute(options.JsonBodyKilobytes * 1024L));
        return api;
    }

    /// <summary>A body announced larger than the route accepts gets 413 at once (routing has set the route's limit).</summary>
    public static async Task RefuseOversizedBodiesAsync(HttpContext context, Func<Task> next)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength is { } length && length > max)
        {
            // The body stays unread, so the connection cannot carry another request: say so, and send the answer
            // in full before Kestrel gives up draining a body larger than it will read.
            context.Response.Headers.Connection = "close";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The request body may be at most {max / 1024} KB.");
            await context.Response.CompleteAsync();
            return;
        }

        await next();
    }
}
