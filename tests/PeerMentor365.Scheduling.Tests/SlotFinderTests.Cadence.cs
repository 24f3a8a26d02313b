namespace PeerMentor365.Scheduling.Tests;

/// <summary>Cadences: weekly, every 2-4 weeks (each week phase its own candidate), monthly on the nth or last weekday.</summary>
public partial class SlotFinderTests
{
    private static readonly Participant BenInLondon = Person("ben@contoso.dev", "Europe/London");
    private static readonly Participant AmyInLondon = Person("amy@contoso.dev", "Europe/London");

    [Theory]
    [InlineData("weekly", 26, 7, "every Tuesday from 1 Dec 2026 to 25 May 2027")]
    [InlineData("every2Weeks", 13, 14, "1 Dec, 15 Dec, ... 18 May")]
    [InlineData("every3Weeks", 9, 21, "1 Dec + 3k weeks up to 4 May")]
    [InlineData("every4Weeks", 7, 28, "1 Dec + 4k weeks up to 18 May")]
    public void A_six_month_window_holds_the_whole_series(string cadence, int count, int daysApart, string why)
    {
        Assert.True(Cadence.TryParse(cadence, out var parsed), why);
        var query = Query([BenInLondon, AmyInLondon], "2026-12-01T08:00:00Z", "2027-06-01T08:00:00Z", parsed);

        var slot = SlotStartingAt(AllCandidates(query), "2026-12-01T12:30:00Z");

        Assert.Equal(count, slot.Recurrence.Count);
        Assert.Equal(new RecurrencePattern(RecurrenceKind.Weekly, parsed.IntervalWeeks, IsoDayOfWeek.Tuesday, null), slot.Recurrence.Pattern);
        var starts = slot.Recurrence.LocalStarts();
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(Period.FromDays(daysApart), Period.Between(pair.First, pair.Second, PeriodUnits.Days)));
    }

    [Theory]
    [InlineData(2, "two week phases")]
    [InlineData(3, "three week phases")]
    [InlineData(4, "four week phases")]
    public void Every_week_phase_of_an_every_n_weeks_series_is_its_own_candidate(int weeks, string why)
    {
        var query = Query([BenInLondon, AmyInLondon], "2026-11-30T00:00:00Z", "2027-06-01T00:00:00Z", Cadence.EveryWeeks(weeks));

        var tuesdaysAt1230 = AllCandidates(query)
            .Where(slot => slot.Recurrence.FirstStart.DayOfWeek == IsoDayOfWeek.Tuesday && slot.Recurrence.FirstStart.TimeOfDay == Time("12:30"))
            .Select(slot => slot.Recurrence.FirstStart.Date)
            .Order();

        Assert.Equal(Enumerable.Range(0, weeks).Select(week => Date("2026-12-01").PlusWeeks(week)), tuesdaysAt1230);
        Assert.NotEmpty(why);
    }

    [Fact]
    public void Weekly_suggestions_start_within_the_first_week()
    {
        var query = Query([BenInLondon, AmyInLondon], "2026-12-02T10:07:00Z", "2027-06-01T00:00:00Z", max: 25);

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.NotEmpty(slots);
        Assert.All(slots, slot => Assert.InRange(slot.Occurrences[0].When.Start, Utc("2026-12-02T10:07:00Z"), Utc("2026-12-09T10:07:00Z")));
        Assert.Contains(slots, slot => slot.Occurrences[0].When.Start < Utc("2026-12-03T00:00:00Z"));
    }

    [Fact]
    public void Monthly_suggestions_name_the_week_of_the_month_and_keep_it()
    {
        var query = Query([BenInLondon, AmyInLondon], "2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z", Cadence.MonthlyOnNthWeekday, max: 25);

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.NotEmpty(slots);
        Assert.All(slots, slot =>
        {
            var pattern = slot.Recurrence.Pattern;
            Assert.Equal(RecurrenceKind.RelativeMonthly, pattern.Kind);
            Assert.Equal(6, slot.Recurrence.Count);
            Assert.All(slot.Recurrence.LocalStarts(), start =>
            {
                Assert.Equal(pattern.DayOfWeek, start.DayOfWeek);
                if (pattern.Index == WeekOfMonth.Last)
                {
                    Assert.True(start.Day + 7 > start.Calendar.GetDaysInMonth(start.Year, start.Month));
                }
                else
                {
                    Assert.Equal((int)pattern.Index!.Value, (start.Day - 1) / 7);
                }
            });
        });
    }

    [Fact]
    public void A_date_in_the_fourth_week_that_is_also_the_last_gives_two_different_monthly_series()
    {
        // Tuesday 23 February 2027 is both the fourth and the last Tuesday of February; in March 2027 the fourth
        // Tuesday is the 23rd and the last is the 30th.
        var query = Query([BenInLondon, AmyInLondon], "2027-02-01T00:00:00Z", "2027-08-01T00:00:00Z", Cadence.MonthlyOnNthWeekday);

        var both = AllCandidates(query).Where(slot => slot.Occurrences[0].When.Start == Utc("2027-02-23T12:30:00Z")).ToList();
        var fourth = Assert.Single(both, slot => slot.Recurrence.Pattern.Index == WeekOfMonth.Fourth);
        var last = Assert.Single(both, slot => slot.Recurrence.Pattern.Index == WeekOfMonth.Last);

        Assert.Equal(Local("2027-03-23T12:30"), fourth.Recurrence.LocalStarts()[1]);
        Assert.Equal(Local("2027-03-30T12:30"), last.Recurrence.LocalStarts()[1]);
    }

    [Fact]
    public void Monthly_first_sessions_fall_within_the_first_month_and_no_series_appears_twice()
    {
        var query = Query([BenInLondon, AmyInLondon], "2026-12-10T00:00:00Z", "2027-06-10T00:00:00Z", Cadence.MonthlyOnNthWeekday);

        var candidates = AllCandidates(query);

        Assert.All(candidates, slot => Assert.InRange(slot.Occurrences[0].When.Start, Utc("2026-12-10T00:00:00Z"), Utc("2027-01-14T01:00:00Z")));
        var series = candidates.Select(slot => (slot.Recurrence.Pattern, slot.Recurrence.FirstStart.TimeOfDay)).ToList();
        Assert.Equal(series.Count, series.Distinct().Count());

        // The second Thursday of December (10 Dec) is inside the window; January's would repeat it a month later.
        Assert.Contains(candidates, slot => slot.Recurrence.FirstStart == Local("2026-12-10T12:30") && slot.Recurrence.Pattern.Index == WeekOfMonth.Second);
        Assert.DoesNotContain(candidates, slot => slot.Recurrence.FirstStart == Local("2027-01-14T12:30") && slot.Recurrence.Pattern.Index == WeekOfMonth.Second);
    }

    [Fact]
    public void A_series_ends_with_the_last_session_that_fits_before_the_horizon()
    {
        // The window ends at 13:00 UTC on Tuesday 29 December: the 12:30-13:30 session that day does not fit.
        var query = Query([BenInLondon, AmyInLondon], "2026-12-01T00:00:00Z", "2026-12-29T13:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2026-12-01T12:30:00Z");

        Assert.Equal(4, slot.Recurrence.Count);
        Assert.Equal(Utc("2026-12-22T13:30:00Z"), slot.Occurrences[^1].When.End);
    }
}
