using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// What to schedule: who, how long, how often and within which window. Checked by <see cref="SlotFinder.FindSlots"/>.
/// Immutable; thread-safe if the lists are not mutated.
/// </summary>
/// <param name="Participants">The organizer first, then the peers: 2 to 20 people with distinct ids (case-insensitive).</param>
/// <param name="Length">The length of each session.</param>
/// <param name="Cadence">How often the series meets.</param>
/// <param name="EarliestStart">No session starts before this moment. The first session falls within one cadence period of it.</param>
/// <param name="HorizonEnd">Every session ends by this moment (exclusive window end). The window may span at most 400 days.</param>
/// <param name="MaxSuggestions">How many suggestions to return at most, 1 to 50; default 10.</param>
public sealed record SuggestionQuery(
    IReadOnlyList<Participant> Participants,
    SessionLength Length,
    Cadence Cadence,
    Instant EarliestStart,
    Instant HorizonEnd,
    int MaxSuggestions = 10)
{
    /// <summary>The fewest people a query can have (the organizer and one peer).</summary>
    public const int MinParticipants = 2;

    /// <summary>The most people a query can have (Graph's getSchedule limit).</summary>
    public const int MaxParticipants = 20;

    /// <summary>The longest window a query can span.</summary>
    public static Duration MaxWindow { get; } = Duration.FromDays(400);

    /// <summary>The most suggestions a query can ask for.</summary>
    public const int MaxSuggestionsLimit = 50;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first rule this query breaks.</summary>
    internal void ThrowIfInvalid()
    {
        ArgumentNullException.ThrowIfNull(Participants);
        ArgumentNullException.ThrowIfNull(Length);
        ArgumentNullException.ThrowIfNull(Cadence);
        var people = Participants;
        if (people.Count is < MinParticipants or > MaxParticipants)
        {
            throw new ArgumentException($"A query needs {MinParticipants} to {MaxParticipants} participants.", nameof(Participants));
        }

        if (people.Any(person => person is null || string.IsNullOrWhiteSpace(person.Id) || person.WorkingHours is null || person.Busy is null))
        {
            throw new ArgumentException("Every participant needs an id, working hours and a (possibly empty) busy list.", nameof(Participants));
        }

        if (people.Select(person => person.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count() != people.Count)
        {
            throw new ArgumentException("Participant ids must be distinct (ignoring case).", nameof(Participants));
        }

        if (people.Any(person => person.Holidays is { } holidays && holidays.Any(holiday => holiday is null || string.IsNullOrWhiteSpace(holiday.Name))))
        {
            throw new ArgumentException("Every holiday needs a name.", nameof(Participants));
        }

        if (people.Any(person => person.Busy.Any(period => !period.Interval.HasStart || !period.Interval.HasEnd)))
        {
            throw new ArgumentException("Busy periods must have a start and an end.", nameof(Participants));
        }

        if (HorizonEnd <= EarliestStart || HorizonEnd - EarliestStart > MaxWindow)
        {
            throw new ArgumentException("The window must end after it starts and span at most 400 days.", nameof(HorizonEnd));
        }

        if (MaxSuggestions is < 1 or > MaxSuggestionsLimit)
        {
            throw new ArgumentException($"MaxSuggestions must be 1 to {MaxSuggestionsLimit}.", nameof(MaxSuggestions));
        }
    }
}
