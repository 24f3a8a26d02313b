using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PeerMentor365.Scheduling.Tests.Support;

namespace PeerMentor365.Scheduling.Tests;

/// <summary>
/// The slot finder's invariants over random queries: zones with odd offsets and rules, random working hours, calendars and
/// cadences. Each session's claims are re-derived by <see cref="Oracle"/>.
/// </summary>
public class SlotFinderPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(80);

    [Fact]
    public void No_session_clashes_or_leaves_working_hours_without_a_warning_naming_that_person_and_date()
    {
        Prop.ForAll(QueryGenerators.Queries(), generated =>
        {
            var query = generated.Query;
            var result = SlotFinder.FindSlots(query);
            foreach (var slot in result.Slots)
            {
                foreach (var occurrence in slot.Occurrences)
                {
                    for (var index = 0; index < query.Participants.Count; index++)
                    {
                        var person = query.Participants[index];
                        var view = occurrence.Participants[index];
                        var zone = person.WorkingHours.Zone;
                        Assert.Equal(person.Id, view.ParticipantId);
                        Assert.Equal(occurrence.When.Start.InZone(zone).LocalDateTime, view.LocalStart);
                        Assert.Equal(occurrence.When.End.InZone(zone).LocalDateTime, view.LocalEnd);
                        Assert.True(Oracle.Humane(person.WorkingHours, occurrence.When), $"{person.Id} at {view.LocalStart} is beyond the humane stretch");
                        Assert.Equal(Oracle.Inside(person.WorkingHours, occurrence.When), view.InsideWorkingHours);
                        Assert.Equal(Oracle.WorstConflict(person.Busy, occurrence.When), view.Conflict);
                        Assert.Equal(Oracle.HolidayOn(person, occurrence.When), view.Holiday);
                    }
                }

                for (var index = 0; index < query.Participants.Count; index++)
                {
                    var person = query.Participants[index];
                    var views = slot.Occurrences.Select(occurrence => occurrence.Participants[index]).ToList();
                    AssertWarnedExactly(slot, person.Id, SlotWarningKind.OutsideWorkingHours, views.Where(view => !view.InsideWorkingHours));
                    AssertWarnedExactly(slot, person.Id, SlotWarningKind.Conflict, views.Where(view => view.Conflict.IsHardConflict()));
                    AssertWarnedExactly(slot, person.Id, SlotWarningKind.Tentative, views.Where(view => view.Conflict.IsSoftConflict()));
                    AssertWarnedExactly(slot, person.Id, SlotWarningKind.PublicHoliday, views.Where(view => view.Holiday is not null));
                    AssertWarnedExactly(slot, person.Id, SlotWarningKind.LocalTimeShifts, views.Where(view => view.LocalStart.TimeOfDay != views[0].LocalStart.TimeOfDay));
                    Assert.Equal(!person.WorkingHoursKnown, slot.Warnings.Any(warning => warning.Kind == SlotWarningKind.WorkingHoursUnknown && warning.ParticipantId == person.Id));
                }

                Assert.Equal(slot.Occurrences.All(occurrence => occurrence.Participants.All(view => view.InsideWorkingHours)), slot.Comfortable);
                Assert.InRange(slot.Score, 0, 1);
            }

            Assert.Equal(result.Slots.Any(slot => slot.Comfortable && slot.ConflictCount * 2 < slot.Occurrences.Count), result.HasComfortableSlots);
            var clashFree = result.Slots.Where(slot => slot.Warnings.All(warning => warning.Kind is not (SlotWarningKind.Conflict or SlotWarningKind.Tentative))).ToList();
            Assert.True(
                clashFree.FindLastIndex(slot => slot.Comfortable) < Math.Max(0, clashFree.FindIndex(slot => !slot.Comfortable)) || clashFree.TrueForAll(slot => slot.Comfortable),
                "without clashes, every comfortable slot ranks above every stretched one");
            Assert.True(result.Slots.Count <= query.MaxSuggestions);
            Assert.Equal(Enumerable.Range(1, result.Slots.Count), result.Slots.Select(slot => slot.Rank));
        }).Check(Runs);
    }

    [Fact]
    public void The_feasible_series_do_not_depend_on_who_organizes()
    {
        var rotations = (from generated in QueryGenerators.Query(maxPeople: 4, maxMonths: 4)
                         from shift in Gen.Choose(1, generated.Query.Participants.Count - 1)
                         select (generated, shift)).ToArbitrary();
        Prop.ForAll(rotations, pair =>
        {
            var (generated, shift) = pair;
            var query = generated.Query;
            var rotated = query with { Participants = [.. query.Participants.Skip(shift), .. query.Participants.Take(shift)] };

            var humane = Describe(new SlotSearch(query).AllAnchorVariants());
            var humaneRotated = Describe(new SlotSearch(rotated).AllAnchorVariants());
            Assert.Equal(humane, humaneRotated);

            var feasible = Describe(new SlotSearch(query).AllAnchorVariants().Where(series => series.Comfortable && series.Evaluation.HardConflicts == 0));
            var feasibleRotated = Describe(new SlotSearch(rotated).AllAnchorVariants().Where(series => series.Comfortable && series.Evaluation.HardConflicts == 0));
            Assert.Equal(feasible, feasibleRotated);

            var best = SlotFinder.FindSlots(query).Slots.Select(slot => slot.Score).DefaultIfEmpty(-1).Max();
            var bestRotated = SlotFinder.FindSlots(rotated).Slots.Select(slot => slot.Score).DefaultIfEmpty(-1).Max();
            Assert.Equal(best, bestRotated);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(50));
    }

    [Fact]
    public void Every_series_follows_its_recurrence_in_the_anchor_zone_and_fills_the_window()
    {
        Prop.ForAll(QueryGenerators.Queries(), generated =>
        {
            var query = generated.Query;
            var zones = query.Participants.Select(person => person.WorkingHours.Zone.Id).ToHashSet();
            foreach (var slot in SlotFinder.FindSlots(query).Slots)
            {
                var recurrence = slot.Recurrence;
                var anchor = recurrence.AnchorZone;
                var pattern = recurrence.Pattern;
                var locals = recurrence.LocalStarts();
                Assert.Contains(anchor.Id, zones);
                Assert.Equal(query.Length, recurrence.Length);
                Assert.Equal(recurrence.Count, slot.Occurrences.Count);
                Assert.Equal(recurrence.Count, locals.Count);
                Assert.Equal(recurrence.FirstStart, locals[0]);
                Assert.Equal(recurrence.FirstStart.PlusMinutes(query.Length.Minutes), recurrence.FirstEnd);
                Assert.Equal(0, (recurrence.FirstStart.Minute % 15) + recurrence.FirstStart.Second + recurrence.FirstStart.NanosecondOfSecond);
                Assert.Equal(recurrence.FirstStart.DayOfWeek, pattern.DayOfWeek);
                if (query.Cadence.Kind == CadenceKind.Weekly)
                {
                    Assert.Equal(new RecurrencePattern(RecurrenceKind.Weekly, query.Cadence.IntervalWeeks, pattern.DayOfWeek, null), pattern);
                }
                else
                {
                    Assert.Equal(RecurrenceKind.RelativeMonthly, pattern.Kind);
                    Assert.Equal(1, pattern.Interval);
                    Assert.NotNull(pattern.Index);
                }

                for (var index = 0; index < locals.Count; index++)
                {
                    var occurrence = slot.Occurrences[index];
                    Assert.Equal(index + 1, occurrence.Number);
                    Assert.Equal(LocalTimePolicy.ToInstant(locals[index], anchor), occurrence.When.Start);
                    Assert.Equal(query.Length.Duration, occurrence.When.Duration);
                    Assert.Equal(SessionAfter(locals[0], pattern, index), locals[index]);
                }

                Assert.True(slot.Occurrences[0].When.Start >= query.EarliestStart);
                Assert.True(slot.Occurrences[^1].When.End <= query.HorizonEnd);
                Assert.True(LocalTimePolicy.ToInstant(SessionAfter(locals[0], pattern, -1), anchor) < query.EarliestStart, "the first session is the first in the window");
                Assert.True(LocalTimePolicy.ToInstant(SessionAfter(locals[0], pattern, locals.Count), anchor) + query.Length.Duration > query.HorizonEnd, "the series fills the window");
            }
        }).Check(Runs);
    }

    [Fact]
    public void An_empty_result_always_says_why_calendars_never_empty_it_and_the_shorter_session_it_names_works()
    {
        var empty = 0;
        Prop.ForAll(QueryGenerators.Queries(maxPeople: 5), generated =>
        {
            var query = generated.Query;
            var result = SlotFinder.FindSlots(query);
            var withoutCalendars = query with { Participants = [.. query.Participants.Select(person => person with { Busy = [] })] };
            Assert.Equal(result.Slots.Count == 0, SlotFinder.FindSlots(withoutCalendars).Slots.Count == 0);
            if (result.Slots.Count > 0)
            {
                Assert.Null(result.NoSlotsReason);
                return;
            }

            Interlocked.Increment(ref empty);
            var reason = Assert.IsType<NoSlotsReason>(result.NoSlotsReason);
            Assert.False(string.IsNullOrWhiteSpace(reason.Message));
            Assert.All(reason.ParticipantIds, id => Assert.Contains(query.Participants, person => person.Id == id));
            if (reason.ParticipantIds.Count > 0)
            {
                // The people it names are enough on their own to leave the result empty.
                var named = query with { Participants = [.. reason.ParticipantIds.Select(id => query.Participants.Single(person => person.Id == id))] };
                Assert.Empty(SlotFinder.FindSlots(named).Slots);
            }

            if (reason.ShorterSessionMinutes is { } minutes)
            {
                Assert.Contains(reason.Cause, new[] { NoSlotsCause.SessionTooLong, NoSlotsCause.SeriesCannotRecur });
                Assert.InRange(minutes, SessionLength.MinMinutes, query.Length.Minutes - 5);
                Assert.NotEmpty(SlotFinder.FindSlots(query with { Length = SessionLength.FromMinutes(minutes) }).Slots);
                Assert.Empty(SlotFinder.FindSlots(query with { Length = SessionLength.FromMinutes(minutes + 5) }).Slots);
            }
            else if (reason.Cause is NoSlotsCause.SessionTooLong or NoSlotsCause.SeriesCannotRecur && query.Length.Minutes > SessionLength.MinMinutes)
            {
                Assert.Empty(SlotFinder.FindSlots(query with { Length = SessionLength.FromMinutes(SessionLength.MinMinutes) }).Slots);
            }
        }).Check(Runs);
        Assert.True(empty > 0, "no generated query came back empty, so the reasons went untested");
    }

    [Fact]
    public void The_output_is_deterministic()
    {
        Prop.ForAll(QueryGenerators.Queries(maxMonths: 3), generated =>
        {
            var first = SlotFinder.FindSlots(generated.Query).Slots.Select(Scenario.Describe);
            var second = SlotFinder.FindSlots(generated.Query).Slots.Select(Scenario.Describe);
            Assert.Equal(first, second);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    /// <summary>
    /// The pattern's session <paramref name="index"/> steps from the first, worked out independently of the library:
    /// whole weeks, or the same weekday in the same week of a later month (week n: days 7(n-1)+1..7n; last: the final seven).
    /// </summary>
    private static LocalDateTime SessionAfter(LocalDateTime first, RecurrencePattern pattern, int index)
    {
        if (pattern.Kind == RecurrenceKind.Weekly)
        {
            return first.PlusWeeks(index * pattern.Interval);
        }

        var month = first.Date.PlusMonths(index);
        var days = Enumerable.Range(1, month.Calendar.GetDaysInMonth(month.Year, month.Month))
            .Select(day => new LocalDate(month.Year, month.Month, day))
            .Where(date => date.DayOfWeek == pattern.DayOfWeek)
            .ToList();
        var date = pattern.Index == WeekOfMonth.Last ? days[^1] : days[(int)pattern.Index!.Value];
        return date + first.TimeOfDay;
    }

    private static void AssertWarnedExactly(SlotSuggestion slot, string personId, SlotWarningKind kind, IEnumerable<ParticipantOccurrence> offending)
    {
        var expected = offending.Select(view => view.LocalStart.Date).ToList();
        var warnings = slot.Warnings.Where(warning => warning.Kind == kind && warning.ParticipantId == personId).ToList();
        if (expected.Count == 0)
        {
            Assert.Empty(warnings);
            return;
        }

        var warning = Assert.Single(warnings);
        Assert.Equal(expected, warning.Dates);
        Assert.False(string.IsNullOrWhiteSpace(warning.Message));
    }

    private static SortedSet<string> Describe(IEnumerable<SeriesCandidate> series) =>
        [.. series.Select(candidate => $"{candidate.FirstStart}|{candidate.Pattern}|{string.Join(",", candidate.Starts)}")];
}
