namespace PeerMentor365.Scheduling.Tests;

/// <summary>
/// Example-based tests of <see cref="SlotFinder"/>, split by aspect: SlotFinderTests.Dst.cs, .Fairness.cs, .Cadence.cs,
/// .WorkingDays.cs, .Conflicts.cs, .Variety.cs, .Validation.cs. The invariants are in SlotFinderPropertyTests.
/// </summary>
public partial class SlotFinderTests
{
    /// <summary>The returned slot whose first session starts at <paramref name="utc"/>; fails with the whole list otherwise.</summary>
    private static SlotSuggestion SlotStartingAt(IEnumerable<SlotSuggestion> slots, string utc)
    {
        var list = slots.ToList();
        return list.Find(slot => slot.Occurrences[0].When.Start == Utc(utc))
            ?? throw new Xunit.Sdk.XunitException($"No slot starts at {utc}. Slots:\n{string.Join("\n", list.Select(Describe))}");
    }

    /// <summary>
    /// Every candidate series with the anchor the finder chose for it, before ranking trims the list:
    /// for checking the anchor choice of a particular first session.
    /// </summary>
    private static List<SlotSuggestion> AllCandidates(SuggestionQuery query)
    {
        var search = new SlotSearch(query);
        return [.. search.BestAnchoredCandidates().Select(candidate => SuggestionWriter.Describe(candidate, 0, search))];
    }

    private static ParticipantOccurrence View(Occurrence occurrence, string id) => occurrence.Participants.Single(view => view.ParticipantId == id);

    private static IEnumerable<LocalTime> LocalStartTimes(SlotSuggestion slot, string id) =>
        slot.Occurrences.Select(occurrence => View(occurrence, id).LocalStart.TimeOfDay);

    private static SlotWarning WarningFor(SlotSuggestion slot, SlotWarningKind kind, string id) =>
        Assert.Single(slot.Warnings, warning => warning.Kind == kind && warning.ParticipantId == id);

    /// <summary>How many minutes the session reaches outside the person's working hours (0 when inside).</summary>
    private static double MinutesOutside(ParticipantOccurrence view, Participant person)
    {
        var hours = person.WorkingHours;
        var start = view.LocalStart.TimeOfDay;
        var end = view.LocalEnd.TimeOfDay;
        var before = start < hours.Start ? Period.Between(start, hours.Start).ToDuration().TotalMinutes : 0;
        var after = hours.End != LocalTime.Midnight && end > hours.End ? Period.Between(hours.End, end).ToDuration().TotalMinutes : 0;
        return before + after;
    }
}
