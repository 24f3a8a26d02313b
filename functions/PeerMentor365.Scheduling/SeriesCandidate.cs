using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// One humane series anchored in one zone, with what its sessions mean for everyone, summed up for ranking.
/// </summary>
internal sealed class SeriesCandidate
{
    private readonly long firstLocalTicks;

    public SeriesCandidate(DateTimeZone anchor, long firstLocalTicks, RecurrencePattern pattern, SeriesEvaluation evaluation)
    {
        Anchor = anchor;
        this.firstLocalTicks = firstLocalTicks;
        Pattern = pattern;
        Evaluation = evaluation;
    }

    public DateTimeZone Anchor { get; }

    /// <summary>The first session's local start in the anchor zone.</summary>
    public LocalDateTime FirstLocalStart => Instant.FromUnixTimeTicks(firstLocalTicks).InUtc().LocalDateTime;

    public RecurrencePattern Pattern { get; }

    public SeriesEvaluation Evaluation { get; }

    /// <summary>Every session's start, Unix ticks, in order.</summary>
    public long[] Starts => Evaluation.Starts;

    public int Count => Evaluation.Starts.Length;

    public Instant FirstStart => Instant.FromUnixTimeTicks(Evaluation.Starts[0]);

    public bool Comfortable => Evaluation.InsideForAll == Count;
}

/// <summary>What a sequence of session moments means for everyone; shared by anchors that give the same moments.</summary>
internal sealed class SeriesEvaluation
{
    public SeriesEvaluation(long[] starts, int insideForAll, int hardConflicts, int softConflicts, int holidaySessions, double[] discomfort, int problemSessions, long worstOutsideTicks)
    {
        HolidaySessions = holidaySessions;
        ProblemSessions = problemSessions;
        WorstOutsideTicks = worstOutsideTicks;
        Starts = starts;
        InsideForAll = insideForAll;
        HardConflicts = hardConflicts;
        SoftConflicts = softConflicts;
        Discomfort = discomfort;
        WorstDiscomfort = discomfort.Max();
        TotalDiscomfort = discomfort.Sum();
        var clashShare = (hardConflicts + (SchedulingRules.HolidayFraction * holidaySessions) + (SchedulingRules.SoftConflictFraction * softConflicts)) / starts.Length;
        var availability = Math.Max(0, 1 - (SchedulingRules.ConflictWeight * clashShare));
        Score = (1 - WorstDiscomfort) * availability;
    }

    /// <summary>Every session's start, Unix ticks, in order.</summary>
    public long[] Starts { get; }

    /// <summary>Sessions with a problem for someone: a busy or out-of-office clash, or time outside their working hours.</summary>
    public int ProblemSessions { get; }

    /// <summary>How far the worst-off person is pushed: the most of any session outside anyone's working hours, in ticks.</summary>
    public long WorstOutsideTicks { get; }

    /// <summary>Sessions inside everyone's working hours.</summary>
    public int InsideForAll { get; }

    /// <summary>Sessions with a busy or out-of-office clash for someone.</summary>
    public int HardConflicts { get; }

    /// <summary>Sessions whose worst clash is tentative or unknown, on no one's public holiday.</summary>
    public int SoftConflicts { get; }

    /// <summary>Sessions on a public holiday where someone works, with no busy clash (that would count as the clash).</summary>
    public int HolidaySessions { get; }

    /// <summary>
    /// Each person's discomfort over the series (query order), 0..1: the larger of their mean over the sessions and half
    /// their worst session.
    /// </summary>
    public double[] Discomfort { get; }

    /// <summary>The worst-off person's discomfort: what fairness minimises.</summary>
    public double WorstDiscomfort { get; }

    /// <summary>Everyone's discomfort added up: a tie-break after the worst.</summary>
    public double TotalDiscomfort { get; }

    /// <summary>
    /// 0..1: (1 - worst person's discomfort) × (1 - 3 × weighted share of clashing sessions, at least 0); a holiday session
    /// weighs as a busy clash, a tentative one half.
    /// </summary>
    public double Score { get; }
}
