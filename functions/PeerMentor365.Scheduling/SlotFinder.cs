namespace PeerMentor365.Scheduling;

/// <summary>
/// Finds humane recurring slots for a group of people across time zones. Pure: no I/O, no clock; the same query always
/// gives the same answer. Stateless; thread-safe. docs/scheduling.md describes the rules.
/// </summary>
public static class SlotFinder
{
    /// <summary>
    /// Ranked recurring slots for <paramref name="query"/>, best first, at most <see cref="SuggestionQuery.MaxSuggestions"/>.
    /// Every session of every slot stays within a humane stretch of everyone's working hours on their working days;
    /// anything short of comfortable and free is reported in the slot's warnings. When there is no slot at all, the set says
    /// why (<see cref="SuggestionSet.NoSlotsReason"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or one of its parts is null.</exception>
    /// <exception cref="ArgumentException">The query breaks one of the rules on <see cref="SuggestionQuery"/>.</exception>
    public static SuggestionSet FindSlots(SuggestionQuery query)
    {
        var search = new SlotSearch(query);
        var candidates = search.BestAnchoredCandidates();
        candidates.Sort(SlotRanking.Compare);
        var picked = SlotRanking.PickVaried(candidates, query.MaxSuggestions);
        var slots = picked.Select((candidate, index) => SuggestionWriter.Describe(candidate, index + 1, search)).ToList();
        return slots.Count > 0
            ? new SuggestionSet(slots, slots.Exists(slot => slot.Comfortable))
            : new SuggestionSet(slots, false, NoSlotsDiagnosis.Explain(search));
    }
}
