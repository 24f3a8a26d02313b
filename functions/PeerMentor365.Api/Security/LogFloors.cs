namespace PeerMentor365.Api.Security;

/// <summary>
/// Categories that write what people typed or who they are (request URLs with search terms, Graph URLs with
/// mail addresses in $filter) stay at Warning whatever Logging:LogLevel says: turning on Debug to chase a
/// problem must not put personal data in the log.
/// </summary>
internal static class LogFloors
{
    public static readonly IReadOnlyList<string> Categories =
    [
        // "Request starting GET /api/people?search=…" at Information.
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        // Graph request URLs ($filter=mail in ('…'), $search) at Information, headers at Trace.
        "System.Net.Http.HttpClient",
    ];

    public static WebApplicationBuilder AddLogFloors(this WebApplicationBuilder builder)
    {
        // Added after the configuration's rules: for the same category the last rule wins.
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            foreach (var category in Categories)
            {
                var configured = filters.Rules.LastOrDefault(rule => rule.ProviderName is null && rule.CategoryName == category)?.LogLevel;
                var level = configured is { } chosen && chosen > LogLevel.Warning ? chosen : LogLevel.Warning;
                filters.Rules.Add(new LoggerFilterRule(null, category, level, null));
            }
        });
        return builder;
    }
}
