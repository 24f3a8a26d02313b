using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>How one session sits in one person's day.</summary>
/// <param name="Humane">Within the humane stretch of a working day (otherwise the series is never suggested).</param>
/// <param name="Inside">Entirely inside working hours.</param>
/// <param name="Discomfort">0 (middle of the working day) to 1 (the humane limit).</param>
/// <param name="OutsideTicks">How much of the session lies before or after working hours (0 inside).</param>
internal readonly record struct Placement(bool Humane, bool Inside, double Discomfort, long OutsideTicks = 0);

/// <summary>A stretch of time, <c>[Start, End)</c> in Unix ticks.</summary>
internal readonly record struct TickSpan(long Start, long End)
{
    public long Length => End - Start;
}

/// <summary>
/// One person's working days and calendar over the query window, precomputed as sorted tick arrays (Unix ticks)
/// so that placing a session is two binary searches and no zone arithmetic.
/// </summary>
internal sealed class PersonTimeline
{
    private readonly long[] humaneStarts;
    private readonly long[] humaneEnds;
    private readonly long[] workStarts;
    private readonly long[] workEnds;
    private readonly long[] busyStarts;
    private readonly long[] busyEnds;
    private readonly FreeBusyStatus[] busyStatuses;
    private readonly long[] holidayStarts;
    private readonly long[] holidayEnds;
    private readonly Holiday[] holidays;

