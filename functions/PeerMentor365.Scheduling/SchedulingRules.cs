using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>The tuning of the slot search in one place. docs/scheduling.md explains each choice.</summary>
internal static class SchedulingRules
{
    /// <summary>Start times are on this grid (every current TZDB offset is a multiple of it, so UTC and local grids agree).</summary>
    public static readonly Duration Grid = Duration.FromMinutes(15);

    /// <summary>How far beyond someone's working hours a session may reach, on one of their working days. Never further.</summary>
    public static readonly Duration HumaneStretch = Duration.FromHours(3);

    /// <summary>Discomfort of a session inside working hours: 0 at the middle of the day, this at its edge.</summary>
    public const double InsideEdgeDiscomfort = 0.3;

    /// <summary>Discomfort of a session that just leaves working hours.</summary>
    public const double OutsideBaseDiscomfort = 0.7;

    /// <summary>Extra discomfort per hour outside working hours (so the humane limit of 3 h reaches 1.0).</summary>
    public const double OutsideDiscomfortPerHour = 0.1;

    /// <summary>
    /// A person's discomfort over a series is the larger of their mean and this share of their worst session, so one
    /// session outside working hours (at least 0.7) always costs more than every session at the edge of the day (0.3).
    /// </summary>
    public const double WorstSessionShare = 0.5;

    /// <summary>How much a busy/out-of-office clash costs: each clashing session takes this share of a full series off the score.</summary>
    public const double ConflictWeight = 3.0;

    /// <summary>
    /// A session on a public holiday where someone works (and no busy clash) counts in the score as this fraction of a
    /// busy clash: most people are off, but it is not a problem session (docs/scheduling.md, "Ranking").
    /// </summary>
    public const double HolidayFraction = 1.0;

    /// <summary>A tentative or unknown clash counts as this fraction of a hard one.</summary>
    public const double SoftConflictFraction = 0.5;

    /// <summary>At most this many suggestions share an anchor zone and weekday.</summary>
    public const int MaxPerAnchorWeekday = 2;

    /// <summary>Suggestions on the same weekday start at least this far apart (time of week, whatever the phase).</summary>
    public static readonly Duration MinSpacing = Duration.FromMinutes(60);
}
