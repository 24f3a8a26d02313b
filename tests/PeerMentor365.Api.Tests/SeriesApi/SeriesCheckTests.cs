using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>
/// The series created is exactly the series asked for, checked session by session before anything is written: a clash
/// or a session outside someone's working hours is a 409 with the warnings until the request accepts them, and a
/// cadence or length other than the agreement's needs the agreement updated in the same request.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SeriesCheckTests(ApiApplication app) : IDisposable
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");
    private static readonly DateTimeZone Seattle = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private readonly SeriesApp _series = new(app);

    [Fact]
    public async Task Sessions_outside_someones_working_hours_are_a_409_listing_each_one_and_nothing_is_written_until_they_are_accepted()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var rowsBefore = (await _series.PairRowsAsync(pairId)).Count;
        var body = Unconfirmed(SeriesApp.Body(SeriesApp.LocalStart("Europe/London", 10, 15), end: new { sessions = 3 }));
        var key = SeriesApp.NewKey();
        app.DevTenant.Requests.Clear();

        using (var refused = await SeriesApp.PostAsync(ana, pairId, body, key))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
            var warning = Assert.Single(problem.GetProperty("warnings").EnumerateArray(), item => item.GetProperty("kind").GetString() == "outsideWorkingHours");
            Assert.Equal(Member.Ben, warning.GetProperty("mail").GetString());
            Assert.Equal(3, warning.GetProperty("dates").GetArrayLength());

            // London 15:00 is 07:00 in Seattle, before Ben's 08:30: every one of the three sessions says so.
            var occurrences = problem.GetProperty("occurrences").EnumerateArray().ToList();
            Assert.Equal(3, occurrences.Count);
            Assert.All(occurrences, occurrence => Assert.Contains(Member.Ben, occurrence.GetProperty("outsideWorkingHours").EnumerateArray().Select(mail => mail.GetString())));
        }

        Assert.DoesNotContain(app.DevTenant.Requests.Snapshot(), request => request.Method != "GET" && !request.Path.EndsWith("/$batch", StringComparison.Ordinal) && !request.Path.EndsWith("/getSchedule", StringComparison.Ordinal));
        Assert.Equal(rowsBefore, (await _series.PairRowsAsync(pairId)).Count);

        body["acceptWarnings"] = true;
        var (series, replayed) = await SeriesApp.CreateAsync(ana, pairId, body, key);
        Assert.False(replayed);
        Assert.Equal(3, series.GetProperty("end").GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task A_session_clashing_with_a_meeting_is_a_409_naming_the_person_and_the_date()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));

        // Ben lunches 12:00-12:45 every weekday (Ana's 17:00, inside her hours).
        var first = NextWeekday(Seattle, 14, IsoDayOfWeek.Tuesday).At(new LocalTime(12, 0));
        var body = Unconfirmed(SeriesApp.Body(Local.Format(first), "America/Los_Angeles", end: new { sessions = 2 }));

        using var refused = await SeriesApp.PostAsync(ana, pairId, body, SeriesApp.NewKey());

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        var conflict = Assert.Single(problem.GetProperty("warnings").EnumerateArray(), item => item.GetProperty("kind").GetString() == "conflict");
        Assert.Equal(Member.Ben, conflict.GetProperty("mail").GetString());
        Assert.Equal(
            [first.Date.ToString("uuuu-MM-dd", null), first.Date.PlusWeeks(2).ToString("uuuu-MM-dd", null)],
            conflict.GetProperty("dates").EnumerateArray().Select(date => date.GetString()));
        var occurrence = problem.GetProperty("occurrences").EnumerateArray().First();
        var clash = Assert.Single(occurrence.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(Member.Ben, clash.GetProperty("mail").GetString());
        Assert.Equal("busy", clash.GetProperty("status").GetString());
        Assert.DoesNotContain(await _series.PairRowsAsync(pairId), row => row.RowKey.StartsWith("e_", StringComparison.Ordinal) || row.RowKey.StartsWith("k_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_on_a_public_holiday_is_a_409_naming_the_holiday_the_person_and_their_date()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));

        // Every two weeks from the next of four US federal holidays that fall on a fixed weekday (so never moved to
        // another day off), 10:00 in Seattle (15:00 in São Paulo): the first session is Ben's day off.
        var (holidayDate, holidayName) = NextFixedWeekdayHoliday(SystemClock.Instance.GetCurrentInstant().InZone(Seattle).Date.PlusDays(2));
        var first = holidayDate.At(new LocalTime(10, 0));
        var body = Unconfirmed(SeriesApp.Body(Local.Format(first), "America/Los_Angeles", end: new { sessions = 2 }));
        var key = SeriesApp.NewKey();

        using (var refused = await SeriesApp.PostAsync(ana, pairId, body, key))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
            var warning = Assert.Single(
                problem.GetProperty("warnings").EnumerateArray(),
                item => item.GetProperty("kind").GetString() == "publicHoliday" && item.GetProperty("mail").GetString() == Member.Ben);
            var date = holidayDate.ToString("uuuu-MM-dd", null);
            Assert.Equal([date], warning.GetProperty("dates").EnumerateArray().Select(item => item.GetString()));
            var holiday = Assert.Single(warning.GetProperty("holidays").EnumerateArray());
            Assert.Equal(date, holiday.GetProperty("date").GetString());
            Assert.Equal(holidayName, holiday.GetProperty("name").GetString());
            Assert.Equal("US", holiday.GetProperty("country").GetString());
            Assert.Contains($"{holidayName} (US)", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await _series.PairRowsAsync(pairId), row => row.RowKey.StartsWith("e_", StringComparison.Ordinal) || row.RowKey.StartsWith("k_", StringComparison.Ordinal));

        // Once accepted, the series is created as asked.
        body["acceptWarnings"] = true;
        var (series, _) = await SeriesApp.CreateAsync(ana, pairId, body, key);
        Assert.Equal(Local.Format(first), series.GetProperty("firstStart").GetString());
    }

    [Fact]
    public async Task A_series_clear_for_everyone_is_created_without_asking()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));

        // Tuesday 10:00 in Seattle, 15:00 in São Paulo: inside both working days, neither calendar has anything then, and
        // neither session is a public holiday in the US or in Brazil (Carnival Tuesday, Christmas, 4 July on a Tuesday...).
        var first = ClearOfHolidays(NextWeekday(Seattle, 120, IsoDayOfWeek.Tuesday)).At(new LocalTime(10, 0));
        var body = Unconfirmed(SeriesApp.Body(Local.Format(first), "America/Los_Angeles", end: new { sessions = 2 }));

        var (series, _) = await SeriesApp.CreateAsync(ana, pairId, body, SeriesApp.NewKey());

        Assert.Equal(Local.Format(first), series.GetProperty("firstStart").GetString());
        Assert.Equal("every2Weeks", series.GetProperty("cadence").GetString());
    }

    [Fact]
    public async Task A_cadence_other_than_the_agreements_is_refused_unless_the_request_updates_the_agreement_with_its_If_Match()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pair = await ana.ActivePairAsync(ben);
        var pairId = Member.IdOf(pair);
        var body = SeriesApp.Body(cadence: "weekly", end: new { sessions = 4 });
        body["durationMinutes"] = 45;
        var key = SeriesApp.NewKey();

        using (var differs = await SeriesApp.PostAsync(ana, pairId, body, key))
        {
            var problem = await ProblemAssert.IsProblemAsync(differs, HttpStatusCode.Conflict);
            Assert.Equal(["cadence", "durationMinutes"], problem.GetProperty("differsFromAgreement").EnumerateArray().Select(field => field.GetString()));
        }

        body["updateAgreement"] = true;
        using (var withoutIfMatch = await SeriesApp.PostAsync(ana, pairId, body, key))
        {
            await ProblemAssert.IsProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired);
        }

        // Ben changes the agreement's purpose meanwhile: Ana's version is stale, and the 412 says what changed.
        var changed = Member.Agreement(purpose: "Grow as engineering leads, and write more");
        var seenByAna = Member.EtagOf(pair);
        pair = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/pairs/{pairId}/agreement", changed, Member.EtagOf(pair));
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{pairId}/accept", null, Member.EtagOf(pair));
        using (var stale = await SeriesApp.PostAsync(ana, pairId, body, key, ifMatch: seenByAna))
        {
            await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        }

        pair = await ana.GetAsync($"/api/pairs/{pairId}");
        Assert.Equal("active", pair.GetProperty("status").GetString());

        using (var created = await SeriesApp.PostAsync(ana, pairId, body, key, ifMatch: Member.EtagOf(pair)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var series = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("weekly", series.GetProperty("cadence").GetString());
            Assert.Equal(45, series.GetProperty("durationMinutes").GetInt32());
        }

        var after = await ana.GetAsync($"/api/pairs/{pairId}");
        Assert.Equal("weekly", after.GetProperty("agreement").GetProperty("cadence").GetString());
        Assert.Equal(45, after.GetProperty("agreement").GetProperty("durationMinutes").GetInt32());
        Assert.Equal("active", after.GetProperty("status").GetString());
        Assert.NotEqual(Member.EtagOf(pair), Member.EtagOf(after));
    }

    private static Dictionary<string, object?> Unconfirmed(Dictionary<string, object?> body)
    {
        body.Remove("acceptWarnings");
        return body;
    }

    /// <summary>The first of <paramref name="tuesday"/> and the Tuesdays after it whose session and the next one (two weeks on) are on no holiday of Ana's or Ben's.</summary>
    private static LocalDate ClearOfHolidays(LocalDate tuesday)
    {
        var around = new Interval(tuesday.AtStartOfDayInZone(Seattle).ToInstant(), tuesday.PlusWeeks(30).AtStartOfDayInZone(Seattle).ToInstant());
        var holidays = Suggestions.PublicHolidays.Around(Seattle, around)
            .Concat(Suggestions.PublicHolidays.Around(DateTimeZoneProviders.Tzdb["America/Sao_Paulo"], around))
            .Select(holiday => holiday.Date)
            .ToHashSet();
        while (holidays.Contains(tuesday) || holidays.Contains(tuesday.PlusWeeks(2)))
        {
            tuesday = tuesday.PlusWeeks(1);
        }

        return tuesday;
    }

    /// <summary>The first <paramref name="day"/> at least <paramref name="days"/> days from today in <paramref name="zone"/>.</summary>
    private static LocalDate NextWeekday(DateTimeZone zone, int days, IsoDayOfWeek day)
    {
        var date = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date.PlusDays(days);
        return date.DayOfWeek == day ? date : date.Next(day);
    }

    /// <summary>
    /// The first on or after <paramref name="date"/> of Martin Luther King Day (third Monday of January), Memorial Day (last
    /// Monday of May), Labor Day (first Monday of September) and Thanksgiving (fourth Thursday of November).
    /// </summary>
    private static (LocalDate Date, string Name) NextFixedWeekdayHoliday(LocalDate date)
    {
        static LocalDate Nth(int year, int month, IsoDayOfWeek day, int n) => new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(day)).PlusWeeks(n - 1);
        return Enumerable.Range(date.Year, 2)
            .SelectMany(year => new[]
            {
                (Date: Nth(year, 1, IsoDayOfWeek.Monday, 3), Name: "Martin Luther King Day"),
                (Date: new LocalDate(year, 5, 31).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)), Name: "Memorial Day"),
                (Date: Nth(year, 9, IsoDayOfWeek.Monday, 1), Name: "Labor Day"),
                (Date: Nth(year, 11, IsoDayOfWeek.Thursday, 4), Name: "Thanksgiving"),
            })
            .Where(holiday => holiday.Date >= date)
            .MinBy(holiday => holiday.Date);
    }

    public void Dispose() => _series.Dispose();
}
