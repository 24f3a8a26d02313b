using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Hosting;
using PeerMentor365.Api.Problems;

namespace PeerMentor365.Api.Security;

/// <summary>
/// One budget per signed-in user (the token's oid) for everything under /api, and one per client address for
/// requests without a user. Route policies (the suggestions limit) apply on top. Beyond a budget: 429 problem with
/// Retry-After. The Functions host's own calls (readiness, internal functions) are never limited.
/// </summary>
internal static class UserRateLimits
{
    public static IServiceCollection AddUserRateLimits(this IServiceCollection services, SecurityOptions options, bool behindFunctionsHost)
    {
        services.AddRateLimiter(limiter => limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetNoLimiter("functions-host");
            }

            var user = http.User.FindFirst(SignedInUser.ObjectIdClaim)?.Value ?? http.User.FindFirst(SignedInUser.MailClaim)?.Value;
            return user is not null
                ? PerMinute("user:" + user, options.RequestsPerUserPerMinute)
                : PerMinute("address:" + ClientAddress(http, behindFunctionsHost), options.AnonymousRequestsPerMinute);
        }));

        // After every other rate limiter setup (a route's own policy included), so all rejections read alike.
        services.PostConfigure<RateLimiterOptions>(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) => permits == 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    // Behind the Functions host every request comes from loopback; the platform's front end names the client in
    // X-Forwarded-For. Anywhere else the connection's address is the client.
    private static string ClientAddress(HttpContext http, bool behindFunctionsHost)
    {
        if (behindFunctionsHost)
        {
            // App Service writes "address:port"; a client's own value would only move it to another budget.
            var forwarded = http.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim();
            if (IPEndPoint.TryParse(forwarded, out var endPoint))
            {
                return endPoint.Address.ToString();
            }
        }

        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(
            context.HttpContext,
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            $"Too many requests in a short time; try again in {seconds} seconds.");
    }

    /// <summary>True when the Azure Functions host runs the app (it sets the custom handler port).</summary>
    public static bool BehindFunctionsHost(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[CustomHandlerHosting.PortVariable]);
}
