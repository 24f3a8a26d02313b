using Microsoft.Extensions.Options;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Security;

/// <summary>
/// Headers on every response the app writes: no MIME sniffing, no referrer, a Content-Security-Policy (the pane's
/// own for its HTML, "nothing at all" for everything else) and, over https, Strict-Transport-Security.
/// </summary>
internal sealed class SecurityHeaders
{
    /// <summary>JSON, problems and files other than the pane's HTML: nothing may load, nothing may frame it.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Where office.js comes from in production; it loads its host scripts and strings from the same place.</summary>
    public const string OfficeJsCdn = "https://appsforoffice.microsoft.com";

    /// <summary>office.js frames its own logging proxy from here (its ULS logger), in Office and in a plain browser.</summary>
    public const string OfficeJsTelemetryFrame = "https://telemetryservice.firstpartyapps.oaspapps.com";

    public const string StrictTransportSecurity = "max-age=31536000";

    private readonly Lazy<string> _panePolicy;

    public SecurityHeaders(TenantEndpoints tenant, IOptions<SecurityOptions> options) =>
        _panePolicy = new(() => PanePolicy(tenant, options.Value.FrameAncestors));

    /// <summary>The pane's policy: its own files and office.js; calls to the API and to where sign-in happens; framed by Office only.</summary>
    public static string PanePolicy(TenantEndpoints tenant, IEnumerable<string> frameAncestors)
    {
        var signIn = SignInOrigins(tenant);
        return string.Join("; ",
            "default-src 'none'",
            $"script-src 'self' {OfficeJsCdn}",
            // Fluent UI (Griffel) and office.js put <style> elements and style attributes in the page at run time.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            $"connect-src 'self' {string.Join(' ', signIn)}",
            $"frame-src {string.Join(' ', signIn)} {OfficeJsTelemetryFrame}",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
            $"frame-ancestors 'self' {string.Join(' ', frameAncestors.Where(source => source != "'self'"))}");
    }

    /// <summary>The origins the pane's sign-in talks to: the token issuer's (Entra ID, or the dev tenant's).</summary>
    public static IReadOnlyList<string> SignInOrigins(TenantEndpoints tenant)
    {
        var origins = new List<string> { new Uri(tenant.Authority).GetLeftPart(UriPartial.Authority) };
        if (tenant.DevTenant is { } dev)
        {
            origins.Add(dev.TokenEndpoint.GetLeftPart(UriPartial.Authority));
            origins.Add(dev.AccountsEndpoint.GetLeftPart(UriPartial.Authority));
        }

        return [.. origins.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state =>
        {
            var (context, headers) = ((HttpContext, SecurityHeaders))state;
            headers.Apply(context);
            return Task.CompletedTask;
        }, (context, this));
        return next();
    }

    private void Apply(HttpContext context)
    {
        var response = context.Response.Headers;
        response.XContentTypeOptions = "nosniff";
        response["Referrer-Policy"] = "no-referrer";
        var isPaneHtml = IsPanePage(context);
        response.ContentSecurityPolicy = isPaneHtml ? _panePolicy.Value : ApiPolicy;
        if (!isPaneHtml)
        {
            // For browsers that predate frame-ancestors; the pane itself must be framable by Office.
            response.XFrameOptions = "DENY";
        }

        if (IsHttps(context.Request))
        {
            response.StrictTransportSecurity = StrictTransportSecurity;
        }
    }

    // A 304 has no content type, yet the browser takes its headers for the page it keeps: decide by what was asked for.
    private static bool IsPanePage(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api/pane", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        return context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            || !rest.HasValue
            || rest.Value == "/"
            || rest.Value!.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
    }

    // Behind the Functions host the app is reached over loopback http; the platform's front end terminates TLS and
    // says so in X-Forwarded-Proto. Browsers ignore HSTS received over plain http, so a forged header gains nothing.
    private static bool IsHttps(HttpRequest request) =>
        request.IsHttps
        || string.Equals(request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim(), "https", StringComparison.OrdinalIgnoreCase);
}
