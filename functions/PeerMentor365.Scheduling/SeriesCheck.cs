using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// What given session times mean for everyone: each session as every person sees it, and the same warnings as a
/// suggestion carries (<see cref="SlotSuggestion.Warnings"/>). For times chosen elsewhere, such as a series or one
/// session being moved, so that they are checked by the same rules before they are applied.
/// </summary>
/// <param name="Occurrences">Every session, in the order given, for every person (query order).</param>
/// <param name="Warnings">Everything a person should know, per person and kind.</param>
public sealed record SeriesCheckResult(IReadOnlyList<Occurrence> Occurrences, IReadOnlyList<SlotWarning> Warnings)
{
    /// <summary>
    /// Some session clashes with someone's busy or out-of-office time, falls outside someone's working hours or on a
    /// public holiday where someone works: what a person should confirm before the times are applied.
    /// </summary>
    public bool NeedsConfirmation => Warnings.Any(warning => warning.Kind is SlotWarningKind.Conflict or SlotWarningKind.OutsideWorkingHours or SlotWarningKind.PublicHoliday);
}

/// <summary>Checks given session times against everyone's working hours and calendars. Pure; thread-safe.</summary>
public static class SeriesCheck
{
    /// <summary>
    /// Checks sessions starting at <paramref name="starts"/>, each <paramref name="length"/> long, for
    /// <paramref name="participants"/> (the organizer first; ids distinct).
    /// </summary>
    /// <exception cref="ArgumentException">No participants or no sessions, or starts not in order.</exception>
    public static SeriesCheckResult Check(IReadOnlyList<Participant> participants, IReadOnlyList<Instant> starts, SessionLength length)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(length);
        if (participants.Count == 0 || starts.Count == 0)
        {
            throw new ArgumentException("A check needs at least one participant and one session.", nameof(participants));
        }

        for (var index = 1; index < starts.Count; index++)
        {
            if (starts[index] <= starts[index - 1])
            {
                throw new ArgumentException("Session starts must be in order.", nameof(starts));
            }
        }

        var windowStart = starts[0];
        var windowEnd = starts[^1] + length.Duration;
        var people = participants.Select(person => new PersonTimeline(person, windowStart, windowEnd)).ToList();
        var occurrences = SuggestionWriter.Occurrences([.. starts.Select(start => start.ToUnixTimeTicks())], length.Duration.BclCompatibleTicks, people);
        return new SeriesCheckResult(occurrences, SuggestionWriter.Warnings(occurrences, people));
    }
}
