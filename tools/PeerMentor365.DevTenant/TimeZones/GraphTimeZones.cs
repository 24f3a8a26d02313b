using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;

namespace PeerMentor365.DevTenant.TimeZones;

/// <summary>
/// The time zone names Graph's calendar API accepts: Windows ids (mapped to TZDB with CLDR's windowsZones)
/// and the short list of IANA ids documented for dateTimeTimeZone. Anything else is rejected as Graph does.
/// </summary>
internal static class GraphTimeZones
{
    // The "Additional time zones" of https://learn.microsoft.com/graph/api/resources/datetimetimezone.
    // Where the page gives an alias in parentheses, both spellings are listed.
    private static readonly string[] DocumentedIanaIds =
    [
        "Etc/GMT+12", "Etc/GMT+11", "Pacific/Honolulu", "America/Anchorage", "America/Santa_Isabel",
        "America/Los_Angeles", "America/Phoenix", "America/Chihuahua", "America/Denver", "America/Guatemala",
        "America/Chicago", "America/Mexico_City", "America/Regina", "America/Bogota", "America/New_York",
        "America/Indiana/Indianapolis", "America/Caracas", "America/Asuncion", "America/Halifax", "America/Cuiaba",
        "America/La_Paz", "America/Santiago", "America/St_Johns", "America/Sao_Paulo",
        "America/Argentina/Buenos_Aires", "America/Cayenne", "America/Godthab", "America/Montevideo",
        "America/Bahia", "Etc/GMT+2", "Atlantic/Azores", "Atlantic/Cape_Verde", "Africa/Casablanca", "Etc/GMT",
        "Europe/London", "Atlantic/Reykjavik", "Europe/Berlin", "Europe/Budapest", "Europe/Paris", "Europe/Warsaw",
        "Africa/Lagos", "Africa/Windhoek", "Europe/Bucharest", "Asia/Beirut", "Africa/Cairo", "Asia/Damascus",
        "Africa/Johannesburg", "Europe/Kyiv", "Europe/Kiev", "Europe/Istanbul", "Asia/Jerusalem", "Asia/Amman",
        "Asia/Baghdad", "Europe/Kaliningrad", "Asia/Riyadh", "Africa/Nairobi", "Asia/Tehran", "Asia/Dubai",
        "Asia/Baku", "Europe/Moscow", "Indian/Mauritius", "Asia/Tbilisi", "Asia/Yerevan", "Asia/Kabul",
        "Asia/Karachi", "Asia/Tashkent", "Asia/Kolkata", "Asia/Colombo", "Asia/Kathmandu", "Asia/Astana",
        "Asia/Almaty", "Asia/Dhaka", "Asia/Yekaterinburg", "Asia/Yangon", "Asia/Rangoon", "Asia/Bangkok",
        "Asia/Novosibirsk", "Asia/Shanghai", "Asia/Krasnoyarsk", "Asia/Singapore", "Australia/Perth",
        "Asia/Taipei", "Asia/Ulaanbaatar", "Asia/Irkutsk", "Asia/Tokyo", "Asia/Seoul", "Australia/Adelaide",
        "Australia/Darwin", "Australia/Brisbane", "Australia/Sydney", "Pacific/Port_Moresby", "Australia/Hobart",
        "Asia/Yakutsk", "Pacific/Guadalcanal", "Asia/Vladivostok", "Pacific/Auckland", "Etc/GMT-12",
        "Pacific/Fiji", "Asia/Magadan", "Pacific/Tongatapu", "Pacific/Apia", "Pacific/Kiritimati",
    ];

    private static readonly FrozenDictionary<string, DateTimeZone> Accepted = Build();

    /// <summary>Resolves a Graph time zone name (Windows id or documented IANA id, case-insensitive).</summary>
    public static bool TryResolve(string? name, out DateTimeZone zone)
    {
        zone = DateTimeZone.Utc;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        if (Accepted.TryGetValue(name.Trim(), out var found))
        {
            zone = found;
            return true;
        }

        return false;
    }

    /// <summary>The Windows id Graph reports for a zone given by any accepted name (IANA names map back to Windows ones).</summary>
    public static string WindowsNameFor(string acceptedName)
    {
        var trimmed = acceptedName.Trim();
        var mapping = TzdbDateTimeZoneSource.Default.WindowsMapping;
        if (mapping.PrimaryMapping.ContainsKey(trimmed))
        {
            return mapping.PrimaryMapping.Keys.First(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase));
        }

        var canonical = CanonicalTzdbId(trimmed);
        foreach (var item in mapping.MapZones)
        {
            if (item.TzdbIds.Any(id => CanonicalTzdbId(id) == canonical))
            {
                return item.WindowsId;
            }
        }

        return trimmed;
    }

    private static string CanonicalTzdbId(string id)
    {
        var source = TzdbDateTimeZoneSource.Default;
        return source.CanonicalIdMap.TryGetValue(id, out var canonical) ? canonical : id;
    }

    private static FrozenDictionary<string, DateTimeZone> Build()
    {
        var provider = DateTimeZoneProviders.Tzdb;
        var result = new Dictionary<string, DateTimeZone>(StringComparer.OrdinalIgnoreCase);
        foreach (var (windowsId, tzdbId) in TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping)
        {
            if (provider.GetZoneOrNull(tzdbId) is { } zone)
            {
                result[windowsId] = zone;
            }
        }

        foreach (var ianaId in DocumentedIanaIds)
        {
            if (provider.GetZoneOrNull(ianaId) is { } zone)
            {
                result[ianaId] = zone;
            }
        }

        return result.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
