namespace PeerMentor365.Scheduling.Tests;

/// <summary>
/// Public holidays where someone works: warned about with the person's own local date and the holiday's name, weighed
/// in the score as a busy clash but not counted as a problem session, and never counted twice with an all-day absence.
/// The holidays are data here (observed dates, as the API takes them from its holiday calendar).
/// </summary>
public partial class SlotFinderTests
{
    private static readonly Holiday[] UsHolidays =
    [
        new(Date("2026-10-12"), "Columbus Day", "US"),
        new(Date("2026-11-11"), "Veteran's Day", "US"),
        new(Date("2026-11-26"), "Thanksgiving", "US"),
        new(Date("2026-12-25"), "Christmas", "US"),
        new(Date("2027-01-01"), "New Year", "US"),
        new(Date("2027-01-18"), "Martin Luther King Day", "US"),
        new(Date("2027-07-05"), "Independence Day", "US"),
    ];

    private static readonly Holiday[] GbHolidays =
    [
        new(Date("2026-12-25"), "Christmas", "GB"),
        new(Date("2026-12-28"), "Boxing Day", "GB"),
        new(Date("2027-01-01"), "New Year", "GB"),
        new(Date("2027-03-26"), "Good Friday", "GB"),
        new(Date("2027-03-29"), "Easter Monday", "GB"),
    ];

    private static readonly Holiday[] JpHolidays =
    [
        new(Date("2026-10-12"), "Health And Sports Day", "JP"),
        new(Date("2026-11-03"), "Culture Day", "JP"),
        new(Date("2026-11-23"), "Labour Thanksgiving Day", "JP"),
    ];

    private static Participant BenInNewYork(IReadOnlyList<Holiday>? holidays, IReadOnlyList<BusyPeriod>? busy = null) =>
        Person("ben@contoso.dev", "America/New_York", busy: busy, name: "Ben Carter") with { Holidays = holidays };

    private static Participant FinnInLondon(IReadOnlyList<Holiday>? holidays) =>
        Person("finn@contoso.dev", "Europe/London", name: "Finn Walsh") with { Holidays = holidays };

    [Fact]
    public void A_session_on_a_public_holiday_is_warned_about_with_the_holiday_the_person_and_their_date()
    {
        // New York and London, 10:00 and 15:00 every week from Monday 2 November 2026 to Monday 4 January 2027.
        var query = Query([BenInNewYork(UsHolidays), FinnInLondon(GbHolidays)], "2026-11-02T00:00:00Z", "2027-01-04T00:00:00Z");
        var candidates = AllCandidates(query);

        var thursday = SlotStartingAt(candidates, "2026-11-05T15:00:00Z");
        var thanksgiving = WarningFor(thursday, SlotWarningKind.PublicHoliday, "ben@contoso.dev");
        Assert.Equal([Date("2026-11-26")], thanksgiving.Dates);
        Assert.Equal([UsHolidays[2]], thanksgiving.Holidays);
        Assert.Equal("Ben Carter's session on 26 Nov 2026 falls on a public holiday: Thanksgiving (US).", thanksgiving.Message);
        Assert.DoesNotContain(thursday.Warnings, warning => warning.Kind == SlotWarningKind.PublicHoliday && warning.ParticipantId == "finn@contoso.dev");
        Assert.Equal(UsHolidays[2], View(thursday.Occurrences[3], "ben@contoso.dev").Holiday);
        Assert.Null(View(thursday.Occurrences[3], "finn@contoso.dev").Holiday);
        Assert.Equal(1, thursday.HolidayCount);
        Assert.Equal(0, thursday.ConflictCount);

        // Boxing Day falls on a Saturday in 2026; the UK has Monday 28 December off.
        var monday = SlotStartingAt(candidates, "2026-11-02T15:00:00Z");
        var boxingDay = WarningFor(monday, SlotWarningKind.PublicHoliday, "finn@contoso.dev");
        Assert.Equal([Date("2026-12-28")], boxingDay.Dates);
        Assert.Equal("Finn Walsh's session on 28 Dec 2026 falls on a public holiday: Boxing Day (GB).", boxingDay.Message);

        var friday = SlotStartingAt(candidates, "2026-11-06T15:00:00Z");
        var bensFridays = WarningFor(friday, SlotWarningKind.PublicHoliday, "ben@contoso.dev");
        Assert.Equal([Date("2026-12-25"), Date("2027-01-01")], bensFridays.Dates);
        Assert.Equal("Ben Carter's sessions on 25 Dec 2026 and 1 Jan 2027 fall on public holidays: Christmas and New Year (US).", bensFridays.Message);
        Assert.Equal([Date("2026-12-25"), Date("2027-01-01")], WarningFor(friday, SlotWarningKind.PublicHoliday, "finn@contoso.dev").Dates);
        Assert.Equal(2, friday.HolidayCount);
    }

