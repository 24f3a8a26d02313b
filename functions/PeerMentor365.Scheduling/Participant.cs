namespace PeerMentor365.Scheduling;

/// <summary>
/// One person in a scheduling query: who they are, when they work and when they are already booked.
/// Their zone is <see cref="WorkingHours"/>.<see cref="WorkingHours.Zone"/>. Immutable; thread-safe if <see cref="Busy"/> is not mutated.
/// </summary>
/// <param name="Id">The person's mail address; compared case-insensitively (ordinal).</param>
/// <param name="WorkingHours">Their working hours in their own zone.</param>
/// <param name="Busy">Their calendar over (at least) the query window, in any order; periods may overlap.</param>
/// <param name="WorkingHoursKnown">False when the hours are an assumption (e.g. Outlook's default because the mailbox sets none);
/// every suggestion then carries a <see cref="SlotWarningKind.WorkingHoursUnknown"/> warning for this person.</param>
/// <param name="DisplayName">The name messages call them by (e.g. "Ben Carter"); when null or blank, messages use <paramref name="Id"/>.</param>
/// <param name="Holidays">The public holidays where they work, over (at least) the query window, in any order; a session
/// on one of these local dates carries a <see cref="SlotWarningKind.PublicHoliday"/> warning and ranks lower. Null or
/// empty when none are known (no holiday warnings). Two holidays on one date: the first given names it.</param>
public sealed record Participant(
    string Id,
    WorkingHours WorkingHours,
    IReadOnlyList<BusyPeriod> Busy,
    bool WorkingHoursKnown = true,
    string? DisplayName = null,
    IReadOnlyList<Holiday>? Holidays = null)
{
    /// <summary>What messages call this person: the display name when known, else the mail address.</summary>
    internal string Name => string.IsNullOrWhiteSpace(DisplayName) ? Id : DisplayName.Trim();
}
