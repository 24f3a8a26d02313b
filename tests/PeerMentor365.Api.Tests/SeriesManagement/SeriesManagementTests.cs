using System.Net;
using System.Text.Json;
using NodaTime;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SeriesManagement;

/// <summary>
/// Managing a series over real HTTP against the dev tenant (docs/series-api.md, "Managing a series"): what each member's
/// own calendar shows after a change is read back through Graph, never taken from our own answer.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SeriesManagementTests(ApiApplication app) : IDisposable
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private readonly ManagementApp _app = new(app);

    [Fact]
    public async Task Each_member_lists_the_occurrences_of_their_own_calendar_with_their_own_ids_and_the_same_sessions()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);

        var mine = await ManagementApp.OccurrencesAsync(ana, pairId, series);
        var theirs = await ManagementApp.OccurrencesAsync(ben, pairId, series);

        Assert.Equal(6, mine.Count);
        Assert.Equal(6, theirs.Count);
        Assert.Equal(mine.Select(item => item.GetProperty("originalStart").GetString()), theirs.Select(item => item.GetProperty("originalStart").GetString()));
        Assert.Equal(mine.Select(item => item.GetProperty("start").GetString()), theirs.Select(item => item.GetProperty("start").GetString()));
        Assert.Empty(mine.Select(item => item.GetProperty("id").GetString()).Intersect(theirs.Select(item => item.GetProperty("id").GetString())));
        Assert.Equal(mine.Select(item => item.GetProperty("sessionId").GetString()), theirs.Select(item => item.GetProperty("sessionId").GetString()));
        Assert.Equal(series.GetProperty("firstSession").GetProperty("id").GetString(), mine[0].GetProperty("sessionId").GetString());
        Assert.All(mine, item => Assert.False(item.GetProperty("isException").GetBoolean()));
        Assert.Equal(
            LocalTimePolicyStart(series, 0),
            ManagementApp.At(mine[0], "start"));
        Assert.Equal(Duration.FromMinutes(60), ManagementApp.At(mine[0], "end") - ManagementApp.At(mine[0], "start"));
    }

    [Fact]
    public async Task Rescheduling_the_series_into_warnings_is_a_409_that_changes_nothing_and_with_acceptWarnings_moves_it_in_every_calendar()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var before = await ManagementApp.OccurrencesAsync(ben, pairId, series);
        var newFirst = Today().PlusDays(11).At(new LocalTime(3, 0));
        var body = new Dictionary<string, object?> { ["firstStart"] = newFirst.ToString("yyyy-MM-dd'T'HH:mm:ss", null), ["cadence"] = "weekly" };

        using (var refused = await ana.SendAsync(HttpMethod.Patch, ManagementApp.Path(pairId, series), body, Member.EtagOf(series)))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
            var warnings = problem.GetProperty("warnings").EnumerateArray().ToList();
            Assert.Contains(warnings, warning => warning.GetProperty("kind").GetString() == "outsideWorkingHours" && warning.GetProperty("mail").GetString() == Member.Ben);
            Assert.All(warnings, warning => Assert.False(string.IsNullOrEmpty(warning.GetProperty("message").GetString())));
        }

        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ben, pairId, series));
        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ana, pairId, series), compareIds: false);
        Assert.Equal(Member.EtagOf(series), Member.EtagOf(await ana.GetAsync(ManagementApp.Path(pairId, series))));

        body["acceptWarnings"] = true;
        var moved = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, ManagementApp.Path(pairId, series), body, Member.EtagOf(series));

        Assert.Equal("weekly", moved.GetProperty("cadence").GetString());
        Assert.Equal(newFirst.ToString("yyyy-MM-dd'T'HH:mm:ss", null), moved.GetProperty("firstStart").GetString());
        Assert.NotEqual(Member.EtagOf(series), Member.EtagOf(moved));
        var expected = Enumerable.Range(0, 6).Select(week => newFirst.PlusWeeks(week).InZoneLeniently(London).ToInstant()).ToList();
        foreach (var member in new[] { ana, ben })
        {
            var now = await ManagementApp.OccurrencesAsync(member, pairId, series);
            Assert.Equal(expected, now.Select(item => ManagementApp.At(item, "start")));
        }

        // The old etag no longer matches: a second change with it is refused and changes nothing.
        using var stale = await ana.SendAsync(HttpMethod.Patch, ManagementApp.Path(pairId, series), body, Member.EtagOf(series));
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Rescheduling_one_occurrence_makes_an_exception_in_every_calendar_keeps_the_others_and_the_session_id()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var before = await ManagementApp.OccurrencesAsync(ana, pairId, series);
        var benBefore = await ManagementApp.OccurrencesAsync(ben, pairId, series);
        var second = before[1];
        var earlyMorning = ManagementApp.At(second, "start").InZone(London).Date.At(new LocalTime(3, 0)).InZoneLeniently(London).ToInstant();
        var later = ManagementApp.At(second, "start") + Duration.FromHours(2);

        using (var refused = await ana.SendAsync(HttpMethod.Post, ManagementApp.Path(pairId, series, "/occurrences/reschedule"),
            new { occurrenceId = second.GetProperty("id").GetString(), start = Format(earlyMorning) }))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.NotEmpty(problem.GetProperty("warnings").EnumerateArray());
        }

        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ana, pairId, series));

        var answer = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, ManagementApp.Path(pairId, series, "/occurrences/reschedule"),
            new { occurrenceId = second.GetProperty("id").GetString(), start = Format(later), acceptWarnings = true });
        Assert.True(answer.GetProperty("isException").GetBoolean());
        Assert.Equal(second.GetProperty("sessionId").GetString(), answer.GetProperty("sessionId").GetString());

        foreach (var (member, old) in new[] { (ana, before), (ben, benBefore) })
        {
            var now = await ManagementApp.OccurrencesAsync(member, pairId, series);
            Assert.Equal(6, now.Count);
            Assert.Equal(later, ManagementApp.At(now[1], "start"));
            Assert.Equal(later + Duration.FromHours(1), ManagementApp.At(now[1], "end"));
            Assert.True(now[1].GetProperty("isException").GetBoolean());
            Assert.Equal(old[1].GetProperty("originalStart").GetString(), now[1].GetProperty("originalStart").GetString());
            Assert.Equal(old[1].GetProperty("sessionId").GetString(), now[1].GetProperty("sessionId").GetString());
            foreach (var index in new[] { 0, 2, 3, 4, 5 })
            {
                Assert.Equal(old[index].GetProperty("start").GetString(), now[index].GetProperty("start").GetString());
                Assert.False(now[index].GetProperty("isException").GetBoolean());
            }
        }
    }

    [Fact]
    public async Task Moving_the_first_occurrence_moves_its_session_row_which_keeps_its_id()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var first = (await ManagementApp.OccurrencesAsync(ana, pairId, series))[0];
        var later = ManagementApp.At(first, "start") + Duration.FromMinutes(90);

        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, ManagementApp.Path(pairId, series, "/occurrences/reschedule"),
            new { occurrenceId = first.GetProperty("id").GetString(), start = Format(later), acceptWarnings = true });

        var sessions = await ben.GetAsync($"/api/pairs/{pairId}/sessions");
        var session = Assert.Single(sessions.GetProperty("sessions").EnumerateArray(), item => item.GetProperty("id").GetString() == series.GetProperty("firstSession").GetProperty("id").GetString());
        Assert.Equal(later, ManagementApp.At(session, "start"));
        Assert.Equal(later + Duration.FromHours(1), ManagementApp.At(session, "end"));
    }

    [Fact]
    public async Task Moving_an_occurrence_onto_its_neighbours_day_is_a_400_naming_start_and_changes_nothing()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var before = await ManagementApp.OccurrencesAsync(ana, pairId, series);
        var ontoNext = ManagementApp.At(before[3], "start") + Duration.FromHours(1);

        using var response = await ana.SendAsync(HttpMethod.Post, ManagementApp.Path(pairId, series, "/occurrences/reschedule"),
            new { occurrenceId = before[2].GetProperty("id").GetString(), start = Format(ontoNext), acceptWarnings = true });

        await ProblemAssert.IsValidationProblemAsync(response, "start");
        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ana, pairId, series));
        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ben, pairId, series), compareIds: false);
    }

    [Fact]
    public async Task Cancelling_one_occurrence_removes_it_from_every_calendar_with_the_comment()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var before = await ManagementApp.OccurrencesAsync(ana, pairId, series);
        var third = before[2];
        const string comment = "Public holiday <here> & there: see you in two weeks.";

        var answer = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, ManagementApp.Path(pairId, series, "/occurrences/cancel"),
            new { occurrenceId = third.GetProperty("id").GetString(), comment });

        Assert.Equal(third.GetProperty("originalStart").GetString(), answer.GetProperty("originalStart").GetString());
        foreach (var member in new[] { ana, ben })
        {
            var now = await ManagementApp.OccurrencesAsync(member, pairId, series);
            Assert.Equal(5, now.Count);
            Assert.DoesNotContain(now, item => item.GetProperty("originalStart").GetString() == third.GetProperty("originalStart").GetString());
        }

        var iCalUId = series.GetProperty("event").GetProperty("iCalUId").GetString();
        var organizerCopy = Assert.Single(_app.Tenant.EventsIn(Member.Ana), item => item.ICalUId == iCalUId);
        Assert.Equal(comment, organizerCopy.LastCancellationComment);
        var cancelledDate = ManagementApp.At(third, "originalStart").InZone(London).Date;
        Assert.Contains(new DateOnly(cancelledDate.Year, cancelledDate.Month, cancelledDate.Day), organizerCopy.CancelledOccurrences);
    }

    [Fact]
    public async Task Ending_keeps_the_held_sessions_puts_the_message_on_top_of_the_invite_and_a_second_end_is_a_409()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var from = DateTimeOffset.UtcNow;
        var before = await ManagementApp.OccurrencesAsync(ana, pairId, series, from);
        _app.Clock.Now = ManagementApp.At(before[1], "start").Plus(Duration.FromMinutes(10)).ToDateTimeOffset();
        const string message = "Thank you both <b>for</b> six months & more — let's celebrate.";

        var ended = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, ManagementApp.Path(pairId, series, "/end"), new { message }, Member.EtagOf(series));

        Assert.Equal("ended", ended.GetProperty("status").GetString());
        Assert.Equal(message, ended.GetProperty("endMessage").GetString());
        Assert.False(string.IsNullOrEmpty(ended.GetProperty("endedAt").GetString()));
        foreach (var member in new[] { ana, ben })
        {
            var now = await ManagementApp.OccurrencesAsync(member, pairId, series, from);
            Assert.Equal(before.Take(2).Select(item => item.GetProperty("originalStart").GetString()), now.Select(item => item.GetProperty("originalStart").GetString()));
        }

        var invite = await _app.GraphEventAsync(Member.Ben, await _app.CopyIdAsync(Member.Ben, series.GetProperty("event").GetProperty("iCalUId").GetString()!), "body");
        var html = invite.GetProperty("body").GetProperty("content").GetString()!;
        var joinUrl = series.GetProperty("event").GetProperty("joinUrl").GetString()!;
        var agenda = series.GetProperty("firstSession").GetProperty("agendaPage").GetProperty("webUrl").GetString()!;
        Assert.True(html.Contains(joinUrl, StringComparison.Ordinal) || html.Contains(WebUtility.HtmlEncode(joinUrl), StringComparison.Ordinal), "the Teams join link is gone");
        Assert.Contains(WebUtility.HtmlEncode(agenda), html, StringComparison.Ordinal);
        var encoded = WebUtility.HtmlEncode(message);
        Assert.Contains(encoded, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>for</b>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(encoded, StringComparison.Ordinal) < html.IndexOf(WebUtility.HtmlEncode(agenda), StringComparison.Ordinal), "the message is not on top");

        await foreach (var row in _app.Table("SeriesIndex").QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {"active"}")))
        {
            Assert.NotEqual(Member.IdOf(series), row.GetString("SeriesId"));
        }

        using var again = await ana.SendAsync(HttpMethod.Post, ManagementApp.Path(pairId, series, "/end"), new { message = "Once more" }, Member.EtagOf(ended));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Ending_before_any_session_was_held_cancels_the_series_in_every_calendar()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var iCalUId = series.GetProperty("event").GetProperty("iCalUId").GetString();
        Assert.Contains(_app.Tenant.EventsIn(Member.Ben), item => item.ICalUId == iCalUId);

        var ended = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, ManagementApp.Path(pairId, series, "/end"),
            new { message = "Our plans changed; thank you." }, Member.EtagOf(series));

        Assert.Equal("ended", ended.GetProperty("status").GetString());
        Assert.DoesNotContain(_app.Tenant.EventsIn(Member.Ana), item => item.ICalUId == iCalUId);
        Assert.DoesNotContain(_app.Tenant.EventsIn(Member.Ben), item => item.ICalUId == iCalUId);
        Assert.Empty(await ManagementApp.OccurrencesAsync(ben, pairId, series));
        Assert.Empty(await ManagementApp.OccurrencesAsync(ana, pairId, series));
    }

    [Fact]
    public async Task An_attendee_may_read_but_every_change_is_a_403_and_changes_nothing()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var before = await ManagementApp.OccurrencesAsync(ben, pairId, series);
        var occurrenceId = before[1].GetProperty("id").GetString();
        var etag = Member.EtagOf(series);

        (HttpMethod Method, string Tail, object Body)[] changes =
        [
            (HttpMethod.Patch, string.Empty, new { firstStart = SeriesApi.SeriesApp.LocalStart("Europe/London", 12, 16), acceptWarnings = true }),
            (HttpMethod.Post, "/occurrences/reschedule", new { occurrenceId, start = Format(ManagementApp.At(before[1], "start") + Duration.FromHours(1)), acceptWarnings = true }),
            (HttpMethod.Post, "/occurrences/cancel", new { occurrenceId, comment = "no" }),
            (HttpMethod.Post, "/end", new { message = "bye" }),
        ];
        foreach (var (method, tail, body) in changes)
        {
            using var response = await ben.SendAsync(method, ManagementApp.Path(pairId, series, tail), body, etag);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        }

        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ben, pairId, series));
        Assert.Equal(etag, Member.EtagOf(await ben.GetAsync(ManagementApp.Path(pairId, series))));
        using var chloe = _app.As(Member.Chloe);
        using var stranger = await chloe.SendAsync(HttpMethod.Get, ManagementApp.Path(pairId, series, "/occurrences"));
        await ProblemAssert.IsProblemAsync(stranger, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "reschedule series: firstStart with an offset", "firstStart" },
        { "reschedule series: firstStart in the past", "firstStart" },
        { "reschedule series: unknown zone", "anchorTimeZone" },
        { "reschedule series: acceptWarnings not a boolean", "acceptWarnings" },
        { "reschedule series: bad duration", "durationMinutes" },
        { "reschedule occurrence: start missing", "start" },
        { "reschedule occurrence: start local", "start" },
        { "reschedule occurrence: start in the past", "start" },
        { "reschedule occurrence: occurrenceId missing", "occurrenceId" },
        { "cancel: comment too long", "comment" },
        { "cancel: occurrenceId missing", "occurrenceId" },
        { "end: empty message", "message" },
        { "end: message too long", "message" },
        { "list: from not an instant", "from" },
        { "list: to before from", "to" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing(string name, string field)
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben, sessions: 3);
        var before = await ManagementApp.OccurrencesAsync(ana, pairId, series);
        var id = before[1].GetProperty("id").GetString();
        var later = Format(ManagementApp.At(before[1], "start") + Duration.FromHours(1));
        var etag = Member.EtagOf(series);
        (HttpMethod Method, string Tail, object? Body) request = name switch
        {
            "reschedule series: firstStart with an offset" => (HttpMethod.Patch, string.Empty, new { firstStart = SeriesApi.SeriesApp.LocalStart("Europe/London", 12, 16) + "Z", acceptWarnings = true }),
            "reschedule series: firstStart in the past" => (HttpMethod.Patch, string.Empty, new { firstStart = SeriesApi.SeriesApp.LocalStart("Europe/London", -2, 16), acceptWarnings = true }),
            "reschedule series: unknown zone" => (HttpMethod.Patch, string.Empty, new { firstStart = SeriesApi.SeriesApp.LocalStart("Europe/London", 12, 16), anchorTimeZone = "Mars/Base", acceptWarnings = true }),
            "reschedule series: acceptWarnings not a boolean" => (HttpMethod.Patch, string.Empty, new { firstStart = SeriesApi.SeriesApp.LocalStart("Europe/London", 12, 16), acceptWarnings = "yes" }),
            "reschedule series: bad duration" => (HttpMethod.Patch, string.Empty, new { firstStart = SeriesApi.SeriesApp.LocalStart("Europe/London", 12, 16), durationMinutes = 47, acceptWarnings = true }),
            "reschedule occurrence: start missing" => (HttpMethod.Post, "/occurrences/reschedule", new { occurrenceId = id, acceptWarnings = true }),
            "reschedule occurrence: start local" => (HttpMethod.Post, "/occurrences/reschedule", new { occurrenceId = id, start = later.TrimEnd('Z'), acceptWarnings = true }),
            "reschedule occurrence: start in the past" => (HttpMethod.Post, "/occurrences/reschedule", new { occurrenceId = id, start = Format(SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(1)), acceptWarnings = true }),
            "reschedule occurrence: occurrenceId missing" => (HttpMethod.Post, "/occurrences/reschedule", new { start = later, acceptWarnings = true }),
            "cancel: comment too long" => (HttpMethod.Post, "/occurrences/cancel", new { occurrenceId = id, comment = new string('x', 1001) }),
            "cancel: occurrenceId missing" => (HttpMethod.Post, "/occurrences/cancel", new { comment = "hi" }),
            "end: empty message" => (HttpMethod.Post, "/end", new { message = "" }),
            "end: message too long" => (HttpMethod.Post, "/end", new { message = new string('m', 2001) }),
            "list: from not an instant" => (HttpMethod.Get, "/occurrences?from=tomorrow", null),
            "list: to before from" => (HttpMethod.Get, $"/occurrences?from={ManagementApp.Wire(DateTimeOffset.UtcNow.AddDays(5))}&to={ManagementApp.Wire(DateTimeOffset.UtcNow.AddDays(1))}", null),
            _ => throw new ArgumentException(name),
        };

        using var response = await ana.SendAsync(request.Method, ManagementApp.Path(pairId, series, request.Tail), request.Body, etag);

        await ProblemAssert.IsValidationProblemAsync(response, field);
        AssertSameTimes(before, await ManagementApp.OccurrencesAsync(ana, pairId, series));
        var now = await ana.GetAsync(ManagementApp.Path(pairId, series));
        Assert.Equal(etag, Member.EtagOf(now));
        Assert.Equal("active", now.GetProperty("status").GetString());
        var iCalUId = series.GetProperty("event").GetProperty("iCalUId").GetString();
        var organizerCopy = Assert.Single(_app.Tenant.EventsIn(Member.Ana), item => item.ICalUId == iCalUId);
        Assert.Null(organizerCopy.LastCancellationComment);
        Assert.Empty(organizerCopy.CancelledOccurrences);
    }

    [Fact]
    public async Task An_occurrence_of_another_series_is_not_found_here()
    {
        using var ana = _app.As(Member.Ana);
        using var ben = _app.As(Member.Ben);
        using var chloe = _app.As(Member.Chloe);
        var (pairId, series) = await ManagementApp.SeriesAsync(ana, ben);
        var (otherPairId, other) = await ManagementApp.SeriesAsync(ana, chloe);
        var foreign = (await ManagementApp.OccurrencesAsync(ana, otherPairId, other))[1];

        using var response = await ana.SendAsync(HttpMethod.Post, ManagementApp.Path(pairId, series, "/occurrences/cancel"),
            new { occurrenceId = foreign.GetProperty("id").GetString() });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(6, (await ManagementApp.OccurrencesAsync(chloe, otherPairId, other)).Count);
    }

    public void Dispose() => _app.Dispose();

    private static LocalDate Today() => SystemClock.Instance.GetCurrentInstant().InZone(London).Date;

    private static Instant LocalTimePolicyStart(JsonElement series, int weeks) =>
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss").Parse(series.GetProperty("firstStart").GetString()!).Value
            .PlusWeeks(weeks).InZoneLeniently(London).ToInstant();

    private static string Format(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    private static void AssertSameTimes(IReadOnlyList<JsonElement> before, IReadOnlyList<JsonElement> after, bool compareIds = true)
    {
        Assert.Equal(before.Count, after.Count);
        for (var index = 0; index < before.Count; index++)
        {
            Assert.Equal(before[index].GetProperty("start").GetString(), after[index].GetProperty("start").GetString());
            Assert.Equal(before[index].GetProperty("end").GetString(), after[index].GetProperty("end").GetString());
            Assert.Equal(before[index].GetProperty("isException").GetBoolean(), after[index].GetProperty("isException").GetBoolean());
            if (compareIds)
            {
                Assert.Equal(before[index].GetProperty("id").GetString(), after[index].GetProperty("id").GetString());
            }
        }
    }
}