    public PersonTimeline(Participant participant, Instant windowStart, Instant windowEnd)
    {
        Participant = participant;
        var hours = participant.WorkingHours;
        var zone = hours.Zone;
        Clock = new ZoneClock(zone, windowStart - Duration.FromDays(2), windowEnd + Duration.FromDays(2));
        var stretch = Period.FromTicks(SchedulingRules.HumaneStretch.BclCompatibleTicks);

        var humaneStartList = new List<long>();
        var humaneEndList = new List<long>();
        var workStartList = new List<long>();
        var workEndList = new List<long>();
        var lastDate = windowEnd.InZone(zone).Date.PlusDays(1);
        for (var date = windowStart.InZone(zone).Date.PlusDays(-1); date <= lastDate; date = date.PlusDays(1))
        {
            if (!hours.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var dayStart = date.AtMidnight();
            var dayEnd = date.PlusDays(1).AtMidnight();
            var workStart = date + hours.Start;
            var workEnd = hours.End == LocalTime.Midnight ? dayEnd : date + hours.End;
            var humaneStart = Later(dayStart, workStart - stretch);
            var humaneEnd = Earlier(dayEnd, workEnd + stretch);
            humaneStartList.Add(Clock.ToInstant(ZoneClock.LocalTicks(humaneStart)));
            humaneEndList.Add(Clock.ToInstant(ZoneClock.LocalTicks(humaneEnd)));
            workStartList.Add(Clock.ToInstant(ZoneClock.LocalTicks(workStart)));
            workEndList.Add(Clock.ToInstant(ZoneClock.LocalTicks(workEnd)));
        }

        humaneStarts = [.. humaneStartList];
        humaneEnds = [.. humaneEndList];
        workStarts = [.. workStartList];
        workEnds = [.. workEndList];
        (busyStarts, busyEnds, busyStatuses) = Flatten(participant.Busy);
        (holidayStarts, holidayEnds, holidays) = HolidayDays(participant.Holidays, windowStart.InZone(zone).Date.PlusDays(-1), lastDate);
    }

    public Participant Participant { get; }

    /// <summary>The person's own zone, for reading moments as their local time.</summary>
    public ZoneClock Clock { get; }

    /// <summary>The humane stretch of each working day, <c>[start, end)</c> in Unix ticks, in order, clipped to <c>[from, to)</c>.</summary>
    public List<TickSpan> HumaneDays(long from, long to) => Clip(humaneStarts, humaneEnds, from, to);

    /// <summary>Each working day's working hours, <c>[start, end)</c> in Unix ticks, in order, clipped to <c>[from, to)</c>.</summary>
    public List<TickSpan> WorkingDays(long from, long to) => Clip(workStarts, workEnds, from, to);

    /// <summary>Where the session <c>[start, end)</c> (Unix ticks) sits in this person's working days.</summary>
    public Placement Place(long start, long end)
    {
        var day = LastAtOrBefore(humaneStarts, start);
        if (day < 0 || end > humaneEnds[day])
        {
            return default;
        }

        long workStart = workStarts[day], workEnd = workEnds[day];
        if (start >= workStart && end <= workEnd)
        {
            var slack = (workEnd - workStart - (end - start)) / 2.0;
            var offCentre = Math.Abs((start - workStart) - (workEnd - end)) / 2.0;
            return new Placement(true, true, slack <= 0 ? 0 : SchedulingRules.InsideEdgeDiscomfort * (offCentre / slack));
        }

        var outsideTicks = Math.Max(0, workStart - start) + Math.Max(0, end - workEnd);
        var outsideHours = outsideTicks / (double)NodaConstants.TicksPerHour;
        var discomfort = Math.Min(1.0, SchedulingRules.OutsideBaseDiscomfort + SchedulingRules.OutsideDiscomfortPerHour * outsideHours);
        return new Placement(true, false, discomfort, outsideTicks);
    }

    /// <summary>The worst conflicting status overlapping <c>[start, end)</c>, or <see cref="FreeBusyStatus.Free"/>.</summary>
    public FreeBusyStatus WorstConflict(long start, long end)
    {
        // Segments are disjoint and sorted, so the first one ending after start is the first candidate.
        int low = 0, high = busyEnds.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (busyEnds[mid] <= start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var worst = FreeBusyStatus.Free;
        for (var index = low; index < busyStarts.Length && busyStarts[index] < end; index++)
        {
            if (busyStatuses[index].Severity() > worst.Severity())
            {
                worst = busyStatuses[index];
            }
        }

        return worst;
    }

    /// <summary>The public holiday on the local date a session starting at <paramref name="start"/> (Unix ticks) starts on, or null.</summary>
    public Holiday? HolidayAt(long start)
    {
        if (holidays.Length == 0)
        {
            return null;
        }

        var day = LastAtOrBefore(holidayStarts, start);
        return day >= 0 && start < holidayEnds[day] ? holidays[day] : null;
    }

    /// <summary>
    /// The holidays between <paramref name="first"/> and <paramref name="last"/> as the moments their local days span,
    /// sorted, one per date (the first given names a date with two).
    /// </summary>
    private (long[] Starts, long[] Ends, Holiday[] Holidays) HolidayDays(IReadOnlyList<Holiday>? given, LocalDate first, LocalDate last)
    {
        if (given is null || given.Count == 0)
        {
            return ([], [], []);
        }

        var days = given.Where(holiday => holiday.Date >= first && holiday.Date <= last)
            .DistinctBy(holiday => holiday.Date)
            .OrderBy(holiday => holiday.Date)
            .ToArray();
        var starts = days.Select(holiday => Clock.ToInstant(ZoneClock.LocalTicks(holiday.Date.AtMidnight()))).ToArray();
        var ends = days.Select(holiday => Clock.ToInstant(ZoneClock.LocalTicks(holiday.Date.PlusDays(1).AtMidnight()))).ToArray();
        return (starts, ends, days);
    }

    private static List<TickSpan> Clip(long[] starts, long[] ends, long from, long to)
    {
        var spans = new List<TickSpan>(starts.Length);
        for (var index = 0; index < starts.Length; index++)
        {
            var start = Math.Max(starts[index], from);
            var end = Math.Min(ends[index], to);
            if (start < end)
            {
                spans.Add(new TickSpan(start, end));
            }
        }

        return spans;
    }

    private static int LastAtOrBefore(long[] sorted, long value)
    {
        var index = Array.BinarySearch(sorted, value);
        return index >= 0 ? index : ~index - 1;
    }

    private static LocalDateTime Later(LocalDateTime a, LocalDateTime b) => a >= b ? a : b;

    private static LocalDateTime Earlier(LocalDateTime a, LocalDateTime b) => a <= b ? a : b;

    /// <summary>
    /// Turns overlapping periods into disjoint sorted segments, each carrying the worst conflicting status active in it
    /// (free and working-elsewhere periods drop out).
    /// </summary>
    private static (long[] Starts, long[] Ends, FreeBusyStatus[] Statuses) Flatten(IReadOnlyList<BusyPeriod> periods)
    {
        // Edges sorted by moment; the payload packs severity and direction (+severity opens, -severity closes).
        var moments = new List<long>(periods.Count * 2);
        var changes = new List<int>(periods.Count * 2);
        foreach (var period in periods)
        {
            var severity = period.Status.Severity();
            if (severity == 0 || period.Interval.Start >= period.Interval.End)
            {
                continue;
            }

            moments.Add(period.Interval.Start.ToUnixTimeTicks());
            changes.Add(severity);
            moments.Add(period.Interval.End.ToUnixTimeTicks());
            changes.Add(-severity);
        }

        var at = moments.ToArray();
        var change = changes.ToArray();
        Array.Sort(at, change);
        var active = new int[5];
        var starts = new List<long>();
        var ends = new List<long>();
        var statuses = new List<FreeBusyStatus>();
        var index = 0;
        while (index < at.Length)
        {
            var moment = at[index];
            for (; index < at.Length && at[index] == moment; index++)
            {
                active[Math.Abs(change[index])] += Math.Sign(change[index]);
            }

            // Close the open segment at this edge, then open one for what is active from here.
            if (starts.Count > ends.Count)
            {
                ends.Add(moment);
            }

            var worst = StatusOfSeverity(Array.FindLastIndex(active, count => count > 0));
            if (worst == FreeBusyStatus.Free)
            {
                continue;
            }

            if (statuses.Count > 0 && statuses[^1] == worst && ends[^1] == moment)
            {
                ends.RemoveAt(ends.Count - 1);
            }
            else
            {
                starts.Add(moment);
                statuses.Add(worst);
            }
        }

        return ([.. starts], [.. ends], [.. statuses]);
    }

    private static FreeBusyStatus StatusOfSeverity(int severity) => severity switch
    {
        1 => FreeBusyStatus.Unknown,
        2 => FreeBusyStatus.Tentative,
        3 => FreeBusyStatus.Busy,
        4 => FreeBusyStatus.OutOfOffice,
        _ => FreeBusyStatus.Free,
    };
}
