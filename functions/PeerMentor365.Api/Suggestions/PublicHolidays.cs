using System.Collections.Concurrent;
using NodaTime;
using NodaTime.TimeZones;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Suggestions;

/// <summary>
/// The public holidays where a person works, for the scheduling core: their country from their time zone's TZDB location
/// (zone.tab), the holidays from the PublicHoliday package's calendar for that country (observed dates, holidays of the
/// whole country only). A country the package does not cover gives none. docs/scheduling.md, "Public holidays".
/// </summary>
internal static class PublicHolidays
{
    private static readonly Dictionary<string, string> CountryByZone = (TzdbDateTimeZoneSource.Default.ZoneLocations ?? [])
        .GroupBy(location => location.ZoneId, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.First().CountryCode, StringComparer.Ordinal);

    // A year of one country's holidays never changes (the package is pinned): computed once per process.
    private static readonly ConcurrentDictionary<(string Country, int Year), Holiday[]> Years = new();

    // The UK's seasonal bank holidays come with bare names ("Spring"); people call them this.
    private static readonly Dictionary<string, string> BetterNames = new(StringComparer.Ordinal)
    {
        ["EarlyMayUK"] = "Early May bank holiday",
        ["SpringUK"] = "Spring bank holiday",
        ["SummerUK"] = "Summer bank holiday",
    };

    /// <summary>The ISO 3166-1 code of the country a zone lies in (e.g. "US" for America/Los_Angeles), or null (Etc/UTC).</summary>
    public static string? CountryOf(DateTimeZone zone) => CountryByZone.GetValueOrDefault(zone.Id);

    /// <summary>
    /// The holidays observed in <paramref name="zone"/>'s country on the local dates that <paramref name="window"/> touches
    /// there (a day either side), in date order; empty when the zone has no country or the package has no calendar for it.
    /// </summary>
    public static IReadOnlyList<Holiday> Around(DateTimeZone zone, Interval window)
    {
        if (CountryOf(zone) is not { } country || !Covers(country))
        {
            return [];
        }

        var from = window.Start.InZone(zone).Date.PlusDays(-1);
        var to = window.End.InZone(zone).Date.PlusDays(1);
        var holidays = new List<Holiday>();
        for (var year = from.Year; year <= to.Year + 1; year++)
        {
            holidays.AddRange(Year(country, year).Where(holiday => holiday.Date >= from && holiday.Date <= to));
        }

        // A holiday observed across a new year can be listed under both years.
        return [.. holidays.Distinct().OrderBy(holiday => holiday.Date)];
    }

    /// <summary>Whether the package has a calendar for this ISO 3166-1 code.</summary>
    public static bool Covers(string country) =>
        country.Length == 2 && country.All(char.IsAsciiLetter) && Enum.TryParse<PublicHoliday.PublicHolidayCountryCode>(country, ignoreCase: true, out _);

    private static Holiday[] Year(string country, int year) => Years.GetOrAdd((country, year), key =>
    {
        // A calendar instance is not thread-safe: each computation takes its own.
        var calendar = PublicHoliday.PublicHolidayFactory.GetPublicHolidayForCountry(key.Country);
        return [.. calendar.PublicHolidaysInformation(key.Year)
            .Where(holiday => holiday.IsPublic)
            .Select(holiday => new Holiday(
                LocalDate.FromDateTime(holiday.ObservedDate),
                BetterNames.GetValueOrDefault(holiday.HolidayKey ?? string.Empty) ?? holiday.EnglishName,
                key.Country))];
    });
}
