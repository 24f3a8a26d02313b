using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using PeerMentor365.Scheduling.Tests.Support;

namespace PeerMentor365.Scheduling.Tests;

/// <summary>
/// The order of suggestions: fewest problem sessions, then how far the worst-off person is pushed outside their hours,
/// then comfort, then the longer series; and what "has comfortable slots" may rest on.
/// </summary>
public partial class SlotFinderTests
{
    private static readonly Config RankingRuns = Config.QuickThrowOnFailure.WithMaxTest(120);

    [Fact]
    public void Suggestions_come_in_order_of_problem_sessions_then_the_worst_push_then_comfort()
    {
        Prop.ForAll(QueryGenerators.Queries(), generated =>
        {
            var query = generated.Query;
            var keys = SlotFinder.FindSlots(query).Slots.Select(slot => RankKey(slot, query.Participants)).ToList();
            for (var index = 1; index < keys.Count; index++)
            {
                Assert.True(keys[index - 1].CompareTo(keys[index]) <= 0, $"slot {index} {keys[index - 1]} ranks above slot {index + 1} {keys[index]}");
            }
        }).Check(RankingRuns);
    }

    [Fact]
    public void One_person_half_an_hour_out_ranks_above_two_people_half_an_hour_out_even_in_a_series_one_session_longer()
    {
        // Both series clash once (a holiday, say) and start 30 minutes before someone's day; the second pushes two people
        // and has 13 sessions instead of 12, so its clash is a smaller share of it: a share-based score would put it first.
        var london = Scenario.Zone("Europe/London");
        var pattern = new RecurrencePattern(RecurrenceKind.Weekly, 2, IsoDayOfWeek.Monday, null);
        var thirtyMinutes = Duration.FromMinutes(30).BclCompatibleTicks;
        var onePushed = Candidate(london, pattern, sessions: 12, problems: 12, hard: 1, outside: thirtyMinutes, discomfort: [0.75, 0.1]);
        var twoPushed = Candidate(london, pattern, sessions: 13, problems: 13, hard: 1, outside: thirtyMinutes, discomfort: [0.75, 0.75]);

        Assert.True(SlotRanking.Compare(onePushed, twoPushed) < 0);
        Assert.True(SlotRanking.Compare(twoPushed, onePushed) > 0);
        Assert.True(twoPushed.Evaluation.Score > onePushed.Evaluation.Score, "the score alone would have ranked the longer series first");
    }

    [Fact]
    public void With_equal_problems_push_and_comfort_the_longer_series_ranks_first_and_a_smaller_push_beats_a_longer_series()
    {
        var london = Scenario.Zone("Europe/London");
        var pattern = new RecurrencePattern(RecurrenceKind.Weekly, 1, IsoDayOfWeek.Tuesday, null);
        var hour = Duration.FromHours(1).BclCompatibleTicks;
        var shorter = Candidate(london, pattern, sessions: 25, problems: 3, hard: 0, outside: hour, discomfort: [0.5, 0.2]);
        var longer = Candidate(london, pattern, sessions: 26, problems: 3, hard: 0, outside: hour, discomfort: [0.5, 0.2]);
        var lessPushedButShorter = Candidate(london, pattern, sessions: 20, problems: 3, hard: 0, outside: hour / 2, discomfort: [0.9, 0.2]);

        Assert.True(SlotRanking.Compare(longer, shorter) < 0);
        Assert.True(SlotRanking.Compare(lessPushedButShorter, longer) < 0);
    }

    [Fact]
    public void Has_comfortable_slots_is_false_when_the_only_slots_inside_working_hours_clash_in_most_sessions()
    {
        // Ben is in meetings 09:00-17:00 every weekday: every time inside both working days clashes, every session.
        var from = "2026-12-07T00:00:00Z";
        var to = "2027-02-01T00:00:00Z";
        var allDay = new List<BusyPeriod>();
        for (var day = Scenario.Date("2026-12-07"); day < Scenario.Date("2027-02-01"); day = day.PlusDays(1))
        {
            allDay.Add(Scenario.BusyLocal("Europe/London", $"{day:uuuu-MM-dd}T09:00", $"{day:uuuu-MM-dd}T17:00"));
        }

        var result = SlotFinder.FindSlots(Query(
            [Person("amy@contoso.dev", "Europe/London"), Person("ben@contoso.dev", "Europe/London", busy: allDay)], from, to));

        Assert.Contains(result.Slots, slot => slot.Comfortable);
        Assert.All(result.Slots.Where(slot => slot.Comfortable), slot => Assert.Equal(slot.Occurrences.Count, slot.ConflictCount));
        Assert.False(result.HasComfortableSlots);
    }

