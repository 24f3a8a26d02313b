using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// Enumerates candidate series for a query and evaluates every session of each for every person.
/// A candidate is a first-session moment on the 15-minute grid within the first cadence period, plus (for monthly
/// cadences) whether it counts weeks from the start or the end of the month; each is tried anchored in every
/// participant's distinct zone.
/// </summary>
internal sealed class SlotSearch
{
    private readonly SuggestionQuery query;
    private readonly long length;
    private readonly long horizonEnd;
    private readonly ZoneClock[] clocks;
    private readonly Dictionary<(long Day, bool CountFromEnd), SessionPlan?> plans = [];
    private static readonly LocalDate UnixEpochDate = new(1970, 1, 1);

    public SlotSearch(SuggestionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();
        this.query = query;
        length = query.Length.Duration.BclCompatibleTicks;
        horizonEnd = query.HorizonEnd.ToUnixTimeTicks();
        People = [.. query.Participants.Select(person => new PersonTimeline(person, query.EarliestStart, query.HorizonEnd))];
        // Anchors: each participant's distinct zone. The clocks cover the window plus the month before it, where the
        // session before a candidate's first one would fall.
        clocks = [.. query.Participants.Select(person => person.WorkingHours.Zone).DistinctBy(zone => zone.Id)
            .Select(zone => new ZoneClock(zone, query.EarliestStart - Duration.FromDays(40), query.HorizonEnd + Duration.FromDays(1)))];
    }

    public IReadOnlyList<PersonTimeline> People { get; }

    public SuggestionQuery Query => query;

    /// <summary>Every candidate with its best anchor (see <see cref="SlotRanking.CompareAnchors"/>).</summary>
    public List<SeriesCandidate> BestAnchoredCandidates()
    {
        var organizerZone = query.Participants[0].WorkingHours.Zone.Id;
        var best = new List<SeriesCandidate>();
        foreach (var variants in EnumerateVariants())
        {
            SeriesCandidate? chosen = null;
            foreach (var variant in variants)
            {
                if (chosen is null || SlotRanking.CompareAnchors(variant, chosen, organizerZone) < 0)
                {
                    chosen = variant;
                }
            }

            if (chosen is not null)
            {
                best.Add(chosen);
            }
        }

        return best;
    }

    /// <summary>Every humane (candidate, anchor) series, before an anchor is chosen. Independent of participant order.</summary>
    public IEnumerable<SeriesCandidate> AllAnchorVariants() => EnumerateVariants().SelectMany(variants => variants);

    /// <summary>For each candidate (first moment and, for monthly, week counting), its humane anchored series.</summary>
    private IEnumerable<List<SeriesCandidate>> EnumerateVariants()
    {
        var grid = SchedulingRules.Grid.BclCompatibleTicks;
        var earliest = query.EarliestStart.ToUnixTimeTicks();
        var first = earliest - (((earliest % grid) + grid) % grid);
        if (first < earliest)
        {
            first += grid;
        }

        // One cadence period, plus an hour so that a clock change inside it cannot hide a first session;
        // the previous-session check in TryAnchor drops anything that is really a second session.
        var period = query.Cadence.Kind == CadenceKind.Weekly ? Duration.FromDays(7 * query.Cadence.IntervalWeeks) : Duration.FromDays(35);
        var stop = earliest + (period + Duration.FromHours(1)).BclCompatibleTicks;
        var countFromEnd = query.Cadence.Kind == CadenceKind.Weekly ? [false] : new[] { false, true };
        var buffer = new long[(int)((horizonEnd - earliest) / NodaConstants.TicksPerDay / 7) + 3];
        var evaluated = new List<(long[] Starts, SeriesEvaluation? Evaluation)>();

        for (var start = first; start < stop && start + length <= horizonEnd; start += grid)
        {
            if (!FirstSessionIsHumane(start))
            {
                continue;
            }

            evaluated.Clear();
            foreach (var fromEnd in countFromEnd)
            {
                var variants = new List<SeriesCandidate>(clocks.Length);
                foreach (var clock in clocks)
                {
                    if (TryAnchor(start, fromEnd, clock, buffer, evaluated) is { } candidate)
                    {
                        variants.Add(candidate);
                    }
                }

                if (variants.Count > 0)
                {
                    yield return variants;
                }
            }
        }
    }

    private bool FirstSessionIsHumane(long start)
    {
        foreach (var person in People)
        {
            if (!person.Place(start, start + length).Humane)
            {
                return false;
            }
        }

        return true;
    }

