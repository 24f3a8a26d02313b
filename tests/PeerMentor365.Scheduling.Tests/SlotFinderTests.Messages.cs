namespace PeerMentor365.Scheduling.Tests;

/// <summary>What warnings say: people by name (their mail when no name is known), dates, times and the reason.</summary>
public partial class SlotFinderTests
{
    [Fact]
    public void Sessions_pushed_out_by_a_clock_change_are_named_by_person_date_time_and_cause()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "14:00-15:00", name: "Ben Carter"),
             Person("noah@contoso.dev", "America/New_York", "09:00-10:00", name: "Noah Kim")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var slot = SlotStartingAt(SlotFinder.FindSlots(query).Slots, "2027-03-02T14:00:00Z");

        Assert.Equal(
            "Noah Kim's sessions on 16 Mar and 23 Mar 2027 end at 11:00, after their working hours (09:00\u201310:00), because clocks change.",
            WarningFor(slot, SlotWarningKind.OutsideWorkingHours, "noah@contoso.dev").Message);
    }

    [Fact]
    public void A_person_without_a_display_name_is_named_by_their_mail()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "14:00-15:00", name: "Ben Carter"),
             Person("noah@contoso.dev", "America/New_York", "09:00-10:00", name: "  ")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var slot = SlotStartingAt(SlotFinder.FindSlots(query).Slots, "2027-03-02T14:00:00Z");

        Assert.StartsWith("noah@contoso.dev's sessions on 16 Mar and 23 Mar 2027", WarningFor(slot, SlotWarningKind.OutsideWorkingHours, "noah@contoso.dev").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_that_always_starts_early_for_someone_says_so_once()
    {
        var query = Query(
            [Person("amy@contoso.dev", "Europe/London", name: "Amy Lee"), Person("bea@contoso.dev", "Europe/London", "10:00-17:00", name: "Bea Lin")],
            "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2026-12-01T09:00:00Z");

        Assert.Equal(
            "All 5 of Bea Lin's sessions start at 09:00, before their working hours (10:00\u201317:00).",
            WarningFor(slot, SlotWarningKind.OutsideWorkingHours, "bea@contoso.dev").Message);
    }

    [Fact]
    public void Clashes_say_busy_away_or_tentative_with_the_dates()
    {
        var amy = Person("amy@contoso.dev", "Europe/London", name: "Amy Lee", busy:
        [
            BusyLocal("Europe/London", "2026-12-08T10:00", "2026-12-08T11:00"),
            BusyLocal("Europe/London", "2026-12-15T10:30", "2026-12-15T12:00"),
            BusyLocal("Europe/London", "2026-12-22T09:00", "2026-12-22T10:30", FreeBusyStatus.Tentative),
        ]);
        var bea = Person("bea@contoso.dev", "Europe/London", name: "Bea Lin", busy:
        [
            BusyLocal("Europe/London", "2026-12-29T00:00", "2026-12-30T00:00", FreeBusyStatus.OutOfOffice),
        ]);
        var query = Query([amy, bea], "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2026-12-01T10:00:00Z");

        Assert.Equal("Amy Lee is busy at that time on 8 Dec and 15 Dec 2026.", WarningFor(slot, SlotWarningKind.Conflict, "amy@contoso.dev").Message);
        Assert.Equal("Amy Lee may be busy at that time on 22 Dec 2026 (tentative).", WarningFor(slot, SlotWarningKind.Tentative, "amy@contoso.dev").Message);
        Assert.Equal("Bea Lin is away at that time on 29 Dec 2026.", WarningFor(slot, SlotWarningKind.Conflict, "bea@contoso.dev").Message);
    }

    [Fact]
    public void A_local_start_that_moves_names_both_times_and_every_date()
    {
        var query = Query(
            [Person("lena@contoso.dev", "Europe/Berlin", name: "Lena Vogel"), Person("sita@contoso.dev", "Asia/Kathmandu", name: "Sita Rai")],
            "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2027-03-01T08:00:00Z");

        Assert.Equal(
            "Lena Vogel's start moves from 09:00 to 10:00 on 29 Mar, 5 Apr, 12 Apr, 19 Apr and 26 Apr 2027 because clocks change.",
            WarningFor(slot, SlotWarningKind.LocalTimeShifts, "lena@contoso.dev").Message);
    }

    [Fact]
    public void Messages_never_guess_anyones_gender()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "14:00-15:00", name: "Ben Carter"),
             Person("noah@contoso.dev", "America/New_York", "09:00-10:00", known: false, name: "Noah Kim")],
            "2027-03-01T08:00:00Z", "2027-05-01T08:00:00Z");

        var words = SlotFinder.FindSlots(query).Slots.SelectMany(slot => slot.Warnings)
            .SelectMany(warning => warning.Message.Split([' ', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries));

        Assert.DoesNotContain(words, word => word is "he" or "his" or "him" or "she" or "her" or "hers");
    }
}
