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
            ? new SuggestionSet(slots, slots.Exists(IsComfortableAndMostlyFree))
            : new SuggestionSet(slots, false, NoSlotsDiagnosis.Explain(search) with { SmallerGroups = SmallerGroups(search) });
    }

    /// <summary>What "has comfortable slots" rests on: inside everyone's hours, and free for everyone in most sessions.</summary>
    private static bool IsComfortableAndMostlyFree(SlotSuggestion slot) => slot.Comfortable && slot.ConflictCount * 2 < slot.Occurrences.Count;

    /// <summary>How many smaller groups are searched at most, so a group with no time costs a bounded search.</summary>
    private const int MaxGroupsSearched = 12;

    /// <summary>
    /// Groups larger than this get no smaller groups named: each search of a large group over a long window is costly,
    /// and mentoring groups have at most four people.
    /// </summary>
    public const int MaxPeopleForSmallerGroups = 6;

    /// <summary>How many smaller groups are looked at at most (a cheap test of their humane windows).</summary>
    private const int MaxGroupsLookedAt = 4000;

    /// <summary>
    /// The largest groups of two or more, fewer than everyone, that have a humane series in the window, with the first
    /// session of the best series they have: one person fewer first, then two fewer, and so on, stopping at the first
    /// size where some group can meet. A group whose humane windows never overlap is passed over without a search.
    /// </summary>
    private static List<MeetingGroup> SmallerGroups(SlotSearch search)
    {
        var query = search.Query;
        var people = query.Participants;
        var from = query.EarliestStart.ToUnixTimeTicks();
        var to = query.HorizonEnd.ToUnixTimeTicks();
        var humane = search.People.Select(person => person.HumaneDays(from, to)).ToList();
        var found = new List<MeetingGroup>();
        if (people.Count > MaxPeopleForSmallerGroups)
        {
            return found;
        }

        int searched = 0, lookedAt = 0;
        for (var size = people.Count - 1; size >= SuggestionQuery.MinParticipants && found.Count == 0; size--)
        {
            foreach (var group in Subsets(people.Count, size))
            {
                if (searched == MaxGroupsSearched || lookedAt++ == MaxGroupsLookedAt)
                {
                    return found;
                }

                var shared = humane[group[0]];
                for (var index = 1; index < group.Length && shared.Count > 0; index++)
                {
                    shared = NoSlotsDiagnosis.Intersect(shared, humane[group[index]]);
                }

                if (!shared.Exists(span => span.Length >= query.Length.Duration.BclCompatibleTicks))
                {
                    continue;
                }

                searched++;
                var members = group.Select(index => people[index]).ToList();
                var best = FindSlots(query with { Participants = members, MaxSuggestions = 1 }).Slots;
                if (best.Count > 0)
                {
                    found.Add(new MeetingGroup([.. members.Select(person => person.Id)], best[0].Occurrences[0].When.Start));
                }
            }
        }

        return found;
    }

    /// <summary>Every choice of <paramref name="size"/> of <paramref name="count"/> indexes, in lexicographic order.</summary>
    private static IEnumerable<int[]> Subsets(int count, int size)
    {
        var chosen = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return [.. chosen];
            var position = size - 1;
            while (position >= 0 && chosen[position] == count - size + position)
            {
                position--;
            }

            if (position < 0)
            {
                yield break;
            }

            chosen[position]++;
            for (var next = position + 1; next < size; next++)
            {
                chosen[next] = chosen[next - 1] + 1;
            }
        }
    }
}
