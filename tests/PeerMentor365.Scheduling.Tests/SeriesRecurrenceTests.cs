namespace PeerMentor365.Scheduling.Tests;

public class SeriesRecurrenceTests
{
    [Theory]
    [InlineData(WeekOfMonth.First, "2027-01-05,2027-02-02,2027-03-02,2027-04-06", "the first Tuesday")]
    [InlineData(WeekOfMonth.Second, "2027-01-12,2027-02-09,2027-03-09,2027-04-13", "the second Tuesday")]
    [InlineData(WeekOfMonth.Fourth, "2027-01-26,2027-02-23,2027-03-23,2027-04-27", "the fourth Tuesday")]
    [InlineData(WeekOfMonth.Last, "2027-01-26,2027-02-23,2027-03-30,2027-04-27", "the last Tuesday: March has five")]
    public void Monthly_series_land_on_the_nth_weekday_of_each_month(WeekOfMonth week, string dates, string why)
    {
        var first = Date(dates.Split(',')[0]) + new LocalTime(15, 0);
        var series = new SeriesRecurrence(Zone("Europe/London"), first, SessionLength.FromMinutes(30),
            new RecurrencePattern(RecurrenceKind.RelativeMonthly, 1, IsoDayOfWeek.Tuesday, week), 4);

        Assert.True(dates.Split(',').Select(Date).SequenceEqual(series.LocalStarts().Select(start => start.Date)), why);
        Assert.All(series.LocalStarts(), start => Assert.Equal(new LocalTime(15, 0), start.TimeOfDay));
        Assert.Equal(first.PlusMinutes(30), series.FirstEnd);
    }

    [Fact]
    public void Weekly_series_keep_the_local_time_in_the_anchor_zone_through_clock_changes()
    {
        var series = new SeriesRecurrence(Zone("Europe/London"), Local("2027-03-23T09:00"), SessionLength.Default,
            new RecurrencePattern(RecurrenceKind.Weekly, 1, IsoDayOfWeek.Tuesday, null), 2);

        Assert.Equal([Local("2027-03-23T09:00"), Local("2027-03-30T09:00")], series.LocalStarts());
        Assert.Equal(Utc("2027-03-23T09:00:00Z"), LocalTimePolicy.ToInstant(series.LocalStarts()[0], series.AnchorZone));
        Assert.Equal(Utc("2027-03-30T08:00:00Z"), LocalTimePolicy.ToInstant(series.LocalStarts()[1], series.AnchorZone));
    }
}