    private SeriesCandidate? TryAnchor(long start, bool countFromEnd, ZoneClock clock, long[] buffer, List<(long[] Starts, SeriesEvaluation? Evaluation)> evaluated)
    {
        var localTicks = clock.ToLocal(start);
        if (clock.ToInstant(localTicks) != start)
        {
            // The second of two identical local times (clocks going back): the policy would read it as the first.
            return null;
        }

        var day = Math.DivRem(localTicks, NodaConstants.TicksPerDay, out var timeOfDay);
        if (timeOfDay < 0)
        {
            (day, timeOfDay) = (day - 1, timeOfDay + NodaConstants.TicksPerDay);
        }

        if (PlanFor(day, countFromEnd) is not { } plan)
        {
            return null;
        }

        // Session k starts on local day (day + plan.DayOffsets[k + 1]) at the same local time; [0] is the session before.
        if (clock.ToInstant(((day + plan.DayOffsets[0]) * NodaConstants.TicksPerDay) + timeOfDay) >= query.EarliestStart.ToUnixTimeTicks())
        {
            return null;
        }

        var count = 0;
        for (var index = 1; index < plan.DayOffsets.Length && count < buffer.Length; index++)
        {
            var session = clock.ToInstant(((day + plan.DayOffsets[index]) * NodaConstants.TicksPerDay) + timeOfDay);
            if (session + length > horizonEnd)
            {
                break;
            }

            buffer[count++] = session;
        }

        // Zones whose clocks change together give the same moments; reuse the evaluation (humane or not).
        var starts = buffer.AsSpan(0, count);
        SeriesEvaluation? evaluation = null;
        var known = false;
        foreach (var (earlierStarts, earlierEvaluation) in evaluated)
        {
            if (earlierStarts.AsSpan().SequenceEqual(starts))
            {
                (known, evaluation) = (true, earlierEvaluation);
                break;
            }
        }

        if (!known)
        {
            var copy = starts.ToArray();
            evaluation = Evaluate(copy);
            evaluated.Add((copy, evaluation));
        }

        if (evaluation is null)
        {
            return null;
        }

        return new SeriesCandidate(clock.Zone, localTicks, plan.Pattern, evaluation);
    }

    /// <summary>
    /// The pattern a series starting on local day <paramref name="day"/> (days since 1970-01-01) follows, and the day offsets of
    /// its sessions from the session before the first up to past the window. Cached: every start time on a day shares it.
    /// </summary>
    private SessionPlan? PlanFor(long day, bool countFromEnd)
    {
        if (plans.TryGetValue((day, countFromEnd), out var cached))
        {
            return cached;
        }

        var date = UnixEpochDate.PlusDays((int)day);
        SessionPlan? plan = null;
        if (PatternFor(date, countFromEnd) is { } pattern)
        {
            var lastDate = query.HorizonEnd.InUtc().Date.PlusDays(2);
            var offsets = new List<long>();
            for (var index = -1; ; index++)
            {
                var sessionDate = RecurrenceMath.NthLocalStart(date.AtMidnight(), pattern, index).Date;
                offsets.Add(Period.Between(date, sessionDate, PeriodUnits.Days).Days);
                if (sessionDate > lastDate)
                {
                    break;
                }
            }

            plan = new SessionPlan(pattern, [.. offsets]);
        }

        plans[(day, countFromEnd)] = plan;
        return plan;
    }

    private RecurrencePattern? PatternFor(LocalDate date, bool countFromEnd)
    {
        if (query.Cadence.Kind == CadenceKind.Weekly)
        {
            return new RecurrencePattern(RecurrenceKind.Weekly, query.Cadence.IntervalWeeks, date.DayOfWeek, null);
        }

        if (countFromEnd)
        {
            var daysInMonth = date.Calendar.GetDaysInMonth(date.Year, date.Month);
            return date.Day + 7 > daysInMonth ? new RecurrencePattern(RecurrenceKind.RelativeMonthly, 1, date.DayOfWeek, WeekOfMonth.Last) : null;
        }

        var week = (date.Day - 1) / 7;
        return week <= (int)WeekOfMonth.Fourth ? new RecurrencePattern(RecurrenceKind.RelativeMonthly, 1, date.DayOfWeek, (WeekOfMonth)week) : null;
    }

    private SeriesEvaluation? Evaluate(long[] starts)
    {
        var discomfort = new double[People.Count];
        var worstSession = new double[People.Count];
        int insideForAll = 0, hard = 0, soft = 0, holidays = 0, problems = 0;
        long worstOutside = 0;
        foreach (var start in starts)
        {
            var end = start + length;
            var insideHere = true;
            var holiday = false;
            var worst = FreeBusyStatus.Free;
            for (var person = 0; person < People.Count; person++)
            {
                var timeline = People[person];
                var placement = timeline.Place(start, end);
                if (!placement.Humane)
                {
                    return null;
                }

                insideHere &= placement.Inside;
                worstOutside = Math.Max(worstOutside, placement.OutsideTicks);
                discomfort[person] += placement.Discomfort;
                worstSession[person] = Math.Max(worstSession[person], placement.Discomfort);
                holiday |= timeline.HolidayAt(start) is not null;
                var conflict = timeline.WorstConflict(start, end);
                if (conflict.Severity() > worst.Severity())
                {
                    worst = conflict;
                }
            }

            insideForAll += insideHere ? 1 : 0;
            problems += insideHere && !worst.IsHardConflict() ? 0 : 1;
            hard += worst.IsHardConflict() ? 1 : 0;
            // A holiday session with a busy clash counts once, as the clash (an all-day out-of-office on the holiday).
            holidays += holiday && !worst.IsHardConflict() ? 1 : 0;
            soft += worst.IsSoftConflict() && !holiday ? 1 : 0;
        }

        for (var person = 0; person < discomfort.Length; person++)
        {
            discomfort[person] = Math.Max(discomfort[person] / starts.Length, SchedulingRules.WorstSessionShare * worstSession[person]);
        }

        return new SeriesEvaluation(starts, insideForAll, hard, soft, holidays, discomfort, problems, worstOutside);
    }

    /// <summary>A recurrence pattern with its sessions' local-day offsets (index 0: the session before the first).</summary>
    private sealed record SessionPlan(RecurrencePattern Pattern, long[] DayOffsets);
}