    [Fact]
    public void A_holiday_counts_on_the_persons_own_local_date()
    {
        // Monday 16:00 in Seattle is Tuesday 08:00-09:00 in Tokyo. Ben's Columbus Day (Monday 12 October) is his session;
        // Hiro's Health and Sports Day (also Monday 12 October) is not his: his session is on Tuesday the 13th. His
        // Culture Day (Tuesday 3 November) is, though it is Monday 2 November in Seattle.
        var ben = Person("ben@contoso.dev", "America/Los_Angeles", name: "Ben Carter") with { Holidays = UsHolidays };
        var hiro = Person("hiro@contoso.dev", "Asia/Tokyo", name: "Hiro Tanaka") with { Holidays = JpHolidays };
        var query = Query([ben, hiro], "2026-10-05T00:00:00Z", "2026-12-01T00:00:00Z");

        var slot = SlotStartingAt(AllCandidates(query), "2026-10-05T23:00:00Z");

        Assert.Equal("America/Los_Angeles", slot.Recurrence.AnchorZone.Id);
        Assert.Equal([Date("2026-10-12")], WarningFor(slot, SlotWarningKind.PublicHoliday, "ben@contoso.dev").Dates);
        var culture = WarningFor(slot, SlotWarningKind.PublicHoliday, "hiro@contoso.dev");
        Assert.Equal([Date("2026-11-03")], culture.Dates);
        Assert.Equal("Hiro Tanaka's session on 3 Nov 2026 falls on a public holiday: Culture Day (JP).", culture.Message);
        Assert.Equal(2, slot.HolidayCount);
    }

    [Fact]
    public void Of_two_otherwise_equal_times_the_one_whose_series_avoids_holidays_ranks_first()
    {
        // Thursday and Tuesday at 15:00 UTC, nine sessions each, both inside everyone's hours. Without holidays the
        // Thursday ranks first (it starts earlier); Thanksgiving on one of its Thursdays puts the Tuesday first.
        const string from = "2026-11-05T00:00:00Z", to = "2027-01-07T00:00:00Z";
        const string thursday = "2026-11-05T15:00:00Z", tuesday = "2026-11-10T15:00:00Z";
        var plain = Query([BenInNewYork(null), FinnInLondon(null)], from, to);
        var withHolidays = Query([BenInNewYork(UsHolidays), FinnInLondon(GbHolidays)], from, to);

        Assert.True(RankOf(plain, thursday) < RankOf(plain, tuesday));
        Assert.True(RankOf(withHolidays, tuesday) < RankOf(withHolidays, thursday));
        Assert.Equal(0, SlotStartingAt(AllCandidates(withHolidays), tuesday).HolidayCount);
    }

