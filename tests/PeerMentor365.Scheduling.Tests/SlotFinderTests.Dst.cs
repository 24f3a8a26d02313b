namespace PeerMentor365.Scheduling.Tests;

/// <summary>Series that cross clock changes: northern and southern hemispheres, different dates, quarter-hour offsets.</summary>
public partial class SlotFinderTests
{
    // 2027: the US springs forward on Sunday 14 March, the UK and EU on Sunday 28 March, Sydney falls back on Sunday 4 April.

    [Fact]
    public void Seattle_organizer_and_London_peer_London_start_moves_for_the_two_weeks_between_the_changes()
    {
        // Seattle 08:00-17:00 and London 09:00-17:00 overlap for exactly 16:00-17:00 UTC in winter.
        var query = Query(
            [Person("ana@contoso.dev", "America/Los_Angeles", "08:00-17:00"), Person("ben@contoso.dev", "Europe/London")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var slot = SlotStartingAt(SlotFinder.FindSlots(query).Slots, "2027-03-02T16:00:00Z");

        // Both anchors keep everyone inside with no clashes, so the organizer's zone wins.
        Assert.Equal("America/Los_Angeles", slot.Recurrence.AnchorZone.Id);
        Assert.Equal(Local("2027-03-02T08:00"), slot.Recurrence.FirstStart);
        Assert.True(slot.Comfortable);
        Assert.All(LocalStartTimes(slot, "ana@contoso.dev"), time => Assert.Equal(Time("08:00"), time));
        Assert.Equal(
            [Time("16:00"), Time("16:00"), Time("15:00"), Time("15:00"), Time("16:00")],
            LocalStartTimes(slot, "ben@contoso.dev").Take(5));
        var shifts = WarningFor(slot, SlotWarningKind.LocalTimeShifts, "ben@contoso.dev");
        Assert.Equal([Date("2027-03-16"), Date("2027-03-23")], shifts.Dates);
        Assert.DoesNotContain(slot.Warnings, warning => warning.ParticipantId == "ana@contoso.dev");
    }

    [Fact]
    public void London_organizer_and_Seattle_peer_the_same_slot_is_anchored_in_London_and_Seattle_sees_the_shift()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London"), Person("ana@contoso.dev", "America/Los_Angeles", "08:00-17:00")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var slot = SlotStartingAt(SlotFinder.FindSlots(query).Slots, "2027-03-02T16:00:00Z");

        Assert.Equal("Europe/London", slot.Recurrence.AnchorZone.Id);
        Assert.Equal(Local("2027-03-02T16:00"), slot.Recurrence.FirstStart);
        Assert.All(LocalStartTimes(slot, "ben@contoso.dev"), time => Assert.Equal(Time("16:00"), time));
        var shifts = WarningFor(slot, SlotWarningKind.LocalTimeShifts, "ana@contoso.dev");
        Assert.Equal([Date("2027-03-16"), Date("2027-03-23")], shifts.Dates);
        Assert.Equal(Time("09:00"), View(slot.Occurrences[2], "ana@contoso.dev").LocalStart.TimeOfDay);
    }

    [Fact]
    public void Sydney_and_Seattle_the_anchor_is_the_zone_that_keeps_the_series_inside_even_when_it_is_not_the_organizers()
    {
        // Monday 16:00 in Seattle is Tuesday 11:00 in Sydney. Seattle springs forward and Sydney falls back three weeks
        // later, so anchored in Seattle the Sydney start walks 11:00 → 10:00 → 09:00 (still inside); anchored in Sydney
        // Seattle would end at 18:00 from mid-March.
        var query = Query(
            [Person("mia@contoso.dev", "Australia/Sydney"), Person("ana@contoso.dev", "America/Los_Angeles")],
            "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2027-03-02T00:00:00Z");

        Assert.Equal("America/Los_Angeles", slot.Recurrence.AnchorZone.Id);
        Assert.Equal(Local("2027-03-01T16:00"), slot.Recurrence.FirstStart);
        Assert.True(slot.Comfortable);
        Assert.Equal(
            [Time("11:00"), Time("11:00"), Time("10:00"), Time("10:00"), Time("10:00"), Time("09:00"), Time("09:00")],
            LocalStartTimes(slot, "mia@contoso.dev").Take(7));
        var shifts = WarningFor(slot, SlotWarningKind.LocalTimeShifts, "mia@contoso.dev");
        Assert.Equal(Date("2027-03-16"), shifts.Dates[0]);
        Assert.Equal(slot.Recurrence.Count - 2, shifts.Dates.Count);

        var anchoredInSydney = new SlotSearch(query).AllAnchorVariants()
            .Single(series => series.FirstStart == Utc("2027-03-02T00:00:00Z") && series.Anchor.Id == "Australia/Sydney");
        Assert.True(anchoredInSydney.Evaluation.InsideForAll < anchoredInSydney.Count, "anchored in Sydney, Seattle would leave working hours");
    }

    [Fact]
    public void Kathmandu_at_plus_5_45_and_Berlin_the_only_comfortable_quarter_hour_is_found()
    {
        // Kathmandu 09:00-14:00 is 03:15-08:15 UTC; Berlin 09:00-17:00 is 08:00-16:00 UTC in winter: 15 minutes in common.
        var query = Query(
            [Person("lena@contoso.dev", "Europe/Berlin"), Person("sita@contoso.dev", "Asia/Kathmandu", "09:00-14:00")],
            "2027-01-04T00:00:00Z", "2027-03-01T00:00:00Z", minutes: 15);

        var result = SlotFinder.FindSlots(query);

        Assert.True(result.HasComfortableSlots);
        var comfortable = result.Slots.Where(slot => slot.Comfortable).ToList();
        Assert.Equal(5, comfortable.Count);
        Assert.All(comfortable, slot =>
        {
            Assert.Equal(Time("09:00"), View(slot.Occurrences[0], "lena@contoso.dev").LocalStart.TimeOfDay);
            Assert.Equal(Time("13:45"), View(slot.Occurrences[0], "sita@contoso.dev").LocalStart.TimeOfDay);
        });
        Assert.True(result.Slots[0].Comfortable);
    }

    [Fact]
    public void Kathmandu_and_Berlin_across_the_European_change_the_anchor_lets_the_edge_of_day_start_drift_inward()
    {
        // 08:00 UTC is 09:00 in Berlin (the very start of Lena's day) and 13:45 in Kathmandu. Both anchors keep both
        // inside; anchored in Kathmandu, Berlin's start drifts to 10:00 after 28 March, toward the middle of Lena's day,
        // so that anchor treats the worse-off person better and wins over the organizer's zone.
        var query = Query(
            [Person("lena@contoso.dev", "Europe/Berlin"), Person("sita@contoso.dev", "Asia/Kathmandu")],
            "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2027-03-01T08:00:00Z");

        Assert.Equal("Asia/Kathmandu", slot.Recurrence.AnchorZone.Id);
        Assert.Equal(Local("2027-03-01T13:45"), slot.Recurrence.FirstStart);
        Assert.All(LocalStartTimes(slot, "sita@contoso.dev"), time => Assert.Equal(Time("13:45"), time));
        Assert.Equal([Time("09:00"), Time("09:00"), Time("09:00"), Time("09:00"), Time("10:00")], LocalStartTimes(slot, "lena@contoso.dev").Take(5));
        Assert.Equal(Date("2027-03-29"), WarningFor(slot, SlotWarningKind.LocalTimeShifts, "lena@contoso.dev").Dates[0]);
        Assert.All(slot.Occurrences.Skip(4), occurrence => Assert.Equal(new LocalTime(8, 0), occurrence.When.Start.InUtc().TimeOfDay));
    }

    [Fact]
    public void When_no_anchor_can_keep_everyone_inside_the_sessions_the_clock_change_pushes_out_are_warned_with_dates()
    {
        // London 14:00-15:00 and New York 09:00-10:00 are the same hour in winter. For the two weeks the US is ahead,
        // one of them must move: anchored in London (the organizer's zone; both anchors lose two sessions), New York
        // has 10:00 on 16 and 23 March.
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "14:00-15:00"), Person("noah@contoso.dev", "America/New_York", "09:00-10:00")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var slot = SlotStartingAt(SlotFinder.FindSlots(query).Slots, "2027-03-02T14:00:00Z");

        Assert.Equal("Europe/London", slot.Recurrence.AnchorZone.Id);
        var outside = WarningFor(slot, SlotWarningKind.OutsideWorkingHours, "noah@contoso.dev");
        Assert.Equal([Date("2027-03-16"), Date("2027-03-23")], outside.Dates);
        Assert.Contains("clocks change", outside.Message, StringComparison.Ordinal);
        Assert.Equal(2, slot.OutsideWorkingHoursCount);
        Assert.False(slot.Comfortable);
        Assert.DoesNotContain(slot.Warnings, warning => warning.Kind == SlotWarningKind.OutsideWorkingHours && warning.ParticipantId == "ben@contoso.dev");
    }

    [Fact]
    public void The_anchor_that_keeps_everyone_inside_beats_the_organizers_zone()
    {
        // London 13:00-15:00 and New York 09:00-10:00, organizer London. Anchored in London (14:00), New York would have
        // 10:00 on 16 and 23 March, outside its one hour; anchored in New York (09:00), London has 13:00 those weeks,
        // still inside. The anchor keeping more sessions inside wins over the organizer's zone.
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "13:00-15:00"), Person("noah@contoso.dev", "America/New_York", "09:00-10:00")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var slot = SlotStartingAt(SlotFinder.FindSlots(query).Slots, "2027-03-02T14:00:00Z");

        Assert.Equal("America/New_York", slot.Recurrence.AnchorZone.Id);
        Assert.True(slot.Comfortable);
        Assert.Equal([Date("2027-03-16"), Date("2027-03-23")], WarningFor(slot, SlotWarningKind.LocalTimeShifts, "ben@contoso.dev").Dates);
    }
}
