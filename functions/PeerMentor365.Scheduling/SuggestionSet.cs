using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>The outcome of <see cref="SlotFinder.FindSlots"/>. Immutable; thread-safe.</summary>
/// <param name="Slots">The suggestions, best first (rank 1, 2, ...). Empty when no humane series exists.</param>
/// <param name="HasComfortableSlots">True when at least one returned slot keeps every session inside everyone's working hours
/// and is free of busy or out-of-office clashes in more than half of its sessions.</param>
/// <param name="NoSlotsReason">Why there are no slots, and what to try; null when <paramref name="Slots"/> is not empty.</param>
public sealed record SuggestionSet(IReadOnlyList<SlotSuggestion> Slots, bool HasComfortableSlots, NoSlotsReason? NoSlotsReason = null);

/// <summary>
/// One suggested recurring slot with everything needed to check it: the series, every session for every person, and warnings.
/// Immutable; thread-safe.
/// </summary>
/// <param name="Rank">1 for the best suggestion.</param>
/// <param name="Score">0..1, higher is better; for ordering and display, not a probability.</param>
/// <param name="Comfortable">Every session is inside everyone's working hours.</param>
/// <param name="Recurrence">The series as a calendar stores it.</param>
/// <param name="Occurrences">Every session of the series, in order.</param>
/// <param name="Warnings">Everything a person should know, per person and kind.</param>
public sealed record SlotSuggestion(
    int Rank,
    double Score,
    bool Comfortable,
    SeriesRecurrence Recurrence,
    IReadOnlyList<Occurrence> Occurrences,
    IReadOnlyList<SlotWarning> Warnings)
{
    /// <summary>Sessions with at least one busy or out-of-office clash.</summary>
    public int ConflictCount => Occurrences.Count(occurrence => occurrence.Participants.Any(person => person.Conflict.IsHardConflict()));

    /// <summary>Sessions on a public holiday where at least one person works.</summary>
    public int HolidayCount => Occurrences.Count(occurrence => occurrence.Participants.Any(person => person.Holiday is not null));

    /// <summary>Sessions outside at least one person's working hours.</summary>
    public int OutsideWorkingHoursCount => Occurrences.Count(occurrence => occurrence.Participants.Any(person => !person.InsideWorkingHours));
}

/// <summary>One session of a suggested series. Immutable; thread-safe.</summary>
/// <param name="Number">1-based position in the series.</param>
/// <param name="When">The session's moments, <c>[start, start + length)</c>.</param>
/// <param name="Participants">How the session looks to each person, in query order.</param>
public sealed record Occurrence(int Number, Interval When, IReadOnlyList<ParticipantOccurrence> Participants);

/// <summary>One session as one person sees it. Immutable; thread-safe.</summary>
/// <param name="ParticipantId">The person.</param>
/// <param name="LocalStart">The start on the person's clock.</param>
/// <param name="LocalEnd">The end on the person's clock.</param>
/// <param name="InsideWorkingHours">The whole session is inside the person's working hours.</param>
/// <param name="Conflict"><see cref="FreeBusyStatus.Free"/> when nothing conflicting overlaps; otherwise the worst overlapping
/// conflicting status (out of office, then busy, then tentative, then unknown). Working-elsewhere time never conflicts.</param>
/// <param name="Holiday">The public holiday where the person works on the session's local date, or null.</param>
public sealed record ParticipantOccurrence(
    string ParticipantId, LocalDateTime LocalStart, LocalDateTime LocalEnd, bool InsideWorkingHours, FreeBusyStatus Conflict, Holiday? Holiday = null);
