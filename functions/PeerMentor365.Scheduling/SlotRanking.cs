using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>Orders candidate series and picks a varied set of them.</summary>
internal static class SlotRanking
{
    private static readonly long WeekTicks = Duration.FromDays(7).BclCompatibleTicks;

    /// <summary>
    /// Which anchor a candidate keeps (negative: <paramref name="x"/>): most sessions inside everyone's hours, then fewest
    /// busy clashes, then fewest holiday sessions, then fewest tentative clashes, then the least discomfort for the
    /// worst-off person, then the organizer's zone, then zone id (ordinal).
    /// </summary>
    public static int CompareAnchors(SeriesCandidate x, SeriesCandidate y, string organizerZone)
    {
        var byInside = y.Evaluation.InsideForAll.CompareTo(x.Evaluation.InsideForAll);
        if (byInside != 0)
        {
            return byInside;
        }

        var byConflicts = x.Evaluation.HardConflicts.CompareTo(y.Evaluation.HardConflicts);
        if (byConflicts != 0)
        {
            return byConflicts;
        }

        var byHolidays = x.Evaluation.HolidaySessions.CompareTo(y.Evaluation.HolidaySessions);
        if (byHolidays != 0)
        {
            return byHolidays;
        }

        var bySoftConflicts = x.Evaluation.SoftConflicts.CompareTo(y.Evaluation.SoftConflicts);
        if (bySoftConflicts != 0)
        {
            return bySoftConflicts;
        }

        var byFairness = x.Evaluation.WorstDiscomfort.CompareTo(y.Evaluation.WorstDiscomfort);
        if (byFairness != 0)
        {
            return byFairness;
        }

        var xOrganizer = x.Anchor.Id == organizerZone;
        var yOrganizer = y.Anchor.Id == organizerZone;
        return xOrganizer != yOrganizer ? (xOrganizer ? -1 : 1) : string.CompareOrdinal(x.Anchor.Id, y.Anchor.Id);
    }

    /// <summary>
    /// Best first: fewer problem sessions (a busy clash or time outside someone's working hours); then the worst-off
    /// person pushed less far outside their hours; then higher score (how central the sessions are in everyone's day, less
    /// the sessions on someone's public holiday); then the longer series; then fewer busy clashes, fewer holiday sessions,
    /// fewer tentative clashes, less total discomfort; then earlier first session, anchor zone id and pattern, so the
    /// order is fully deterministic. Counting problem sessions rather
    /// than their share keeps a series from ranking up just because it is a session longer; the score comes before the
    /// length so that the middle of the day is not traded for a series that happens to fit one more session in the window.
    /// </summary>
    public static int Compare(SeriesCandidate x, SeriesCandidate y)
    {
        var order = x.Evaluation.ProblemSessions.CompareTo(y.Evaluation.ProblemSessions);
        if (order == 0)
        {
            order = x.Evaluation.WorstOutsideTicks.CompareTo(y.Evaluation.WorstOutsideTicks);
        }

        if (order == 0)
        {
            order = y.Evaluation.Score.CompareTo(x.Evaluation.Score);
        }

        if (order == 0)
        {
            order = y.Count.CompareTo(x.Count);
        }
        if (order == 0)
        {
            order = x.Evaluation.HardConflicts.CompareTo(y.Evaluation.HardConflicts);
        }

        if (order == 0)
        {
            order = x.Evaluation.HolidaySessions.CompareTo(y.Evaluation.HolidaySessions);
        }

        if (order == 0)
        {
            order = x.Evaluation.SoftConflicts.CompareTo(y.Evaluation.SoftConflicts);
        }

        if (order == 0)
        {
            order = x.Evaluation.TotalDiscomfort.CompareTo(y.Evaluation.TotalDiscomfort);
        }

        if (order == 0)
        {
            order = x.Starts[0].CompareTo(y.Starts[0]);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Anchor.Id, y.Anchor.Id);
        }

        return order != 0 ? order : Nullable.Compare(x.Pattern.Index, y.Pattern.Index);
    }

    /// <summary>
    /// Walks <paramref name="ranked"/> best first and keeps a candidate unless its anchor zone and weekday already have
    /// <see cref="SchedulingRules.MaxPerAnchorWeekday"/> picks, or it starts within <see cref="SchedulingRules.MinSpacing"/>
    /// (as a time of week, so another phase of an every-N-weeks series counts as close) of a pick with the same monthly week.
    /// </summary>
    public static List<SeriesCandidate> PickVaried(IEnumerable<SeriesCandidate> ranked, int max)
    {
        var picked = new List<SeriesCandidate>(max);
        var perAnchorDay = new Dictionary<(string Zone, IsoDayOfWeek Day), int>();
        var spacing = SchedulingRules.MinSpacing.BclCompatibleTicks;
        foreach (var candidate in ranked)
        {
            if (picked.Count == max)
            {
                break;
            }

            var key = (candidate.Anchor.Id, candidate.Pattern.DayOfWeek);
            var onThatDay = perAnchorDay.GetValueOrDefault(key);
            if (onThatDay >= SchedulingRules.MaxPerAnchorWeekday)
            {
                continue;
            }

            var position = TimeOfWeek(candidate.Starts[0]);
            var tooClose = picked.Exists(other =>
                other.Pattern.Index == candidate.Pattern.Index && CyclicDistance(TimeOfWeek(other.Starts[0]), position) < spacing);
            if (tooClose)
            {
                continue;
            }

            picked.Add(candidate);
            perAnchorDay[key] = onThatDay + 1;
        }

        return picked;
    }

    private static long TimeOfWeek(long ticks) => ((ticks % WeekTicks) + WeekTicks) % WeekTicks;

    private static long CyclicDistance(long a, long b)
    {
        var distance = Math.Abs(a - b);
        return Math.Min(distance, WeekTicks - distance);
    }
}
