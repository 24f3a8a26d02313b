using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>
/// Mailbox-specific event ids and cross-mailbox iCalUIds in the shapes Exchange uses: an id is "AAMkAG…" in base64's
/// alphabet (an occurrence's id carries its original date); an iCalUId is a hex GlobalObjectId whose bytes 16-19 hold
/// an occurrence's date (zero for a series master or single event).
/// </summary>
internal static partial class EventIds
{
    private const string IdPrefix = "AAMkAG";
    private const string IdSuffix = "AAA=";
    private const string OccurrenceMarker = "BQ";
    private const string GlobalObjectIdPrefix = "040000008200E00074C5B7101A82E008";

    public static string NewCore() => IdPrefix + Guid.NewGuid().ToString("N");

    public static string ItemId(string core) => core + IdSuffix;

    public static string OccurrenceId(string core, LocalDate originalDate) =>
        core + OccurrenceMarker + originalDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + IdSuffix;

    /// <summary>Splits an event id into its item core and, for an occurrence, its original date.</summary>
    public static bool TryParse(string id, out string core, out LocalDate? originalDate)
    {
        core = string.Empty;
        originalDate = null;
        var match = IdShape().Match(id);
        if (!match.Success)
        {
            return false;
        }

        core = match.Groups["core"].Value;
        if (match.Groups["date"].Success)
        {
            var text = match.Groups["date"].Value;
            if (!DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return false;
            }

            originalDate = LocalDate.FromDateTime(date);
        }

        return true;
    }

    public static string NewICalUId(Guid uid, Instant created) =>
        GlobalObjectIdPrefix + "00000000"
        + (created.ToUnixTimeTicks() + 116444736000000000L).ToString("X16", CultureInfo.InvariantCulture)
        + "0000000000000000" + "10000000" + uid.ToString("N").ToUpperInvariant();

    /// <summary>An occurrence's iCalUId: the series' with the occurrence's original date in bytes 16-19 (year, month, day).</summary>
    public static string OccurrenceICalUId(string seriesICalUId, LocalDate originalDate) =>
        seriesICalUId[..GlobalObjectIdPrefix.Length]
        + originalDate.Year.ToString("X4", CultureInfo.InvariantCulture)
        + originalDate.Month.ToString("X2", CultureInfo.InvariantCulture)
        + originalDate.Day.ToString("X2", CultureInfo.InvariantCulture)
        + seriesICalUId[(GlobalObjectIdPrefix.Length + 8)..];

    [GeneratedRegex("^(?<core>AAMkAG[0-9a-f]{32})(?:BQ(?<date>[0-9]{8}))?AAA=$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
