namespace PeerMentor365.Api.Security;

/// <summary>Settings of the Security section (docs/security.md explains each).</summary>
internal sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Office hosts that may frame the pane when none are configured: Outlook on the web and the new Outlook for
    /// Windows (both are Outlook on the web), its cloud.microsoft address, and Teams for the meeting side panel.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultPaneFrameAncestors =
    [
        "https://outlook.office.com",
        "https://outlook.office365.com",
        "https://outlook.cloud.microsoft",
        "https://teams.microsoft.com",
        "https://teams.cloud.microsoft",
    ];

    /// <summary>Origins (scheme://host[:port]) allowed to call the API from a browser page of their own; empty: none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Who may frame the pane (CSP frame-ancestors sources); empty: <see cref="DefaultPaneFrameAncestors"/>.</summary>
    public string[] PaneFrameAncestors { get; set; } = [];

    /// <summary>The largest request body any route accepts (Kestrel's limit), in KB.</summary>
    public int MaxRequestBodyKilobytes { get; set; } = 256;

    /// <summary>The largest JSON body an /api route accepts unless the route says otherwise, in KB.</summary>
    public int JsonBodyKilobytes { get; set; } = 64;

    /// <summary>Requests one signed-in user (by the token's oid) may make per minute across /api; 0 = no limit.</summary>
    public int RequestsPerUserPerMinute { get; set; } = 300;

    /// <summary>Requests without a signed-in user (client-config, the pane's files) per client address per minute; 0 = no limit.</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 600;

    public IReadOnlyList<string> FrameAncestors => PaneFrameAncestors.Length > 0 ? PaneFrameAncestors : DefaultPaneFrameAncestors;

    /// <summary>What is wrong with these settings, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var origin in AllowedOrigins)
        {
            if (!IsOrigin(origin, allowHttp: true))
            {
                problems.Add($"Security:AllowedOrigins: '{origin}' is not an origin like https://pane.contoso.com (scheme, host and optional port, no path).");
            }
        }

        foreach (var source in PaneFrameAncestors)
        {
            if (source != "'self'" && !IsOrigin(source.Replace("://*.", "://wildcard.", StringComparison.Ordinal), allowHttp: false))
            {
                problems.Add($"Security:PaneFrameAncestors: '{source}' is not 'self' or an https origin (https://host or https://*.domain).");
            }
        }

        if (MaxRequestBodyKilobytes is < 1 or > 30 * 1024)
        {
            problems.Add("Security:MaxRequestBodyKilobytes must be 1 to 30720.");
        }

        if (JsonBodyKilobytes < 1 || JsonBodyKilobytes > MaxRequestBodyKilobytes)
        {
            problems.Add("Security:JsonBodyKilobytes must be 1 to Security:MaxRequestBodyKilobytes.");
        }

        if (RequestsPerUserPerMinute < 0)
        {
            problems.Add("Security:RequestsPerUserPerMinute must be 0 (no limit) or more.");
        }

        if (AnonymousRequestsPerMinute < 0)
        {
            problems.Add("Security:AnonymousRequestsPerMinute must be 0 (no limit) or more.");
        }

        return problems;
    }

    private static bool IsOrigin(string value, bool allowHttp) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && !value.EndsWith('/');
}
