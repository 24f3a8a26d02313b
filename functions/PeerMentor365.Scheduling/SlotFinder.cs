namespace PeerMentor365.Scheduling;

/// <summary>Finds humane recurring slots for a group of people. Pure: no I/O, no clock. Stateless; thread-safe.</summary>
public static class SlotFinder
{
    /// <summary>Ranked recurring slots for <paramref name="query"/>, best first.</summary>
    /// <exception cref="ArgumentException">The query breaks one of the rules on <see cref="SuggestionQuery"/>.</exception>
    public static SuggestionSet FindSlots(SuggestionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new SuggestionSet([], false);
    }
}
