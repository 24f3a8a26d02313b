using FsCheck;
using FsCheck.Fluent;

namespace PeerMentor365.Scheduling.Tests;

/// <summary>One person's precomputed day: working hours, the humane stretch around them, and merged busy time.</summary>
public class PersonTimelineTests
{
    private static readonly Instant WindowStart = Utc("2027-01-04T00:00:00Z");
    private static readonly Instant WindowEnd = Utc("2027-04-05T00:00:00Z");

    private static Placement Place(Participant person, string zone, string localStart, int minutes)
    {
        var timeline = new PersonTimeline(person, WindowStart, WindowEnd);
        var start = LocalTimePolicy.ToInstant(Local(localStart), Zone(zone));
        return timeline.Place(start.ToUnixTimeTicks(), (start + Duration.FromMinutes(minutes)).ToUnixTimeTicks());
    }

    [Theory]
    [InlineData("09:00-17:00", "2027-01-05T12:30", 60, true, true, 0.0, "the middle of the day")]
    [InlineData("09:00-17:00", "2027-01-05T09:00", 60, true, true, 0.3, "the very start of the day is the inside edge")]
    [InlineData("09:00-17:00", "2027-01-05T16:00", 60, true, true, 0.3, "so is the very end")]
    [InlineData("09:00-17:00", "2027-01-05T08:00", 60, true, false, 0.8, "an hour before: outside, 0.7 + 0.1 per hour")]
    [InlineData("09:00-17:00", "2027-01-05T06:00", 60, true, false, 1.0, "three hours before is the humane limit")]
    [InlineData("09:00-17:00", "2027-01-05T05:45", 60, false, false, 0.0, "beyond three hours is never offered")]
    [InlineData("09:00-17:00", "2027-01-05T19:00", 60, true, false, 1.0, "ending three hours after is the limit")]
    [InlineData("09:00-17:00", "2027-01-09T12:30", 60, false, false, 0.0, "Saturday is not a working day, however central the time")]
    [InlineData("16:00-24:00", "2027-01-05T23:00", 60, true, true, 0.3, "a day that ends at midnight includes the last hour")]
    [InlineData("16:00-24:00", "2027-01-05T23:30", 60, false, false, 0.0, "the stretch never crosses into the next day")]
    [InlineData("09:00-17:00", "2027-01-05T16:30", 60, true, false, 0.75, "half an hour over")]
    public void Places_a_session_in_the_working_day(string hours, string localStart, int minutes, bool humane, bool inside, double discomfort, string why)
    {
        var placement = Place(Person("ben@contoso.dev", "Europe/London", hours), "Europe/London", localStart, minutes);

        Assert.True(humane == placement.Humane, why);
        Assert.True(inside == placement.Inside, why);
        Assert.Equal(discomfort, placement.Discomfort, 9);
    }

    [Fact]
    public void The_worst_conflict_matches_a_brute_force_scan_of_overlapping_periods()
    {
        var statuses = Enum.GetValues<FreeBusyStatus>();
        var period =
            from startMinute in Gen.Choose(0, 24 * 60 * 7)
            from length in Gen.Choose(0, 300)
            from status in Gen.Elements(statuses)
            let start = WindowStart + Duration.FromMinutes(startMinute)
            select new BusyPeriod(new Interval(start, start + Duration.FromMinutes(length)), status);
        var cases =
            from count in Gen.Choose(0, 30)
            from periods in Gen.ListOf(period, count)
            from sessionStart in Gen.Choose(0, 24 * 60 * 7)
            from sessionLength in Gen.Choose(15, 120)
            select (periods: periods.ToList(), session: new Interval(WindowStart + Duration.FromMinutes(sessionStart), WindowStart + Duration.FromMinutes(sessionStart + sessionLength)));
        Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var person = Person("ben@contoso.dev", "Europe/London", busy: pair.periods);
            var timeline = new PersonTimeline(person, WindowStart, WindowEnd);

            Assert.Equal(
                Oracle.WorstConflict(pair.periods, pair.session),
                timeline.WorstConflict(pair.session.Start.ToUnixTimeTicks(), pair.session.End.ToUnixTimeTicks()));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Overlapping_items_merge_to_the_worst_status_and_empty_items_block_nothing()
    {
        var person = Person("ben@contoso.dev", "Europe/London", busy:
        [
            Busy("2027-01-05T10:00:00Z", "2027-01-05T12:00:00Z", FreeBusyStatus.Tentative),
            Busy("2027-01-05T11:00:00Z", "2027-01-05T11:30:00Z", FreeBusyStatus.OutOfOffice),
            Busy("2027-01-05T11:15:00Z", "2027-01-05T13:00:00Z"),
            Busy("2027-01-05T14:00:00Z", "2027-01-05T14:00:00Z"),
            Busy("2027-01-05T15:00:00Z", "2027-01-05T16:00:00Z", FreeBusyStatus.WorkingElsewhere),
        ]);
        var timeline = new PersonTimeline(person, WindowStart, WindowEnd);
        FreeBusyStatus At(string from, string to) => timeline.WorstConflict(Utc(from).ToUnixTimeTicks(), Utc(to).ToUnixTimeTicks());

        Assert.Equal(FreeBusyStatus.Tentative, At("2027-01-05T09:30:00Z", "2027-01-05T10:30:00Z"));
        Assert.Equal(FreeBusyStatus.OutOfOffice, At("2027-01-05T10:30:00Z", "2027-01-05T11:15:00Z"));
        Assert.Equal(FreeBusyStatus.Busy, At("2027-01-05T11:30:00Z", "2027-01-05T12:30:00Z"));
        Assert.Equal(FreeBusyStatus.Free, At("2027-01-05T13:00:00Z", "2027-01-05T15:00:00Z"));
        Assert.Equal(FreeBusyStatus.Free, At("2027-01-05T15:00:00Z", "2027-01-05T16:00:00Z"));
        Assert.Equal(FreeBusyStatus.Free, At("2027-01-05T09:00:00Z", "2027-01-05T10:00:00Z"));
    }
}
