using NodaTime;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Suggestions;

/// <summary>How what Graph told us about a person becomes the scheduling core's participant, for suggestions and checks alike.</summary>
internal static class ScheduleParticipants
{
    /// <summary>
    /// The person with their working hours and the public holidays of their zone's country over <paramref name="window"/>;
    /// without working hours, Outlook's default in the organizer's zone, flagged as unknown, and no holidays (their
    /// country is unknown too).
    /// </summary>
    public static Participant From(string mail, string? displayName, WorkingHours? hours, IReadOnlyList<BusyPeriod> busy, DateTimeZone organizerZone, Interval window) =>
        hours is { } known
            ? new Participant(mail, known, busy, DisplayName: displayName, Holidays: PublicHolidays.Around(known.Zone, window))
            : new Participant(mail, WorkingHours.Default(organizerZone), busy, WorkingHoursKnown: false, DisplayName: displayName);
}