    [Fact]
    public void A_holiday_session_weighs_as_a_busy_clash_in_the_score_but_is_not_a_problem_session()
    {
        var london = Scenario.Zone("Europe/London");
        var pattern = new RecurrencePattern(RecurrenceKind.Weekly, 1, IsoDayOfWeek.Thursday, null);
        var halfHour = Duration.FromMinutes(30).BclCompatibleTicks;
        var onAHoliday = Candidate(london, pattern, sessions: 26, problems: 0, hard: 0, outside: 0, discomfort: [0.05, 0.05], holidays: 1);
        var onABusyDay = Candidate(london, pattern, sessions: 26, problems: 1, hard: 1, outside: 0, discomfort: [0.05, 0.05]);
        var halfAnHourOutOnce = Candidate(london, pattern, sessions: 26, problems: 1, hard: 0, outside: halfHour, discomfort: [0.375, 0.05]);
        var atTheEdgeOfTheDay = Candidate(london, pattern, sessions: 26, problems: 0, hard: 0, outside: 0, discomfort: [0.3, 0.3]);
        var threeHolidaysInNine = Candidate(london, pattern, sessions: 9, problems: 0, hard: 0, outside: 0, discomfort: [0.05, 0.05], holidays: 3);
        var atTheEdgeInNine = Candidate(london, pattern, sessions: 9, problems: 0, hard: 0, outside: 0, discomfort: [0.3, 0.3]);

        Assert.Equal(onABusyDay.Evaluation.Score, onAHoliday.Evaluation.Score);
        Assert.True(SlotRanking.Compare(onAHoliday, onABusyDay) < 0, "a busy clash is a problem session, a holiday is not");
        Assert.True(SlotRanking.Compare(onAHoliday, halfAnHourOutOnce) < 0, "one known day off does not rank below leaving someone's hours");
        Assert.True(SlotRanking.Compare(onAHoliday, atTheEdgeOfTheDay) < 0, "one holiday in 26 costs less than the edge of the day every week");
        Assert.True(SlotRanking.Compare(atTheEdgeInNine, threeHolidaysInNine) < 0, "a third of the sessions on holidays costs more than the edge of the day");
    }

    [Fact]
    public void An_all_day_absence_on_a_holiday_is_a_busy_clash_counted_once()
    {
        // Ben blocks Thanksgiving as an all-day out-of-office event (midnight to midnight on his clock, as Outlook stores it).
        var away = BusyLocal("America/New_York", "2026-11-26T00:00", "2026-11-27T00:00", FreeBusyStatus.OutOfOffice);
        const string from = "2026-11-02T00:00:00Z", to = "2027-01-04T00:00:00Z", thursday = "2026-11-05T15:00:00Z";
        var absentOnly = SlotStartingAt(AllCandidates(Query([BenInNewYork(null, [away]), FinnInLondon(null)], from, to)), thursday);
        var absentOnHoliday = SlotStartingAt(AllCandidates(Query([BenInNewYork(UsHolidays, [away]), FinnInLondon(GbHolidays)], from, to)), thursday);

        Assert.Equal(FreeBusyStatus.OutOfOffice, View(absentOnly.Occurrences[3], "ben@contoso.dev").Conflict);
        Assert.Equal(1, absentOnly.ConflictCount);
        Assert.Equal("Ben Carter is away at that time on 26 Nov 2026.", WarningFor(absentOnly, SlotWarningKind.Conflict, "ben@contoso.dev").Message);
        Assert.Equal(1, absentOnHoliday.ConflictCount);
        Assert.Equal([Date("2026-11-26")], WarningFor(absentOnHoliday, SlotWarningKind.Conflict, "ben@contoso.dev").Dates);
        Assert.Equal([Date("2026-11-26")], WarningFor(absentOnHoliday, SlotWarningKind.PublicHoliday, "ben@contoso.dev").Dates);
        Assert.Equal(absentOnly.Score, absentOnHoliday.Score);
    }

    [Fact]
    public void Without_holidays_no_session_carries_one()
    {
        var query = Query([BenInNewYork([]), FinnInLondon(null)], "2026-11-02T00:00:00Z", "2027-01-04T00:00:00Z");

        var slots = SlotFinder.FindSlots(query).Slots;

        Assert.NotEmpty(slots);
        Assert.All(slots, slot =>
        {
            Assert.Equal(0, slot.HolidayCount);
            Assert.DoesNotContain(slot.Warnings, warning => warning.Kind == SlotWarningKind.PublicHoliday);
        });
    }

    /// <summary>The 0-based position of the series whose first session starts at <paramref name="utc"/> among all candidates, ranked.</summary>
    private static int RankOf(SuggestionQuery query, string utc)
    {
        var ranked = new SlotSearch(query).BestAnchoredCandidates();
        ranked.Sort(SlotRanking.Compare);
        var index = ranked.FindIndex(candidate => candidate.FirstStart == Utc(utc));
        Assert.True(index >= 0, $"no series starts at {utc}");
        return index;
    }
}
