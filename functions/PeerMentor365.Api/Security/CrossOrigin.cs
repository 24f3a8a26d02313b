using Microsoft.AspNetCore.Cors.Infrastructure;

namespace PeerMentor365.Api.Security;

/// <summary>
/// CORS for the pane's origin only (Security:AllowedOrigins). The pane is normally served by the API itself
/// (/api/pane/, same origin: no CORS at all); the list is for a pane hosted elsewhere. In Azure the Functions
/// platform answers preflights itself from the site's CORS settings (infra/main.bicep), before the app sees them.
/// </summary>
internal static class CrossOrigin
{
    public const string PolicyName = "pane-origin";

    /// <summary>What the pane sends beyond the CORS-safelisted headers.</summary>
    public static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", "If-Match"];

    /// <summary>What the pane reads beyond the CORS-safelisted response headers.</summary>
    public static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After", "WWW-Authenticate"];

    public static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IServiceCollection AddPaneCors(this IServiceCollection services, SecurityOptions options) =>
        services.AddCors(cors => cors.AddPolicy(PolicyName, Policy(options.AllowedOrigins)));

    public static CorsPolicy Policy(IReadOnlyCollection<string> origins)
    {
        var policy = new CorsPolicyBuilder()
            .WithMethods(AllowedMethods)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        // Bearer tokens travel in a header, never in cookies: credentials mode stays off.
        return (origins.Count > 0 ? policy.WithOrigins([.. origins.Select(origin => origin.TrimEnd('/'))]) : policy).Build();
    }
}
