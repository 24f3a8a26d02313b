namespace PeerMentor365.Scheduling.Tests;

/// <summary>How messages write dates, days and lengths of time.</summary>
public class MessageTextTests
{
    [Theory]
    [InlineData("2027-03-09", "9 Mar 2027")]
    [InlineData("2027-03-09,2027-03-16", "9 Mar and 16 Mar 2027")]
    [InlineData("2026-12-28,2027-01-04", "28 Dec 2026 and 4 Jan 2027")]
    [InlineData("2026-12-15,2026-12-29,2027-01-12", "15 Dec, 29 Dec 2026 and 12 Jan 2027")]
    [InlineData("2026-12-01,2026-12-15,2026-12-29,2027-01-12,2027-01-26", "1 Dec, 15 Dec, 29 Dec 2026, 12 Jan and 26 Jan 2027")]
    [InlineData("2026-12-01,2026-12-15,2026-12-29,2027-01-12,2027-01-26,2027-02-09,2027-02-23", "1 Dec, 15 Dec, 29 Dec 2026, 12 Jan, 26 Jan 2027 and 2 more")]
    public void Dates_name_the_year_once_per_run_and_count_what_they_leave_out(string dates, string expected) =>
        Assert.Equal(expected, MessageText.Dates([.. dates.Split(',').Select(Date)]));

    [Theory]
    [InlineData("Monday,Tuesday,Wednesday,Thursday,Friday", "Monday to Friday")]
    [InlineData("Sunday,Monday,Tuesday,Wednesday,Thursday", "Sunday to Thursday")]
    [InlineData("Friday,Saturday,Sunday,Monday", "Friday to Monday")]
    [InlineData("Monday,Wednesday,Friday", "Monday, Wednesday and Friday")]
    [InlineData("Monday,Tuesday", "Monday and Tuesday")]
    [InlineData("Tuesday", "Tuesday")]
    [InlineData("Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday", "every day")]
    public void Days_read_as_a_run_when_they_follow_each_other(string days, string expected) =>
        Assert.Equal(expected, MessageText.Days(new SortedSet<IsoDayOfWeek>(days.Split(',').Select(Enum.Parse<IsoDayOfWeek>))));

    [Theory]
    [InlineData(45, "45 min")]
    [InlineData(180, "3 h")]
    [InlineData(765, "12 h 45 min")]
    public void Spans_are_hours_and_minutes(int minutes, string expected) =>
        Assert.Equal(expected, MessageText.Span(Duration.FromMinutes(minutes)));

    [Fact]
    public void Working_hours_that_end_at_midnight_end_at_24_00() =>
        Assert.Equal("18:00\u201324:00", MessageText.Hours(WorkingHours.Create([IsoDayOfWeek.Monday], Time("18:00"), LocalTime.Midnight, Zone("Europe/London"))));
}
