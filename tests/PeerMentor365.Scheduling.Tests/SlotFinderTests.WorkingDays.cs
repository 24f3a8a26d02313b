namespace PeerMentor365.Scheduling.Tests;

/// <summary>Working days that differ (Sunday-Thursday weeks), unknown working hours.</summary>
public partial class SlotFinderTests
{
    [Fact]
    public void Tel_Aviv_Sunday_to_Thursday_and_New_York_Monday_to_Friday_meet_only_Monday_to_Thursday()
    {
        var telAviv = Person("noa@contoso.dev", "Asia/Jerusalem", days: SundayToThursday);
        var newYork = Person("noah@contoso.dev", "America/New_York");
        var result = SlotFinder.FindSlots(Query([telAviv, newYork], "2027-01-03T00:00:00Z", "2027-07-01T00:00:00Z", max: 25));

        Assert.NotEmpty(result.Slots);
        var weekdays = new HashSet<IsoDayOfWeek>();
        Assert.All(result.Slots, slot => Assert.All(slot.Occurrences, occurrence =>
        {
            var noa = View(occurrence, "noa@contoso.dev").LocalStart.DayOfWeek;
            var noah = View(occurrence, "noah@contoso.dev").LocalStart.DayOfWeek;
            Assert.Contains(noa, SundayToThursday);
            Assert.Contains(noah, MondayToFriday);
            weekdays.Add(noa);
        }));
        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], weekdays.Order());
    }

    [Fact]
    public void Tel_Aviv_and_New_York_the_Israeli_change_on_a_Friday_is_tracked()
    {
        // Israel springs forward on Friday 26 March 2027, New York on 14 March. The Monday 09:00 New York session is
        // 16:00 in Tel Aviv. Anchored in Tel Aviv (its drift moves New York toward the middle of its day, 10:00, rather
        // than Tel Aviv toward its end), New York has 10:00 on 15 and 22 March only, so Israel's Friday change was applied.
        var query = Query(
            [Person("noah@contoso.dev", "America/New_York"), Person("noa@contoso.dev", "Asia/Jerusalem", "09:00-18:00", SundayToThursday)],
            "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2027-03-01T14:00:00Z");

        Assert.Equal("Asia/Jerusalem", slot.Recurrence.AnchorZone.Id);
        Assert.All(LocalStartTimes(slot, "noa@contoso.dev"), time => Assert.Equal(Time("16:00"), time));
        Assert.Equal(
            [Time("09:00"), Time("09:00"), Time("10:00"), Time("10:00"), Time("09:00")],
            LocalStartTimes(slot, "noah@contoso.dev").Take(5));
        Assert.Equal([Date("2027-03-15"), Date("2027-03-22")], WarningFor(slot, SlotWarningKind.LocalTimeShifts, "noah@contoso.dev").Dates);
    }

    [Fact]
    public void Someone_who_works_only_on_Wednesdays_is_only_offered_Wednesdays()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London"), Person("wed@contoso.dev", "Europe/Berlin", days: [IsoDayOfWeek.Wednesday])],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.NotEmpty(slots);
        Assert.All(slots, slot => Assert.All(slot.Occurrences,
            occurrence => Assert.Equal(IsoDayOfWeek.Wednesday, View(occurrence, "wed@contoso.dev").LocalStart.DayOfWeek)));
    }

    [Fact]
    public void Assumed_working_hours_are_flagged_on_every_suggestion()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London"), Person("guest@fabrikam.dev", "Europe/Paris", known: false)],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.NotEmpty(slots);
        Assert.All(slots, slot =>
        {
            var warning = WarningFor(slot, SlotWarningKind.WorkingHoursUnknown, "guest@fabrikam.dev");
            Assert.Empty(warning.Dates);
            Assert.Equal("guest@fabrikam.dev's working hours are unknown; assumed 09:00\u201317:00, Monday to Friday (Europe/Paris).", warning.Message);
            Assert.DoesNotContain(slot.Warnings, other => other.Kind == SlotWarningKind.WorkingHoursUnknown && other.ParticipantId == "ben@contoso.dev");
        });
    }

    [Fact]
    public void People_whose_working_days_never_meet_get_no_suggestions_and_a_reason()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", days: [IsoDayOfWeek.Monday]), Person("amy@contoso.dev", "Europe/London", days: [IsoDayOfWeek.Tuesday])],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var result = SlotFinder.FindSlots(query);

        Assert.Empty(result.Slots);
        Assert.False(result.HasComfortableSlots);
        Assert.Equal(NoSlotsCause.WorkingDaysNeverMeet, result.NoSlotsReason?.Cause);
    }
}
