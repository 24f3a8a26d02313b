using NodaTime;
using PeerMentor365.Api.Suggestions;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>
/// Where the API takes public holidays from: the country of a person's time zone (TZDB's zone locations) and the
/// PublicHoliday package's calendar for it, observed dates, as the scheduling core takes them.
/// </summary>
public sealed class PublicHolidaysTests
{
    private static Interval Window(string from, string to) =>
        new(Instant.FromDateTimeOffset(DateTimeOffset.Parse(from, null)), Instant.FromDateTimeOffset(DateTimeOffset.Parse(to, null)));

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    [Theory]
    [InlineData("America/Los_Angeles", "US")]
    [InlineData("America/New_York", "US")]
    [InlineData("Europe/London", "GB")]
    [InlineData("America/Sao_Paulo", "BR")]
    [InlineData("Asia/Kolkata", "IN")]
    public void A_persons_country_is_their_time_zones(string zone, string country) =>
        Assert.Equal(country, PublicHolidays.CountryOf(Zone(zone)));

    [Fact]
    public void A_zone_without_a_country_has_no_holidays() =>
        Assert.Empty(PublicHolidays.Around(DateTimeZone.Utc, Window("2026-11-01T00:00:00Z", "2027-11-01T00:00:00Z")));

    [Fact]
    public void A_country_the_calendar_does_not_cover_has_no_holidays_and_no_error()
    {
        Assert.False(PublicHolidays.Covers("IN"));
        Assert.Empty(PublicHolidays.Around(Zone("Asia/Kolkata"), Window("2026-11-01T00:00:00Z", "2027-11-01T00:00:00Z")));
    }

    [Fact]
    public void Us_holidays_are_the_observed_days_off()
    {
        var holidays = PublicHolidays.Around(Zone("America/Los_Angeles"), Window("2026-11-01T08:00:00Z", "2027-08-01T07:00:00Z"));

        Assert.Contains(holidays, holiday => holiday == new Scheduling.Holiday(new LocalDate(2026, 11, 26), "Thanksgiving", "US"));
        // 4 July 2027 is a Sunday: the day off is Monday 5 July.
        var independence = Assert.Single(holidays, holiday => holiday.Name == "Independence Day");
        Assert.Equal(new LocalDate(2027, 7, 5), independence.Date);
        Assert.Equal(holidays.OrderBy(holiday => holiday.Date), holidays);
        Assert.All(holidays, holiday => Assert.InRange(holiday.Date, new LocalDate(2026, 10, 31), new LocalDate(2027, 8, 1)));
    }

    [Fact]
    public void Uk_holidays_are_the_observed_days_off_with_the_names_people_use()
    {
        var holidays = PublicHolidays.Around(Zone("Europe/London"), Window("2026-12-01T00:00:00Z", "2027-09-01T00:00:00Z"));

        // Boxing Day 2026 is a Saturday: the bank holiday is Monday 28 December.
        Assert.Equal(new LocalDate(2026, 12, 28), Assert.Single(holidays, holiday => holiday.Name == "Boxing Day").Date);
        Assert.Contains(holidays, holiday => holiday == new Scheduling.Holiday(new LocalDate(2027, 5, 31), "Spring bank holiday", "GB"));
        Assert.Contains(holidays, holiday => holiday == new Scheduling.Holiday(new LocalDate(2027, 8, 30), "Summer bank holiday", "GB"));
        Assert.All(holidays, holiday => Assert.Equal("GB", holiday.CountryCode));
    }

    [Fact]
    public void A_new_year_observed_in_the_old_year_is_listed_once()
    {
        // 1 January 2028 is a Saturday: the US has Friday 31 December 2027 off.
        var holidays = PublicHolidays.Around(Zone("America/New_York"), Window("2027-12-01T05:00:00Z", "2028-02-01T05:00:00Z"));

        Assert.Equal(new LocalDate(2027, 12, 31), Assert.Single(holidays, holiday => holiday.Name == "New Year").Date);
    }
}
