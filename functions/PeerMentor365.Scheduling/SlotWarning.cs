using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>What a slot warning is about.</summary>
public enum SlotWarningKind
{
    /// <summary>Some sessions fall outside the person's working hours (always within a humane stretch of them).</summary>
    OutsideWorkingHours,

    /// <summary>Some sessions overlap the person's busy or out-of-office time.</summary>
    Conflict,

    /// <summary>Some sessions overlap the person's tentative (or unknown-status) time.</summary>
    Tentative,

    /// <summary>The person's local start time moves during the series, because clocks change on different dates.</summary>
    LocalTimeShifts,

    /// <summary>The person's working hours are not known; the suggestion assumed Outlook's default.</summary>
    WorkingHoursUnknown,

    /// <summary>Some sessions fall on a public holiday where the person works (<see cref="Participant.Holidays"/>).</summary>
    PublicHoliday,
}

/// <summary>
/// Something a person should know about a suggested series, with the sessions it concerns. Immutable; thread-safe.
/// </summary>
/// <param name="Kind">What the warning is about.</param>
/// <param name="ParticipantId">Whom it concerns.</param>
/// <param name="Dates">The person's local dates of the sessions concerned, in order (empty for <see cref="SlotWarningKind.WorkingHoursUnknown"/>).</param>
/// <param name="Message">A plain-English sentence for display.</param>
/// <param name="Holidays">For <see cref="SlotWarningKind.PublicHoliday"/>: the holiday on each of <paramref name="Dates"/>, in the
/// same order; empty for other kinds.</param>
public sealed record SlotWarning(SlotWarningKind Kind, string ParticipantId, IReadOnlyList<LocalDate> Dates, string Message, IReadOnlyList<Holiday>? Holidays = null)
{
    /// <summary>For <see cref="SlotWarningKind.PublicHoliday"/>: the holiday on each of <see cref="Dates"/>, in the same order; empty for other kinds.</summary>
    public IReadOnlyList<Holiday> Holidays { get; init; } = Holidays ?? [];
}
