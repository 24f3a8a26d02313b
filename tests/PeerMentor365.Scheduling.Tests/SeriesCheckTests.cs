namespace PeerMentor365.Scheduling.Tests;

/// <summary>SeriesCheck: given session times are judged by the same rules, and warned about in the same words, as suggestions.</summary>
public sealed class SeriesCheckTests
{
    private static readonly SessionLength Hour = SessionLength.FromMinutes(60);

    [Fact]
    public void Sessions_inside_everyones_hours_and_free_need_no_confirmation()
    {
        var people = new[] { Person("ana@x", "Europe/London"), Person("ben@x", "Europe/Berlin") };

        var result = SeriesCheck.Check(people, [Utc("2026-12-01T10:00:00Z"), Utc("2026-12-08T10:00:00Z")], Hour);

        Assert.Empty(result.Warnings);
        Assert.False(result.NeedsConfirmation);
        Assert.Equal(2, result.Occurrences.Count);
        Assert.Equal(Local("2026-12-01T11:00"), result.Occurrences[0].Participants[1].LocalStart);
    }

    [Fact]
    public void A_busy_session_is_a_conflict_naming_the_person_and_the_date()
    {
        var busy = Busy("2026-12-08T09:30:00Z", "2026-12-08T10:30:00Z");
        var people = new[] { Person("ana@x", "Europe/London", name: "Ana"), Person("ben@x", "Europe/London", busy: [busy], name: "Ben") };

        var result = SeriesCheck.Check(people, [Utc("2026-12-01T10:00:00Z"), Utc("2026-12-08T10:00:00Z")], Hour);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(SlotWarningKind.Conflict, warning.Kind);
        Assert.Equal("ben@x", warning.ParticipantId);
        Assert.Equal([Date("2026-12-08")], warning.Dates);
        Assert.Contains("Ben", warning.Message, StringComparison.Ordinal);
        Assert.True(result.NeedsConfirmation);
    }

    [Fact]
    public void A_session_outside_working_hours_needs_confirmation_and_a_tentative_one_alone_does_not()
    {
        var outside = SeriesCheck.Check([Person("ana@x", "Europe/London"), Person("ben@x", "America/New_York")], [Utc("2026-12-01T10:00:00Z")], Hour);
        var tentative = SeriesCheck.Check(
            [Person("ana@x", "Europe/London", busy: [Busy("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", FreeBusyStatus.Tentative)]), Person("ben@x", "Europe/London")],
            [Utc("2026-12-01T10:00:00Z")],
            Hour);

        Assert.Contains(outside.Warnings, warning => warning.Kind == SlotWarningKind.OutsideWorkingHours && warning.ParticipantId == "ben@x");
        Assert.True(outside.NeedsConfirmation);
        Assert.Equal(SlotWarningKind.Tentative, Assert.Single(tentative.Warnings).Kind);
        Assert.False(tentative.NeedsConfirmation);
    }

    [Fact]
    public void A_session_on_a_public_holiday_needs_confirmation_and_names_the_holiday_on_the_persons_date()
    {
        // 20:00 UTC on a Monday is 20:00 or 21:00 in London and Tuesday 09:00 in Auckland: Kiri's Monday holidays are not
        // her sessions' days, Ana's Easter Monday is hers.
        var kiri = Person("kiri@x", "Pacific/Auckland", "08:00-17:00", name: "Kiri Tane") with
        {
            Holidays = [new Holiday(Date("2027-01-04"), "Day after New Year's Day", "NZ"), new Holiday(Date("2027-03-29"), "Easter Monday", "NZ")],
        };
        var ana = Person("ana@x", "Europe/London", "08:00-22:00", name: "Ana Souza") with { Holidays = [new Holiday(Date("2027-03-29"), "Easter Monday", "GB")] };

        var result = SeriesCheck.Check([ana, kiri], [Utc("2027-01-04T20:00:00Z"), Utc("2027-03-29T20:00:00Z")], Hour);

        // Ana's start also moves from 20:00 to 21:00 on 29 March (the clocks change in London).
        var warning = Assert.Single(result.Warnings, warning => warning.Kind == SlotWarningKind.PublicHoliday);
        Assert.Equal("ana@x", warning.ParticipantId);
        Assert.Equal([Date("2027-03-29")], warning.Dates);
        Assert.Equal("GB", Assert.Single(warning.Holidays).CountryCode);
        Assert.Equal("Ana Souza's session on 29 Mar 2027 falls on a public holiday: Easter Monday (GB).", warning.Message);
        Assert.True(result.NeedsConfirmation);
        Assert.All(result.Occurrences, occurrence => Assert.Null(occurrence.Participants[1].Holiday));
    }

    [Fact]
    public void Starts_out_of_order_or_no_sessions_are_refused()
    {
        var people = new[] { Person("ana@x", "Europe/London"), Person("ben@x", "Europe/London") };

        Assert.Throws<ArgumentException>(() => SeriesCheck.Check(people, [Utc("2026-12-08T10:00:00Z"), Utc("2026-12-01T10:00:00Z")], Hour));
        Assert.Throws<ArgumentException>(() => SeriesCheck.Check(people, [], Hour));
    }
}
