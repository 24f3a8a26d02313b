using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.DevTenant.TimeZones;

namespace PeerMentor365.DevTenant.Graph;

/// <summary>Graph's wire formats for times and the Prefer: outlook.timezone preference.</summary>
internal static partial class GraphFormats
{
    // Graph emits seven fractional digits: 2025-03-10T09:00:00.0000000.
    private static readonly LocalDateTimePattern OutputDateTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff");
    private static readonly LocalTimePattern OutputTime = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss'.'fffffff");
    private static readonly LocalDateTimePattern InputDateTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFF");
    private static readonly LocalDateTimePattern InputDateTimeMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static string DateTime(LocalDateTime value) => OutputDateTime.Format(value);

    public static string Time(LocalTime value) => OutputTime.Format(value);

    public static string Day(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    public static bool TryParseLocalDateTime(string? text, out LocalDateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var parsed = InputDateTime.Parse(trimmed);
        if (!parsed.Success)
        {
            parsed = InputDateTimeMinutes.Parse(trimmed);
        }

        if (parsed.Success)
        {
            value = parsed.Value;
            return true;
        }

        return false;
    }

    /// <summary>A dateTimeTimeZone for an instant, as local time in the given zone.</summary>
    public static JsonObject DateTimeTimeZone(Instant instant, OutputZone zone) => new()
    {
        ["dateTime"] = DateTime(instant.InZone(zone.Zone).LocalDateTime),
        ["timeZone"] = zone.Name,
    };

    /// <summary>
    /// The zone responses use: UTC unless Prefer: outlook.timezone names an accepted zone.
    /// A named zone Graph does not know is an error (TimeZoneNotSupportedException).
    /// </summary>
    public static OutputZoneResult ResolveOutputZone(GraphRequest request)
    {
        var prefer = request.Header("Prefer");
        if (prefer is null)
        {
            return new OutputZoneResult(OutputZone.Utc, null, null);
        }

        var match = OutlookTimeZonePreference().Match(prefer);
        if (!match.Success)
        {
            return new OutputZoneResult(OutputZone.Utc, null, null);
        }

        var name = (match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value).Trim();
        if (!GraphTimeZones.TryResolve(name, out var zone))
        {
            return new OutputZoneResult(OutputZone.Utc, null, name);
        }

        return new OutputZoneResult(new OutputZone(name, zone), $"outlook.timezone=\"{name}\"", null);
    }

    [GeneratedRegex("""outlook\.timezone\s*=\s*(?:"(?<quoted>[^"]*)"|'(?<quoted>[^']*)'|(?<bare>[^,;]+))""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutlookTimeZonePreference();
}

internal sealed record OutputZone(string Name, DateTimeZone Zone)
{
    public static OutputZone Utc { get; } = new("UTC", DateTimeZone.Utc);
}

/// <summary>The response zone, the Preference-Applied value to echo, or the unsupported name that was asked for.</summary>
internal sealed record OutputZoneResult(OutputZone Zone, string? PreferenceApplied, string? UnsupportedName);

/// <summary>Reads JSON action parameters the way Graph does: names case-insensitively.</summary>
internal static class JsonParameters
{
    public static bool TryGet(JsonObject body, string name, out JsonNode? value)
    {
        foreach (var (key, node) in body)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = node;
                return true;
            }
        }

        value = null;
        return false;
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
