namespace PeerMentor365.Scheduling;

/// <summary>
/// Why a query found no slot. Only working hours (and the humane stretch around them) can leave a query empty: calendars
/// never do, because a series that clashes is still suggested, ranked down and warned about.
/// </summary>
public enum NoSlotsCause
{
    /// <summary>Two people's working hours never come within a humane stretch of each other, at any time of day.</summary>
    WorkingHoursTooFarApart,

    /// <summary>Two people would meet if they worked on the same days, but their working days never line up.</summary>
    WorkingDaysNeverMeet,

    /// <summary>Every two people can meet, but the whole group is never within reach at the same time.</summary>
    GroupNeverMeets,

    /// <summary>Everyone is within reach at the same time, but never for as long as one session.</summary>
    SessionTooLong,

    /// <summary>A single session fits, but no series keeps every session within reach (clocks change on different dates).</summary>
    SeriesCannotRecur,
}

/// <summary>
/// An explanation, computed from the people's working hours, of why <see cref="SlotFinder.FindSlots"/> found nothing, with
/// what the user can do about it. Immutable; thread-safe.
/// </summary>
/// <param name="Cause">What stands in the way.</param>
/// <param name="ParticipantIds">The people the explanation names, in the order it names them (empty when it is about everyone):
/// the two people for <see cref="NoSlotsCause.WorkingHoursTooFarApart"/> and <see cref="NoSlotsCause.WorkingDaysNeverMeet"/>;
/// for <see cref="NoSlotsCause.GroupNeverMeets"/>, the people who can meet together and, last, the person who cannot join them.</param>
/// <param name="Message">Plain-English sentences for display, ending with a suggestion.</param>
/// <param name="ShorterSessionMinutes">For <see cref="NoSlotsCause.SessionTooLong"/> and <see cref="NoSlotsCause.SeriesCannotRecur"/>:
/// the longest session (a multiple of 5 minutes) that would give suggestions with the same people, cadence and window; null
/// when no shorter session would, and for the other causes (there no length helps).</param>
/// <param name="SmallerGroups">When no time suits the whole group (three to <see cref="SlotFinder.MaxPeopleForSmallerGroups"/> people): the largest smaller groups that
/// can meet in a series, each with the first session of the best series they have; empty otherwise.</param>
public sealed record NoSlotsReason(
    NoSlotsCause Cause, IReadOnlyList<string> ParticipantIds, string Message, int? ShorterSessionMinutes = null, IReadOnlyList<MeetingGroup>? SmallerGroups = null)
{
    /// <summary>The smaller groups that can meet (never null).</summary>
    public IReadOnlyList<MeetingGroup> SmallerGroups { get; init; } = SmallerGroups ?? [];
}

/// <summary>Some of the people, who can meet in a series of their own. Immutable; thread-safe.</summary>
/// <param name="ParticipantIds">The people, in query order.</param>
/// <param name="FirstStart">The first session of the best series for them in the query's window (the top suggestion they would get).</param>
public sealed record MeetingGroup(IReadOnlyList<string> ParticipantIds, NodaTime.Instant FirstStart);
