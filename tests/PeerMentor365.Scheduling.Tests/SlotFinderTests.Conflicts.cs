namespace PeerMentor365.Scheduling.Tests;

/// <summary>Busy, out-of-office and tentative time over the whole series.</summary>
public partial class SlotFinderTests
{
    private static IReadOnlyList<BusyPeriod> EveryWeekday(string zone, string from, string to, string firstDate, int weeks, FreeBusyStatus status = FreeBusyStatus.Busy) =>
        [.. Enumerable.Range(0, weeks * 7)
            .Select(day => Date(firstDate).PlusDays(day))
            .Where(date => date.DayOfWeek <= IsoDayOfWeek.Friday)
            .Select(date => BusyLocal(zone, $"{date:uuuu-MM-dd}T{from}", $"{date:uuuu-MM-dd}T{to}", status))];

    [Fact]
    public void A_daily_meeting_at_the_ideal_time_pushes_every_suggestion_away_from_it()
    {
        var amy = Person("amy@contoso.dev", "Europe/London", busy: EveryWeekday("Europe/London", "12:00", "14:00", "2026-11-30", 14));
        var query = Query([BenInLondon, amy], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.NotEmpty(slots);
        Assert.All(slots, slot =>
        {
            Assert.Equal(0, slot.ConflictCount);
            var start = slot.Recurrence.FirstStart.TimeOfDay;
            Assert.True(start.PlusMinutes(60) <= Time("12:00") || start >= Time("14:00"), $"{start} overlaps 12:00-14:00");
        });
    }

    [Fact]
    public void Each_clashing_session_is_reported_with_its_date_and_the_worst_status()
    {
        // Amy is out of office all of Wednesday 13 January and has a busy meeting overlapping it; Ben is tentative on 20 January.
        var amy = Person("amy@contoso.dev", "Europe/London", busy:
        [
            BusyLocal("Europe/London", "2027-01-13T00:00", "2027-01-14T00:00", FreeBusyStatus.OutOfOffice),
            BusyLocal("Europe/London", "2027-01-13T12:00", "2027-01-13T13:00"),
        ]);
        var ben = Person("ben@contoso.dev", "Europe/London", busy: [BusyLocal("Europe/London", "2027-01-20T13:00", "2027-01-20T14:00", FreeBusyStatus.Tentative)]);
        var query = Query([ben, amy], "2027-01-04T00:00:00Z", "2027-03-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2027-01-06T12:30:00Z");

        Assert.Equal(1, slot.ConflictCount);
        var clash = WarningFor(slot, SlotWarningKind.Conflict, "amy@contoso.dev");
        Assert.Equal([Date("2027-01-13")], clash.Dates);
        Assert.Equal(FreeBusyStatus.OutOfOffice, View(slot.Occurrences[1], "amy@contoso.dev").Conflict);
        var tentative = WarningFor(slot, SlotWarningKind.Tentative, "ben@contoso.dev");
        Assert.Equal([Date("2027-01-20")], tentative.Dates);
        Assert.Equal(FreeBusyStatus.Tentative, View(slot.Occurrences[2], "ben@contoso.dev").Conflict);
        Assert.Equal(FreeBusyStatus.Free, View(slot.Occurrences[0], "amy@contoso.dev").Conflict);
    }

    [Theory]
    [InlineData(FreeBusyStatus.Free, "free time never conflicts")]
    [InlineData(FreeBusyStatus.WorkingElsewhere, "working elsewhere is still available")]
    public void Non_conflicting_statuses_leave_a_session_free(FreeBusyStatus status, string why)
    {
        var amy = Person("amy@contoso.dev", "Europe/London", busy: EveryWeekday("Europe/London", "09:00", "17:00", "2026-11-30", 14, status));
        var query = Query([BenInLondon, amy], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var top = SlotFinder.FindSlots(query).Slots[0];

        Assert.Equal(Time("12:30"), top.Recurrence.FirstStart.TimeOfDay);
        Assert.All(top.Occurrences, occurrence => Assert.Equal(FreeBusyStatus.Free, View(occurrence, "amy@contoso.dev").Conflict));
        Assert.Empty(top.Warnings);
        Assert.NotEmpty(why);
    }

    [Fact]
    public void A_meeting_that_ends_as_the_session_starts_is_not_a_clash()
    {
        var amy = Person("amy@contoso.dev", "Europe/London", busy: EveryWeekday("Europe/London", "11:30", "12:30", "2026-11-30", 14));
        var query = Query([BenInLondon, amy], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var top = SlotFinder.FindSlots(query).Slots[0];

        Assert.Equal(Time("12:30"), top.Recurrence.FirstStart.TimeOfDay);
        Assert.Equal(0, top.ConflictCount);
    }

    [Fact]
    public void Fewer_clashes_rank_higher_between_equally_central_slots()
    {
        // Ben is busy at 12:30 on three Tuesdays and one Wednesday; the Thursday 12:30 series is clear.
        var ben = Person("ben@contoso.dev", "Europe/London", busy:
        [
            BusyLocal("Europe/London", "2027-01-12T12:00", "2027-01-12T13:00"),
            BusyLocal("Europe/London", "2027-01-19T12:00", "2027-01-19T13:00"),
            BusyLocal("Europe/London", "2027-01-26T12:00", "2027-01-26T13:00"),
            BusyLocal("Europe/London", "2027-01-13T12:00", "2027-01-13T13:00"),
        ]);
        var query = Query([ben, AmyInLondon], "2027-01-04T00:00:00Z", "2027-04-01T00:00:00Z", max: 25);

        var candidates = AllCandidates(query);
        double ScoreOf(string utc) => SlotStartingAt(candidates, utc).Score;

        Assert.True(ScoreOf("2027-01-07T12:30:00Z") > ScoreOf("2027-01-06T12:30:00Z"), "Thursday (clear) above Wednesday (one clash)");
        Assert.True(ScoreOf("2027-01-06T12:30:00Z") > ScoreOf("2027-01-05T12:30:00Z"), "Wednesday (one clash) above Tuesday (three)");
        Assert.Equal(3, SlotStartingAt(candidates, "2027-01-05T12:30:00Z").ConflictCount);

        // Three clashes in thirteen cost more than being half an hour off the middle of the day.
        var tuesdays = SlotFinder.FindSlots(query).Slots.Where(slot => slot.Recurrence.Pattern.DayOfWeek == IsoDayOfWeek.Tuesday).ToList();
        Assert.NotEmpty(tuesdays);
        Assert.All(tuesdays, slot => Assert.Equal(0, slot.ConflictCount));
    }

    [Fact]
    public void A_tentative_clash_lowers_a_slot_but_is_not_counted_as_a_conflict()
    {
        var amy = Person("amy@contoso.dev", "Europe/London", busy: [BusyLocal("Europe/London", "2027-01-12T12:30", "2027-01-12T13:30", FreeBusyStatus.Tentative)]);
        var query = Query([BenInLondon, amy], "2027-01-04T00:00:00Z", "2027-04-01T00:00:00Z");

        var candidates = AllCandidates(query);

        var tuesday = SlotStartingAt(candidates, "2027-01-05T12:30:00Z");
        var monday = SlotStartingAt(candidates, "2027-01-04T12:30:00Z");
        Assert.True(tuesday.Score < monday.Score);
        Assert.Equal(0, tuesday.ConflictCount);
        Assert.Equal([Date("2027-01-12")], WarningFor(tuesday, SlotWarningKind.Tentative, "amy@contoso.dev").Dates);
    }
}
