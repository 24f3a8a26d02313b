using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace PeerMentor365.Scheduling.Tests.Support;

/// <summary>A generated query, printed readably when a property fails.</summary>
internal sealed record GeneratedQuery(SuggestionQuery Query)
{
    public override string ToString()
    {
        var people = Query.Participants.Select(person =>
            $"{person.Id} {person.WorkingHours} busy={person.Busy.Count} holidays={person.Holidays?.Count ?? 0}{(person.WorkingHoursKnown ? "" : " (assumed)")}");
        return FormattableString.Invariant(
            $"{Query.Cadence} {Query.Length} {Query.EarliestStart}..{Query.HorizonEnd} max={Query.MaxSuggestions}: {string.Join(" | ", people)}");
    }
}

/// <summary>
/// FsCheck generators for scheduling queries: zones with unusual offsets and rules, working hours on a quarter-hour grid
/// (including Sunday-Thursday weeks and days that end at midnight), random calendars and cadences.
/// </summary>
internal static class QueryGenerators
{
    /// <summary>
    /// Zones chosen for their quirks: both hemispheres, changes on different dates, half- and quarter-hour offsets,
    /// a 30-minute DST shift (Lord Howe), a 02:45 change (Chatham), Sunday-Thursday weeks, no DST at all.
    /// </summary>
    public static readonly string[] Zones =
    [
        "America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "America/St_Johns", "Europe/London", "Europe/Berlin",
        "Asia/Jerusalem", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe",
        "Pacific/Chatham", "Pacific/Auckland", "Asia/Tehran", "Etc/UTC",
    ];

    private static readonly Instant EpochOfTests = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static Arbitrary<GeneratedQuery> Queries(int maxPeople = 4, int maxMonths = 6) => Query(maxPeople, maxMonths).ToArbitrary();

    public static Gen<GeneratedQuery> Query(int maxPeople, int maxMonths) =>
        from startMinutes in Gen.Choose(0, 3 * 365 * 24 * 60)
        from months in Gen.Choose(1, maxMonths)
        from extraDays in Gen.Choose(0, 20)
        from count in Gen.Choose(2, maxPeople)
        from cadence in Gen.Elements(Cadence.Weekly, Cadence.EveryWeeks(2), Cadence.EveryWeeks(3), Cadence.EveryWeeks(4), Cadence.MonthlyOnNthWeekday)
        from minutes in Gen.Elements(15, 30, 45, 60, 90, 120)
        from max in Gen.Choose(1, 25)
        let start = EpochOfTests + Duration.FromMinutes(startMinutes)
        let end = start + Duration.FromDays((months * 30) + extraDays)
        from people in Gen.CollectToArray(Enumerable.Range(0, count), index => Person(index, start, end))
        select new GeneratedQuery(new SuggestionQuery(people, SessionLength.FromMinutes(minutes), cadence, start, end, max));

    private static Gen<Participant> Person(int index, Instant windowStart, Instant windowEnd) =>
        from zone in Gen.Elements(Zones)
        from startQuarter in Gen.Choose(6 * 4, 12 * 4)
        from lengthQuarters in Gen.Choose(4 * 4, 10 * 4)
        from untilMidnight in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        from days in Days()
        from known in Gen.Frequency((1, Gen.Constant(false)), (9, Gen.Constant(true)))
        from oneOffCount in Gen.Choose(0, 40)
        from oneOffs in Gen.ListOf(BusyPeriod(windowStart, windowEnd), oneOffCount)
        from weeklyCount in Gen.Choose(0, 2)
        from weekly in Gen.ListOf(WeeklyBlock(), weeklyCount)
        from holidayCount in Gen.Choose(0, 8)
        from holidayDays in Gen.ListOf(Gen.Choose(-1, (int)(windowEnd - windowStart).TotalDays + 1), holidayCount)
        let start = LocalTime.FromMinutesSinceMidnight(startQuarter * 15)
        let end = untilMidnight || startQuarter + lengthQuarters >= 96 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight((startQuarter + lengthQuarters) * 15)
        let hours = WorkingHours.Create(days, start, end, DateTimeZoneProviders.Tzdb[zone])
        select new Participant(
            index % 2 == 0 ? $"person{index}@contoso.dev" : $"Person{index}@Contoso.dev",
            hours,
            [.. oneOffs, .. weekly.SelectMany(block => block(hours, windowStart, windowEnd))],
            known,
            Holidays: [.. holidayDays.Select((day, number) => new Holiday(windowStart.InZone(hours.Zone).Date.PlusDays(day), $"Holiday {number}", "ZZ"))]);

    private static Gen<IsoDayOfWeek[]> Days() => Gen.OneOf(
        Gen.Constant(Scenario.MondayToFriday),
        Gen.Constant(Scenario.SundayToThursday),
        Gen.SubListOf(Enum.GetValues<IsoDayOfWeek>().Where(day => day != IsoDayOfWeek.None)).Where(list => list.Count > 0).Select(list => list.ToArray()));

    private static Gen<BusyPeriod> BusyPeriod(Instant windowStart, Instant windowEnd) =>
        from offsetMinutes in Gen.Choose(0, (int)(windowEnd - windowStart).TotalMinutes)
        from lengthMinutes in Gen.Choose(5, 8 * 60)
        from status in Gen.Elements(Enum.GetValues<FreeBusyStatus>())
        let start = windowStart + Duration.FromMinutes(offsetMinutes)
        select new BusyPeriod(new Interval(start, start + Duration.FromMinutes(lengthMinutes)), status);

    /// <summary>A weekly meeting in the person's own zone (like a stand-up), which hits every session on that weekday.</summary>
    private static Gen<Func<WorkingHours, Instant, Instant, IEnumerable<BusyPeriod>>> WeeklyBlock() =>
        from day in Gen.Elements(Scenario.MondayToFriday)
        from quarter in Gen.Choose(0, 95)
        from lengthQuarters in Gen.Choose(1, 8)
        from status in Gen.Elements(FreeBusyStatus.Busy, FreeBusyStatus.Tentative, FreeBusyStatus.OutOfOffice)
        select (Func<WorkingHours, Instant, Instant, IEnumerable<BusyPeriod>>)((hours, windowStart, windowEnd) => Weekly(hours.Zone, day, quarter, lengthQuarters, status, windowStart, windowEnd));

    private static IEnumerable<BusyPeriod> Weekly(DateTimeZone zone, IsoDayOfWeek day, int quarter, int lengthQuarters, FreeBusyStatus status, Instant windowStart, Instant windowEnd)
    {
        var time = LocalTime.FromMinutesSinceMidnight(quarter * 15);
        for (var date = windowStart.InZone(zone).Date.With(DateAdjusters.NextOrSame(day)); date <= windowEnd.InZone(zone).Date; date = date.PlusWeeks(1))
        {
            var start = LocalTimePolicy.ToInstant(date + time, zone);
            yield return new BusyPeriod(new Interval(start, start + Duration.FromMinutes(15 * lengthQuarters)), status);
        }
    }
}
