using NodaTime.TimeZones;

namespace PeerMentor365.Scheduling.Tests;

public class TimeZoneNamesTests
{
    [Theory]
    [InlineData("Pacific Standard Time", "America/Los_Angeles", "Seattle, as Graph names it")]
    [InlineData("Eastern Standard Time", "America/New_York", "New York")]
    [InlineData("E. South America Standard Time", "America/Sao_Paulo", "São Paulo")]
    [InlineData("GMT Standard Time", "Europe/London", "London (not UTC: it has summer time)")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin", "Berlin")]
    [InlineData("India Standard Time", "Asia/Kolkata", "CLDR says Asia/Calcutta; the canonical id is returned")]
    [InlineData("Nepal Standard Time", "Asia/Kathmandu", "UTC+5:45")]
    [InlineData("AUS Eastern Standard Time", "Australia/Sydney", "Sydney")]
    [InlineData("Tokyo Standard Time", "Asia/Tokyo", "Tokyo")]
    [InlineData("Israel Standard Time", "Asia/Jerusalem", "Tel Aviv")]
    [InlineData("Chatham Islands Standard Time", "Pacific/Chatham", "UTC+12:45")]
    [InlineData("UTC", "Etc/UTC", "Graph's UTC")]
    [InlineData("pacific standard time", "America/Los_Angeles", "Windows ids match ignoring case")]
    [InlineData("  Tokyo Standard Time ", "Asia/Tokyo", "surrounding spaces are ignored")]
    [InlineData("America/Los_Angeles", "America/Los_Angeles", "an IANA id from Graph's short list")]
    [InlineData("Asia/Calcutta", "Asia/Kolkata", "an IANA alias resolves to the canonical zone")]
    [InlineData("Europe/Kiev", "Europe/Kyiv", "a renamed zone resolves to its current name")]
    [InlineData("asia/kathmandu", "Asia/Kathmandu", "IANA ids match ignoring case")]
    [InlineData("Etc/GMT+5", "Etc/GMT+5", "fixed-offset zones are zones too")]
    public void Resolves_Windows_and_IANA_names_to_canonical_TZDB_zones(string name, string expected, string why)
    {
        var zone = TimeZoneNames.Resolve(name);

        Assert.NotNull(zone);
        Assert.True(expected == zone.Id, $"{why}: expected {expected}, got {zone.Id}");
    }

    [Theory]
    [InlineData(null, "nothing to resolve")]
    [InlineData("", "blank")]
    [InlineData("   ", "blank")]
    [InlineData("Customized Time Zone", "Graph's name for a custom zone carries no id")]
    [InlineData("Mars/Olympus_Mons", "not a zone")]
    [InlineData("PST", "abbreviations are ambiguous and Graph rejects them")]
    [InlineData("GMT+6:30", "offsets are not zone names")]
    public void Returns_null_for_names_it_cannot_map(string? name, string why)
    {
        Assert.True(TimeZoneNames.Resolve(name) is null, why);
    }

    [Theory]
    [InlineData("America/Los_Angeles", "Pacific Standard Time", "primary mapping")]
    [InlineData("America/Toronto", "Eastern Standard Time", "a territory mapping (Canada)")]
    [InlineData("Europe/Jersey", "GMT Standard Time", "an alias of Europe/London")]
    [InlineData("Asia/Kolkata", "India Standard Time", "CLDR lists it under the alias Asia/Calcutta")]
    [InlineData("Asia/Calcutta", "India Standard Time", "an alias zone id")]
    [InlineData("Asia/Kathmandu", "Nepal Standard Time", "quarter-hour offset")]
    [InlineData("Australia/Sydney", "AUS Eastern Standard Time", "southern hemisphere")]
    [InlineData("Asia/Jerusalem", "Israel Standard Time", "Sunday-Thursday week")]
    [InlineData("Europe/London", "GMT Standard Time", "not Greenwich Standard Time, which has no summer time")]
    [InlineData("Etc/UTC", "UTC", "UTC")]
    [InlineData("Etc/GMT", "UTC", "UTC under another name")]
    public void Maps_zones_to_the_Windows_id_Graph_uses(string zoneId, string expected, string why)
    {
        Assert.True(expected == TimeZoneNames.ToWindowsId(DateTimeZoneProviders.Tzdb[zoneId]), why);
    }

    [Fact]
    public void Every_Windows_id_in_the_CLDR_mapping_resolves_and_maps_back_to_a_Windows_id_with_the_same_rules()
    {
        var now = Instant.FromUtc(2027, 1, 1, 0, 0);
        var span = new Interval(now, now + Duration.FromDays(365));
        foreach (var windowsId in TzdbDateTimeZoneSource.Default.WindowsToTzdbIds.Keys)
        {
            var zone = TimeZoneNames.Resolve(windowsId);
            Assert.NotNull(zone);
            var back = TimeZoneNames.Resolve(TimeZoneNames.ToWindowsId(zone));
            Assert.NotNull(back);
            Assert.True(TimeZoneNames.Resolve(windowsId)!.Id == zone.Id, "resolving is stable");
            Assert.Equal(Changes(zone, span), Changes(back, span));
        }
    }

    [Fact]
    public void A_zone_CLDR_does_not_map_comes_back_as_its_TZDB_id()
    {
        Assert.Equal("Antarctica/Troll", TimeZoneNames.ToWindowsId(DateTimeZoneProviders.Tzdb["Antarctica/Troll"]));
    }

    private static IEnumerable<(Instant?, Offset)> Changes(DateTimeZone zone, Interval span) =>
        zone.GetZoneIntervals(span).Select(interval => (interval.HasStart ? interval.Start : (Instant?)null, interval.WallOffset)).Skip(1);
}
