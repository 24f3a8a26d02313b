using NodaTime;
using NodaTime.TimeZones;

namespace PeerMentor365.DevTenant.Seed;

/// <summary>One concrete occurrence of a seeded event.</summary>
internal readonly record struct Occurrence(SeedEvent Event, Instant Start, Instant End);

/// <summary>Expands seeded events into the occurrences that overlap a window.</summary>
internal static class Occurrences
{
    // A single occurrence never spans more than this many days (all-day events can; cap keeps the scan bounded).
    private const int LongestEventDays = 31;

    public static IEnumerable<Occurrence> Overlapping(IEnumerable<SeedEvent> events, Instant from, Instant to)
    {
        var all = new List<Occurrence>();
        foreach (var seedEvent in events)
        {
            all.AddRange(Overlapping(seedEvent, from, to));
        }

        all.Sort((a, b) => a.Start.CompareTo(b.Start) is var byStart and not 0 ? byStart : a.End.CompareTo(b.End));
        return all;
    }

    public static IEnumerable<Occurrence> Overlapping(SeedEvent seedEvent, Instant from, Instant to)
    {
        var zone = seedEvent.Zone;
        switch (seedEvent.Timing)
        {
            case SingleTiming single:
            {
                var start = ToInstant(single.Start, zone);
                var end = ToInstant(single.End, zone);
                if (start < to && end > from)
                {
                    yield return new Occurrence(seedEvent, start, end);
                }

                yield break;
            }

            case RecurringTiming recurring:
            {
                var firstDate = from.InZone(zone).Date.PlusDays(-LongestEventDays);
                var lastDate = to.InZone(zone).Date.PlusDays(1);
                foreach (var date in OccurrenceDates(recurring.Pattern, recurring.Range, firstDate, lastDate))
                {
                    var (startLocal, endLocal) = Span(recurring, date);
                    var start = ToInstant(startLocal, zone);
                    var end = ToInstant(endLocal, zone);
                    if (start < to && end > from)
                    {
                        yield return new Occurrence(seedEvent, start, end);
                    }
                }

                yield break;
            }

            default:
                throw new InvalidOperationException("Unknown event timing.");
        }
    }

    /// <summary>The local start and end of the occurrence that falls on a date.</summary>
    public static (LocalDateTime Start, LocalDateTime End) Span(RecurringTiming timing, LocalDate date)
    {
        if (timing.IsAllDay)
        {
            return (date.AtMidnight(), date.PlusDays(1).AtMidnight());
        }

        var endDate = timing.EndTime > timing.StartTime ? date : date.PlusDays(1);
        return (date + timing.StartTime, endDate + timing.EndTime);
    }

    /// <summary>The dates (in the series' zone) the pattern puts an occurrence on, between two dates inclusive.</summary>
    public static IEnumerable<LocalDate> OccurrenceDates(RecurrencePattern pattern, RecurrenceRange range, LocalDate first, LocalDate last)
    {
        var lastInRange = range.EndDate is { } endDate && endDate < last ? endDate : last;

        // A numbered series has to be counted from its start; an open one can start at the window.
        var scanFrom = range.NumberOfOccurrences is null && first > range.StartDate ? first : range.StartDate;
        var counted = 0;
        for (var date = scanFrom; date <= lastInRange; date = date.PlusDays(1))
        {
            if (!Matches(pattern, range.StartDate, date))
            {
                continue;
            }

            counted++;
            if (range.NumberOfOccurrences is { } limit && counted > limit)
            {
                yield break;
            }

            if (date >= first)
            {
                yield return date;
            }
        }
    }

    private static bool Matches(RecurrencePattern pattern, LocalDate seriesStart, LocalDate date)
    {
        switch (pattern.Kind)
        {
            case RecurrenceKind.Daily:
                return Period.DaysBetween(seriesStart, date) % pattern.Interval == 0;

            case RecurrenceKind.Weekly:
                if (!pattern.DaysOfWeek.Contains(date.DayOfWeek))
                {
                    return false;
                }

                var seriesWeek = WeekStart(seriesStart, pattern.FirstDayOfWeek);
                var weeks = Period.DaysBetween(seriesWeek, WeekStart(date, pattern.FirstDayOfWeek)) / 7;
                return weeks % pattern.Interval == 0;

            default:
                return false;
        }
    }

    private static LocalDate WeekStart(LocalDate date, IsoDayOfWeek firstDayOfWeek) =>
        date.DayOfWeek == firstDayOfWeek ? date : date.Previous(firstDayOfWeek);

    /// <summary>Local to instant as Outlook does: a time skipped by DST moves forward, an ambiguous one takes the earlier offset.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) =>
        local.InZone(zone, Resolvers.LenientResolver).ToInstant();
}
