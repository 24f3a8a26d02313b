using Microsoft.AspNetCore.Http;

namespace PeerMentor365.DevTenant.Hosting;

/// <summary>CORS for the pane in a local browser: loopback origins only (http://127.0.0.1:* and http://localhost:*).</summary>
internal static class Cors
{
    /// <summary>Adds CORS headers for an allowed origin; returns true when it answered a preflight.</summary>
    public static bool Apply(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !IsLoopbackOrigin(origin))
        {
            return false;
        }

        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (!HttpMethods.IsOptions(http.Request.Method) || http.Request.Headers.AccessControlRequestMethod.Count == 0)
        {
            return false;
        }

        headers.AccessControlAllowMethods = "GET, POST, PUT, OPTIONS";
        var requested = http.Request.Headers.AccessControlRequestHeaders.ToString();
        headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "Content-Type, Authorization";
        headers.AccessControlMaxAge = "600";
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }

    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && (uri.Host == "127.0.0.1" || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        && uri.AbsolutePath == "/";
}
