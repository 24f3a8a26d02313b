using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;

namespace PeerMentor365.Scheduling;

/// <summary>
/// Translates between the zone names Graph speaks (Windows ids such as <c>Pacific Standard Time</c>, plus some IANA ids)
/// and TZDB zones, using the CLDR mapping shipped with NodaTime. Stateless after start-up; thread-safe.
/// </summary>
public static class TimeZoneNames
{
    private static readonly TzdbDateTimeZoneSource Source = TzdbDateTimeZoneSource.Default;

    private static readonly FrozenDictionary<string, string> WindowsToCanonical =
        Source.WindowsToTzdbIds.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> IanaToCanonical =
        Source.CanonicalIdMap.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The TZDB zone for a Windows id (<c>India Standard Time</c>) or an IANA id, canonical or alias
    /// (<c>Asia/Calcutta</c> gives <c>Asia/Kolkata</c>); matching ignores case and surrounding spaces.
    /// The zone returned always has its canonical TZDB id. Null for null, blank or unknown names
    /// (including Graph's <c>Customized Time Zone</c>, which has no id to map).
    /// </summary>
    public static DateTimeZone? Resolve(string? windowsOrIanaId)
    {
        var name = windowsOrIanaId?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (WindowsToCanonical.TryGetValue(name, out var fromWindows) || IanaToCanonical.TryGetValue(name, out fromWindows))
        {
            return DateTimeZoneProviders.Tzdb.GetZoneOrNull(fromWindows);
        }

        return null;
    }

    /// <summary>
    /// The Windows id Graph and Outlook use for <paramref name="zone"/>, from the CLDR mapping
    /// (<c>America/Los_Angeles</c> gives <c>Pacific Standard Time</c>, <c>Asia/Kathmandu</c> gives <c>Nepal Standard Time</c>).
    /// <c>UTC</c> for UTC and any zone that never leaves offset zero without a mapping of its own. A zone CLDR does not map at
    /// all (rare; none of the populated ones) comes back as its TZDB id, which Graph's IANA list may still accept.
    /// </summary>
    public static string ToWindowsId(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var canonical = Source.CanonicalIdMap.TryGetValue(zone.Id, out var id) ? id : zone.Id;
        if (Source.TzdbToWindowsIds.TryGetValue(canonical, out var windows) || Source.TzdbToWindowsIds.TryGetValue(zone.Id, out windows))
        {
            return windows;
        }

        return zone.MinOffset == Offset.Zero && zone.MaxOffset == Offset.Zero ? "UTC" : canonical;
    }
}
