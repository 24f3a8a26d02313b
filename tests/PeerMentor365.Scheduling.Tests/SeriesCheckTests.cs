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
    public void Starts_out_of_order_or_no_sessions_are_refused()
    {
        var people = new[] { Person("ana@x", "Europe/London"), Person("ben@x", "Europe/London") };

        Assert.Throws<ArgumentException>(() => SeriesCheck.Check(people, [Utc("2026-12-08T10:00:00Z"), Utc("2026-12-01T10:00:00Z")], Hour));
        Assert.Throws<ArgumentException>(() => SeriesCheck.Check(people, [], Hour));
    }
}
