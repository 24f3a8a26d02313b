namespace PeerMentor365.Api.Tenant;

/// <summary>Start-up checks of the Graph, DevTenant and Auth settings, with messages that name the setting.</summary>
internal static class TenantValidation
{
    public static List<string> Check(GraphOptions graph)
    {
        var failures = new List<string>();
        if (graph.MaxThrottleRetries is < 0 or > 10)
        {
            failures.Add("Graph:MaxThrottleRetries must be between 0 and 10.");
        }

        if (graph.MaxRetryAfterSeconds is < 0 or > 180)
        {
            failures.Add("Graph:MaxRetryAfterSeconds must be between 0 and 180.");
        }

        return failures;
    }

    public static List<string> Check(GraphOptions graph, DevTenantSettings dev, EntraSettings entra)
    {
        var failures = Check(graph);
        if (graph.Mode == GraphMode.DevTenant)
        {
            if (dev.Port is < 0 or > 65535)
            {
                failures.Add("DevTenant:Port must be a TCP port (0 picks a free one).");
            }

            if (!string.IsNullOrWhiteSpace(dev.SeedPath) && !File.Exists(dev.SeedPath))
            {
                failures.Add($"DevTenant:SeedPath names a file that does not exist: {dev.SeedPath}");
            }

            if (!string.IsNullOrWhiteSpace(dev.BaseUrl) && !IsHttpUrl(dev.BaseUrl))
            {
                failures.Add("DevTenant:BaseUrl must be an absolute http(s) URL of a running dev tenant.");
            }

            return failures;
        }

        if (string.IsNullOrWhiteSpace(entra.TenantId) || !Guid.TryParse(entra.TenantId, out _))
        {
            failures.Add("Auth:TenantId must be your Entra tenant id (a GUID) when Graph:Mode is Entra.");
        }

        if (string.IsNullOrWhiteSpace(entra.ClientId))
        {
            failures.Add("Auth:ClientId must be the API's application (client) id when Graph:Mode is Entra.");
        }

        if (string.IsNullOrWhiteSpace(entra.Audience))
        {
            failures.Add("Auth:Audience must be the API's application id URI (e.g. api://<host>/<client id>) when Graph:Mode is Entra.");
        }

        if (!IsHttpsUrl(entra.Instance))
        {
            failures.Add("Auth:Instance must be an https URL (https://login.microsoftonline.com).");
        }

        if (!IsHttpsUrl(graph.BaseUrl) || !graph.BaseUrl.TrimEnd('/').EndsWith("/v1.0", StringComparison.Ordinal))
        {
            failures.Add("Graph:BaseUrl must be an https URL ending in /v1.0 (https://graph.microsoft.com/v1.0).");
        }

        return failures;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
