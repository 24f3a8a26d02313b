using Microsoft.Graph.Models;
using NodaTime;
using PeerMentor365.Api.Series;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>From a request to Graph's recurrence: the same monthly rule as the scheduling core, and what Graph demands.</summary>
public sealed class SeriesPlanTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static SeriesRequest Request(LocalDateTime first, string cadence, SeriesEnd end, DateTimeZone? zone = null) =>
        new(first, zone ?? London, Cadence.TryParse(cadence, out var parsed) ? parsed : throw new ArgumentException(cadence), 60, end, "ana");

    [Fact]
    public void A_fortnightly_series_is_weekly_with_interval_2_on_the_first_days_weekday_numbered_from_the_start_date()
    {
        var plan = Request(new LocalDateTime(2026, 12, 1, 15, 0), "every2Weeks", new SeriesEnd(12, null)).Plan();
        var recurrence = SeriesInvite.Recurrence(plan, "GMT Standard Time");

        Assert.Equal(RecurrencePatternType.Weekly, recurrence.Pattern!.Type);
        Assert.Equal(2, recurrence.Pattern.Interval);
        Assert.Equal([DayOfWeekObject.Tuesday], recurrence.Pattern.DaysOfWeek!.Select(day => day!.Value));
        Assert.Equal(DayOfWeekObject.Monday, recurrence.Pattern.FirstDayOfWeek);
        Assert.Null(recurrence.Pattern.Index);
        Assert.Equal(RecurrenceRangeType.Numbered, recurrence.Range!.Type);
        Assert.Equal("2026-12-01", recurrence.Range.StartDate.ToString());
        Assert.Equal(12, recurrence.Range.NumberOfOccurrences);
        Assert.Equal("GMT Standard Time", recurrence.Range.RecurrenceTimeZone);
        Assert.Equal(12, plan.LocalStarts.Count);
        Assert.Equal(new LocalDateTime(2027, 5, 4, 15, 0), plan.LocalStarts[^1]);
    }

    [Fact]
    public void A_monthly_series_is_relative_monthly_on_the_nth_weekday_or_the_last_for_a_fifth_one()
    {
        var second = Request(new LocalDateTime(2026, 12, 8, 9, 0), "monthly", new SeriesEnd(3, null)).Plan();
        var fifth = Request(new LocalDateTime(2026, 12, 29, 9, 0), "monthly", new SeriesEnd(4, null)).Plan();

        var secondRecurrence = SeriesInvite.Recurrence(second, "GMT Standard Time");
        Assert.Equal(RecurrencePatternType.RelativeMonthly, secondRecurrence.Pattern!.Type);
        Assert.Equal(WeekIndex.Second, secondRecurrence.Pattern.Index);
        Assert.Equal([DayOfWeekObject.Tuesday], secondRecurrence.Pattern.DaysOfWeek!.Select(day => day!.Value));
        Assert.Equal([new LocalDate(2026, 12, 8), new LocalDate(2027, 1, 12), new LocalDate(2027, 2, 9)], second.LocalStarts.Select(start => start.Date));

        Assert.Equal(WeekIndex.Last, SeriesInvite.Recurrence(fifth, "GMT Standard Time").Pattern!.Index);
        Assert.Equal([new LocalDate(2026, 12, 29), new LocalDate(2027, 1, 26), new LocalDate(2027, 2, 23), new LocalDate(2027, 3, 30)], fifth.LocalStarts.Select(start => start.Date));
        Assert.Equal("relativeMonthly", SeriesInvite.Describe(fifth.Pattern).Type);
        Assert.Equal("last", SeriesInvite.Describe(fifth.Pattern).Index);
    }

    [Fact]
    public void An_end_date_is_an_end_date_range_and_the_plan_stops_on_or_before_it()
    {
        var plan = Request(new LocalDateTime(2026, 12, 1, 15, 0), "weekly", new SeriesEnd(null, new LocalDate(2026, 12, 29))).Plan();
        var recurrence = SeriesInvite.Recurrence(plan, "GMT Standard Time");

        Assert.Equal(RecurrenceRangeType.EndDate, recurrence.Range!.Type);
        Assert.Equal("2026-12-29", recurrence.Range.EndDate.ToString());
        Assert.Null(recurrence.Range.NumberOfOccurrences);
        Assert.Equal(5, plan.LocalStarts.Count);
    }

    [Fact]
    public void The_event_starts_and_ends_in_local_time_of_the_anchor_zones_Windows_name_with_Teams_and_the_transaction_id()
    {
        var plan = Request(new LocalDateTime(2027, 3, 30, 9, 30), "weekly", new SeriesEnd(4, null), DateTimeZoneProviders.Tzdb["America/Sao_Paulo"]).Plan();

        var created = SeriesInvite.Build(plan, "Peer mentoring: Ana & Ben", "<html><body></body></html>", [new Invitee("ben.carter@contoso.dev", "Ben Carter")], "6b0f7c1e-2a11-4e0e-9a53-0e0c2b8a1f00");

        Assert.Equal("2027-03-30T09:30:00", created.Start!.DateTime);
        Assert.Equal("2027-03-30T10:30:00", created.End!.DateTime);
        Assert.Equal("E. South America Standard Time", created.Start.TimeZone);
        Assert.Equal(created.Start.TimeZone, created.Recurrence!.Range!.RecurrenceTimeZone);
        Assert.True(created.IsOnlineMeeting);
        Assert.Equal(OnlineMeetingProviderType.TeamsForBusiness, created.OnlineMeetingProvider);
        Assert.Equal(AttendeeType.Required, Assert.Single(created.Attendees!).Type);
        Assert.Equal("6b0f7c1e-2a11-4e0e-9a53-0e0c2b8a1f00", created.TransactionId);
        Assert.Equal(BodyType.Html, created.Body!.ContentType);
    }

    [Fact]
    public void Every_planned_session_keeps_the_first_local_time_and_follows_the_pattern_for_every_first_day_of_a_year()
    {
        var zones = new[] { "Europe/London", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney" };
        var cadences = new[] { "weekly", "every2Weeks", "every3Weeks", "every4Weeks", "monthly" };
        for (var dayOffset = 0; dayOffset < 366; dayOffset++)
        {
            foreach (var cadence in cadences)
            {
                var first = new LocalDate(2026, 12, 1).PlusDays(dayOffset).At(new LocalTime(8, 0));
                var count = 1 + (dayOffset % 30);
                var zone = DateTimeZoneProviders.Tzdb[zones[dayOffset % zones.Length]];
                var plan = Request(first, cadence, new SeriesEnd(count, null), zone).Plan();
                var starts = plan.LocalStarts;
                var pattern = plan.Pattern;
                Assert.Equal(count, starts.Count);
                Assert.Equal(first, starts[0]);
                Assert.All(starts, start => Assert.Equal((first.TimeOfDay, first.DayOfWeek), (start.TimeOfDay, start.DayOfWeek)));
                for (var i = 1; i < starts.Count; i++)
                {
                    var ok = pattern.Kind == RecurrenceKind.Weekly
                        ? Period.Between(starts[i - 1].Date, starts[i].Date, PeriodUnits.Days).Days == 7 * pattern.Interval
                        : pattern.Index == WeekOfMonth.Last
                            ? starts[i].Day + 7 > starts[i].Calendar.GetDaysInMonth(starts[i].Year, starts[i].Month)
                            : (starts[i].Day - 1) / 7 == (int)pattern.Index!.Value;
                    Assert.True(ok, $"{cadence} from {first}: session {i} on {starts[i]}");
                }
            }
        }
    }
}
