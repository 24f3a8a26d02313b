using NodaTime;

namespace PeerMentor365.Scheduling.Tests.Support;

/// <summary>
/// Straightforward re-derivations of what the slot finder claims, one session and one person at a time, with plain
/// NodaTime calls: no precomputed tables, no binary searches. Properties compare the finder against these.
/// </summary>
internal static class Oracle
{
    /// <summary>The working day the session starts on, as moments, or null if that local date is not a working day.</summary>
    public static (Instant Start, Instant End)? WorkingDay(WorkingHours hours, Instant sessionStart)
    {
        var date = sessionStart.InZone(hours.Zone).Date;
        if (!hours.Days.Contains(date.DayOfWeek))
        {
            return null;
        }

        var end = hours.End == LocalTime.Midnight ? date.PlusDays(1).AtMidnight() : date + hours.End;
        return (LocalTimePolicy.ToInstant(date + hours.Start, hours.Zone), LocalTimePolicy.ToInstant(end, hours.Zone));
    }

    public static bool Inside(WorkingHours hours, Interval session) =>
        WorkingDay(hours, session.Start) is { } day && session.Start >= day.Start && session.End <= day.End;

    /// <summary>On a working day, and within three hours (of wall-clock time) of working hours without leaving that local day.</summary>
    public static bool Humane(WorkingHours hours, Interval session)
    {
        var date = session.Start.InZone(hours.Zone).Date;
        if (!hours.Days.Contains(date.DayOfWeek))
        {
            return false;
        }

        var stretch = Period.FromHours(3);
        var midnight = date.AtMidnight();
        var nextMidnight = date.PlusDays(1).AtMidnight();
        var earliest = date + hours.Start - stretch;
        var latest = (hours.End == LocalTime.Midnight ? nextMidnight : date + hours.End) + stretch;
        earliest = earliest < midnight ? midnight : earliest;
        latest = latest > nextMidnight ? nextMidnight : latest;
        return session.Start >= LocalTimePolicy.ToInstant(earliest, hours.Zone) && session.End <= LocalTimePolicy.ToInstant(latest, hours.Zone);
    }

    /// <summary>The first of the person's holidays on the local date the session starts on, or null.</summary>
    public static Holiday? HolidayOn(Participant person, Interval session) =>
        person.Holidays?.FirstOrDefault(holiday => holiday.Date == session.Start.InZone(person.WorkingHours.Zone).Date);

    /// <summary>The worst conflicting status overlapping the session, or Free. Empty periods ([t, t)) overlap nothing.</summary>
    public static FreeBusyStatus WorstConflict(IEnumerable<BusyPeriod> busy, Interval session)
    {
        FreeBusyStatus[] worstFirst = [FreeBusyStatus.OutOfOffice, FreeBusyStatus.Busy, FreeBusyStatus.Tentative, FreeBusyStatus.Unknown];
        var overlapping = busy
            .Where(period => period.Interval.Start < period.Interval.End && period.Interval.Start < session.End && session.Start < period.Interval.End)
            .Select(period => period.Status).ToHashSet();
        return worstFirst.FirstOrDefault(overlapping.Contains, FreeBusyStatus.Free);
    }
}