    [Fact]
    public void Has_comfortable_slots_follows_the_slots_comfortable_and_clashing_in_fewer_than_half_of_their_sessions()
    {
        Prop.ForAll(QueryGenerators.Queries(), generated =>
        {
            var result = SlotFinder.FindSlots(generated.Query);
            Assert.Equal(result.Slots.Any(slot => slot.Comfortable && slot.ConflictCount * 2 < slot.Occurrences.Count), result.HasComfortableSlots);
        }).Check(RankingRuns);
    }

    [Fact]
    public void An_all_day_out_of_office_event_is_a_clash_for_every_session_that_day()
    {
        // Amy is away all of Wednesday 6 January 2027 (midnight to midnight on her clock), as Outlook stores an all-day event.
        var away = Scenario.BusyLocal("Europe/London", "2027-01-06T00:00", "2027-01-07T00:00", FreeBusyStatus.OutOfOffice);
        var amy = Person("amy@contoso.dev", "Europe/London", busy: [away]);
        var ben = Person("ben@contoso.dev", "Europe/London");
        List<Instant> starts = [Scenario.Utc("2027-01-06T09:00:00Z"), Scenario.Utc("2027-01-06T16:00:00Z"), Scenario.Utc("2027-01-13T09:00:00Z")];

        var check = SeriesCheck.Check([ben, amy], starts, SessionLength.FromMinutes(60));

        Assert.Equal([FreeBusyStatus.OutOfOffice, FreeBusyStatus.OutOfOffice, FreeBusyStatus.Free], check.Occurrences.Select(occurrence => occurrence.Participants[1].Conflict));
        var warning = Assert.Single(check.Warnings, item => item.Kind == SlotWarningKind.Conflict);
        Assert.Equal("amy@contoso.dev", warning.ParticipantId);
        Assert.True(check.NeedsConfirmation);
    }

    /// <summary>The ranking key re-derived from what a slot says: problem sessions, worst push (ticks), minus the score.</summary>
    private static (int Problems, long WorstOutside, double MinusScore) RankKey(SlotSuggestion slot, IReadOnlyList<Participant> people)
    {
        var problems = slot.Occurrences.Count(occurrence => occurrence.Participants.Any(view => !view.InsideWorkingHours || view.Conflict.IsHardConflict()));
        long worst = 0;
        foreach (var occurrence in slot.Occurrences)
        {
            foreach (var person in people)
            {
                if (Oracle.WorkingDay(person.WorkingHours, occurrence.When.Start) is { } day)
                {
                    var before = Math.Max(0, (day.Start - occurrence.When.Start).BclCompatibleTicks);
                    var after = Math.Max(0, (occurrence.When.End - day.End).BclCompatibleTicks);
                    worst = Math.Max(worst, before + after);
                }
            }
        }

        return (problems, worst, -slot.Score);
    }

    private static SeriesCandidate Candidate(DateTimeZone anchor, RecurrencePattern pattern, int sessions, int problems, int hard, long outside, double[] discomfort, int holidays = 0)
    {
        var first = Scenario.Utc("2027-01-04T08:30:00Z").ToUnixTimeTicks();
        var starts = Enumerable.Range(0, sessions).Select(index => first + (index * Duration.FromDays(7 * pattern.Interval).BclCompatibleTicks)).ToArray();
        var evaluation = new SeriesEvaluation(starts, sessions - problems, hard, 0, holidays, discomfort, problems, outside);
        return new SeriesCandidate(anchor, Scenario.Local("2027-01-04T08:30").InUtc().ToInstant().ToUnixTimeTicks(), pattern, evaluation);
    }
}
