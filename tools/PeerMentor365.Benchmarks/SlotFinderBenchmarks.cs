using BenchmarkDotNet.Attributes;
using NodaTime;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Benchmarks;

/// <summary>
/// The scheduling core's budget (issue 2, section 6): 2 people, weekly, 26 sessions over 6 months, realistic calendars:
/// median under 5 ms; 8 people: under 25 ms. Run: <c>dotnet run -c Release --project tools/PeerMentor365.Benchmarks -- --filter '*SlotFinder*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
[MedianColumn]
[MemoryDiagnoser]
public class SlotFinderBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 8, 0);
    private static readonly Instant End = Instant.FromUtc(2027, 6, 1, 8, 0);

    private SuggestionQuery twoPeople = null!;
    private SuggestionQuery eightPeople = null!;
    private SuggestionQuery eightPeopleEveryTwoWeeks = null!;
    private SuggestionQuery eightPeopleMonthly = null!;
    private SuggestionQuery twoPeopleWithHolidays = null!;
    private SuggestionQuery eightPeopleWithHolidays = null!;

    [GlobalSetup]
    public void Setup()
    {
        var calendars = new CalendarFaker(seed: 2026);
        Participant Person(string id, string zone, string start = "09:00", string end = "17:00", IsoDayOfWeek[]? days = null) =>
            calendars.Person(id, zone, start, end, days, Start, End);

        var pair = new[] { Person("ana@contoso.dev", "America/Los_Angeles"), Person("lena@contoso.dev", "Europe/Berlin", "08:30", "17:30") };
        var eight = new[]
        {
            Person("ana@contoso.dev", "America/New_York"),
            Person("ben@contoso.dev", "Europe/London"),
            Person("lena@contoso.dev", "Europe/Berlin", "08:30", "17:30"),
            Person("joao@contoso.dev", "America/Sao_Paulo"),
            Person("noa@contoso.dev", "Asia/Jerusalem", days: [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday]),
            Person("mia@contoso.dev", "America/Chicago", "08:00", "16:00"),
            Person("tom@contoso.dev", "Europe/Lisbon"),
            Person("eva@contoso.dev", "America/Toronto", "10:00", "18:00"),
        };
        twoPeople = new SuggestionQuery(pair, SessionLength.Default, Cadence.Weekly, Start, End);
        eightPeople = new SuggestionQuery(eight, SessionLength.Default, Cadence.Weekly, Start, End);
        eightPeopleEveryTwoWeeks = eightPeople with { Cadence = Cadence.EveryWeeks(2) };
        eightPeopleMonthly = eightPeople with { Cadence = Cadence.MonthlyOnNthWeekday };
        // As the API asks: each person with their country's public holidays (US, DE; GB, BR, IL (none), CA, PT).
        twoPeopleWithHolidays = twoPeople with { Participants = WithHolidays(pair) };
        eightPeopleWithHolidays = eightPeople with { Participants = WithHolidays(eight) };

        // A benchmark of an empty answer would measure nothing.
        foreach (var query in new[] { twoPeople, eightPeople, eightPeopleEveryTwoWeeks, eightPeopleMonthly, twoPeopleWithHolidays, eightPeopleWithHolidays })
        {
            if (SlotFinder.FindSlots(query).Slots.Count < 5)
            {
                throw new InvalidOperationException("The benchmark scenario should have several suggestions.");
            }
        }
    }

    [Benchmark(Description = "2 people, weekly, 6 months")]
    public SuggestionSet TwoPeopleWeekly() => SlotFinder.FindSlots(twoPeople);

    [Benchmark(Description = "8 people, weekly, 6 months")]
    public SuggestionSet EightPeopleWeekly() => SlotFinder.FindSlots(eightPeople);

    [Benchmark(Description = "8 people, every 2 weeks, 6 months")]
    public SuggestionSet EightPeopleEveryTwoWeeks() => SlotFinder.FindSlots(eightPeopleEveryTwoWeeks);

    [Benchmark(Description = "8 people, monthly, 6 months")]
    public SuggestionSet EightPeopleMonthly() => SlotFinder.FindSlots(eightPeopleMonthly);

    [Benchmark(Description = "2 people, weekly, 6 months, public holidays")]
    public SuggestionSet TwoPeopleWeeklyWithHolidays() => SlotFinder.FindSlots(twoPeopleWithHolidays);

    [Benchmark(Description = "8 people, weekly, 6 months, public holidays")]
    public SuggestionSet EightPeopleWeeklyWithHolidays() => SlotFinder.FindSlots(eightPeopleWithHolidays);

    private static Participant[] WithHolidays(IEnumerable<Participant> people) =>
        [.. people.Select(person => person with { Holidays = Api.Suggestions.PublicHolidays.Around(person.WorkingHours.Zone, new Interval(Start, End)) })];
}

/// <summary>
/// Deterministic, realistic calendars: weekly stand-ups and one-to-ones, 2-5 one-off meetings a working day
/// (some tentative), a lunch block, and a week of leave.
/// </summary>
internal sealed class CalendarFaker(int seed)
{
    private readonly Random random = new(seed);

    public Participant Person(string id, string zoneId, string start, string end, IsoDayOfWeek[]? days, Instant from, Instant to)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var hours = WorkingHours.Create(
            days ?? [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            LocalTime.FromMinutesSinceMidnight(Minutes(start)),
            LocalTime.FromMinutesSinceMidnight(Minutes(end)),
            zone);
        var busy = new List<BusyPeriod>();
        var standUp = hours.Start.PlusMinutes(30);
        var oneToOneDay = hours.Days.ElementAt(random.Next(hours.Days.Count));
        var leaveStart = from.InZone(zone).Date.PlusDays(random.Next(30, 150));
        var workMinutes = Minutes(end) - Minutes(start);
        for (var date = from.InZone(zone).Date; date < to.InZone(zone).Date; date = date.PlusDays(1))
        {
            if (!hours.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            if (date >= leaveStart && date < leaveStart.PlusDays(7))
            {
                busy.Add(Period(zone, date.AtMidnight(), date.PlusDays(1).AtMidnight(), FreeBusyStatus.OutOfOffice));
                continue;
            }

            busy.Add(Period(zone, date + standUp, date + standUp.PlusMinutes(15), FreeBusyStatus.Busy));
            busy.Add(Period(zone, date + new LocalTime(12, 0), date + new LocalTime(12, 45), FreeBusyStatus.Busy));
            if (date.DayOfWeek == oneToOneDay)
            {
                busy.Add(Period(zone, date + hours.Start.PlusHours(5), date + hours.Start.PlusHours(6), FreeBusyStatus.Busy));
            }

            for (var meeting = random.Next(2, 6); meeting > 0; meeting--)
            {
                var at = date + hours.Start.PlusMinutes(30 * random.Next(0, (workMinutes / 30) - 1));
                var status = random.Next(5) == 0 ? FreeBusyStatus.Tentative : FreeBusyStatus.Busy;
                busy.Add(Period(zone, at, at.PlusMinutes(30 * random.Next(1, 3)), status));
            }
        }

        return new Participant(id, hours, busy);
    }

    private static int Minutes(string time) => (int.Parse(time[..2], System.Globalization.CultureInfo.InvariantCulture) * 60) +
        int.Parse(time[3..], System.Globalization.CultureInfo.InvariantCulture);

    private static BusyPeriod Period(DateTimeZone zone, LocalDateTime start, LocalDateTime end, FreeBusyStatus status) =>
        new(new Interval(LocalTimePolicy.ToInstant(start, zone), LocalTimePolicy.ToInstant(end, zone)), status);
}
