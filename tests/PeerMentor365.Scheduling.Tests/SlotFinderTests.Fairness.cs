namespace PeerMentor365.Scheduling.Tests;

/// <summary>Ranking for fairness: middle of everyone's day first; when nothing is comfortable, share the stretch.</summary>
public partial class SlotFinderTests
{
    [Fact]
    public void Colleagues_in_one_zone_meet_in_the_middle_of_their_day()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London"), Person("amy@contoso.dev", "Europe/London")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var top = SlotFinder.FindSlots(query).Slots[0];

        // 09:00-17:00 with a one-hour session: 12:30-13:30 is equally far from both ends.
        Assert.Equal(Time("12:30"), top.Recurrence.FirstStart.TimeOfDay);
        Assert.Equal(1.0, top.Score);
        Assert.Empty(top.Warnings);
    }

    [Fact]
    public void New_York_and_London_meet_in_the_middle_of_their_overlap_not_at_one_persons_edge()
    {
        // London 09:00-17:00 is 09:00-17:00 UTC, New York 09:00-17:00 is 14:00-22:00 UTC in winter: the overlap is
        // 14:00-17:00 UTC, and 15:00-16:00 UTC (London 15:00, New York 10:00) is equally far from both their middles.
        var query = Query(
            [Person("noah@contoso.dev", "America/New_York"), Person("ben@contoso.dev", "Europe/London")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var top = SlotFinder.FindSlots(query).Slots[0];

        Assert.Equal(new LocalTime(15, 0), top.Occurrences[0].When.Start.InUtc().TimeOfDay);
        Assert.Equal(Time("10:00"), View(top.Occurrences[0], "noah@contoso.dev").LocalStart.TimeOfDay);
        Assert.True(top.Comfortable);
    }

    [Fact]
    public void Bangalore_and_Seattle_have_no_comfortable_hour_so_both_stretch_by_the_same_amount()
    {
        // Seattle's day ends at 01:00 UTC in winter, Bangalore's starts at 03:30 UTC: 2.5 hours apart, 3.5 hours to
        // cover for a one-hour session. Shared fairly, that is 1h45 each: Seattle 17:45-18:45, Bangalore 07:15-08:15.
        // (The window ends before Seattle's clocks change, so every session is the same.)
        var seattle = Person("ana@contoso.dev", "America/Los_Angeles");
        var bangalore = Person("raj@contoso.dev", "Asia/Kolkata");
        var result = SlotFinder.FindSlots(Query([seattle, bangalore], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z"));

        Assert.False(result.HasComfortableSlots);
        var top = result.Slots[0];
        var first = top.Occurrences[0];
        Assert.Equal(Time("17:45"), View(first, "ana@contoso.dev").LocalStart.TimeOfDay);
        Assert.Equal(Time("07:15"), View(first, "raj@contoso.dev").LocalStart.TimeOfDay);
        Assert.Equal(105, MinutesOutside(View(first, "ana@contoso.dev"), seattle));
        Assert.Equal(105, MinutesOutside(View(first, "raj@contoso.dev"), bangalore));
        Assert.Equal(top.Recurrence.Count, WarningFor(top, SlotWarningKind.OutsideWorkingHours, "ana@contoso.dev").Dates.Count);
        Assert.Equal(top.Recurrence.Count, WarningFor(top, SlotWarningKind.OutsideWorkingHours, "raj@contoso.dev").Dates.Count);

        // Every suggestion stretches both, and nobody by more than the humane three hours.
        Assert.All(result.Slots, slot => Assert.All(slot.Occurrences, occurrence =>
        {
            Assert.InRange(MinutesOutside(View(occurrence, "ana@contoso.dev"), seattle), 1, 180);
            Assert.InRange(MinutesOutside(View(occurrence, "raj@contoso.dev"), bangalore), 1, 180);
        }));
    }

    [Fact]
    public void Bangalore_and_Seattle_over_six_months_still_get_humane_suggestions_across_the_US_clock_change()
    {
        // From mid-March Seattle is an hour closer to UTC, so the gap grows to 3.5 hours: someone stretches further,
        // but every session stays within three hours of both working days.
        var seattle = Person("ana@contoso.dev", "America/Los_Angeles");
        var bangalore = Person("raj@contoso.dev", "Asia/Kolkata");
        var result = SlotFinder.FindSlots(Query([seattle, bangalore], "2026-12-01T08:00:00Z", "2027-06-01T08:00:00Z"));

        Assert.NotEmpty(result.Slots);
        Assert.All(result.Slots, slot =>
        {
            Assert.Equal(26, slot.Recurrence.Count);
            Assert.Contains(slot.Warnings, warning => warning.Kind == SlotWarningKind.LocalTimeShifts);
            Assert.All(slot.Occurrences, occurrence =>
            {
                Assert.InRange(MinutesOutside(View(occurrence, "ana@contoso.dev"), seattle), 1, 180);
                Assert.InRange(MinutesOutside(View(occurrence, "raj@contoso.dev"), bangalore), 1, 180);
            });
        });
    }

    [Fact]
    public void The_one_person_in_another_zone_is_not_sacrificed_to_spare_the_majority()
    {
        // Two Londoners end at 17:00 UTC when Seattle starts (09:00 PST). Minimising the total would keep both
        // Londoners inside and start Seattle at 08:00; minimising the worst spreads it: 16:30-17:30 UTC puts each
        // person 30 minutes outside.
        var london1 = Person("ben@contoso.dev", "Europe/London");
        var london2 = Person("amy@contoso.dev", "Europe/London");
        var seattle = Person("ana@contoso.dev", "America/Los_Angeles");
        var result = SlotFinder.FindSlots(Query([london1, london2, seattle], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z"));

        var top = result.Slots[0];
        var first = top.Occurrences[0];
        Assert.Equal(new LocalTime(16, 30), first.When.Start.InUtc().TimeOfDay);
        Assert.Equal(30, MinutesOutside(View(first, "ben@contoso.dev"), london1));
        Assert.Equal(30, MinutesOutside(View(first, "amy@contoso.dev"), london2));
        Assert.Equal(30, MinutesOutside(View(first, "ana@contoso.dev"), seattle));
    }

    [Fact]
    public void Scores_fall_with_rank_and_a_comfortable_slot_outranks_a_stretched_one()
    {
        var query = Query(
            [Person("noah@contoso.dev", "America/New_York"), Person("ben@contoso.dev", "Europe/London")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z", max: 25);

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.Equal(slots.Select(slot => slot.Score).OrderDescending(), slots.Select(slot => slot.Score));
        var lastComfortable = slots.ToList().FindLastIndex(slot => slot.Comfortable);
        var firstStretched = slots.ToList().FindIndex(slot => !slot.Comfortable);
        Assert.True(firstStretched < 0 || lastComfortable < firstStretched, "with no clashes, every comfortable slot ranks above every stretched one");
    }
}
