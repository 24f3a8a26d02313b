namespace PeerMentor365.Scheduling.Tests;

/// <summary>The returned set is varied: not ten neighbouring quarter-hours on one day.</summary>
public partial class SlotFinderTests
{
    [Fact]
    public void At_most_two_suggestions_share_an_anchor_and_weekday_and_those_start_an_hour_or_more_apart()
    {
        var query = Query([BenInLondon, AmyInLondon], "2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z", Cadence.EveryWeeks(2), max: 25);

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.Equal(10, slots.Count); // five weekdays, two each
        foreach (var group in slots.GroupBy(slot => (slot.Recurrence.AnchorZone.Id, slot.Recurrence.Pattern.DayOfWeek)))
        {
            Assert.InRange(group.Count(), 1, 2);
            var times = group.Select(slot => slot.Recurrence.FirstStart.TimeOfDay).ToList();
            if (times.Count == 2)
            {
                Assert.True(Math.Abs((times[0] - times[1]).ToDuration().TotalMinutes) >= 60, $"{times[0]} and {times[1]} are too close");
            }
        }
    }

    [Fact]
    public void Every_n_weeks_phases_of_the_same_time_are_not_offered_twice()
    {
        var query = Query([BenInLondon, AmyInLondon], "2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z", Cadence.EveryWeeks(4), max: 25);

        var slots = SlotFinder.FindSlots(query).Slots;

        var weekTimes = slots.Select(slot => (slot.Recurrence.FirstStart.DayOfWeek, slot.Recurrence.FirstStart.TimeOfDay)).ToList();
        Assert.Equal(weekTimes.Count, weekTimes.Distinct().Count());
    }
}
