using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>
/// GET /api/agenda/lookup: the pane recognises a session of one of our series from any copy of the Outlook item
/// (organizer's or attendee's, occurrence, exception or series master) through Graph, and anything else is no match.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SessionLookupTests(ApiApplication app) : IDisposable
{
    private readonly SeriesWorld _world = new(app);

    [Fact]
    public async Task The_organizers_and_an_attendees_copy_of_an_occurrence_are_the_same_session()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var (from, to) = (_world.Clock.Now, _world.Clock.Now.AddDays(22));
        var anaCopies = await _world.OccurrencesAsync(Member.Ana, series, from, to);
        var benCopies = await _world.OccurrencesAsync(Member.Ben, series, from, to);

        var anaFirst = await SeriesWorld.LookUpAsync(ana, Member.IdOf(anaCopies[0]));
        var benFirst = await SeriesWorld.LookUpAsync(ben, Member.IdOf(benCopies[0]));
        var anaSecond = await SeriesWorld.LookUpAsync(ana, Member.IdOf(anaCopies[1]));
        var benSecond = await SeriesWorld.LookUpAsync(ben, Member.IdOf(benCopies[1]));
        var benThird = await SeriesWorld.LookUpAsync(ben, Member.IdOf(benCopies[2]));

        Assert.NotEqual(Member.IdOf(anaCopies[1]), Member.IdOf(benCopies[1]));
        Assert.All([anaFirst, benFirst, anaSecond, benSecond, benThird], answer =>
        {
            Assert.True(answer.GetProperty("match").GetBoolean());
            Assert.Equal(series.PairId, answer.GetProperty("pairId").GetString());
            Assert.Equal(series.SeriesId, answer.GetProperty("seriesId").GetString());
        });
        Assert.Equal(series.FirstSessionId, anaFirst.GetProperty("sessionId").GetString());
        Assert.Equal(series.FirstSessionId, benFirst.GetProperty("sessionId").GetString());
        Assert.Equal(anaSecond.GetProperty("sessionId").GetString(), benSecond.GetProperty("sessionId").GetString());
        Assert.NotEqual(series.FirstSessionId, anaSecond.GetProperty("sessionId").GetString());
        Assert.NotEqual(anaSecond.GetProperty("sessionId").GetString(), benThird.GetProperty("sessionId").GetString());

        // The session made by the look-up is a real session of the pair, at the occurrence's time, with the next turn.
        var agenda = await ben.GetAsync($"/api/pairs/{series.PairId}/sessions/{benSecond.GetProperty("sessionId").GetString()}/agenda");
        var first = await ben.GetAsync($"/api/pairs/{series.PairId}/sessions/{series.FirstSessionId}/agenda");
        Assert.Equal(benCopies[1].GetProperty("originalStart").GetDateTimeOffset(), agenda.GetProperty("session").GetProperty("start").GetDateTimeOffset());
        Assert.NotEqual(first.GetProperty("session").GetProperty("focusUserId").GetString(), agenda.GetProperty("session").GetProperty("focusUserId").GetString());
    }

    [Fact]
    public async Task An_occurrence_moved_in_outlook_is_an_exception_that_keeps_its_session()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var (from, to) = (_world.Clock.Now, _world.Clock.Now.AddDays(22));
        var before = (await _world.OccurrencesAsync(Member.Ben, series, from, to))[2];
        var sessionBefore = (await SeriesWorld.LookUpAsync(ben, Member.IdOf(before))).GetProperty("sessionId").GetString();
        var organizerCopy = (await _world.OccurrencesAsync(Member.Ana, series, from, to))[2];

        var movedTo = organizerCopy.GetProperty("originalStart").GetDateTimeOffset().AddDays(1).AddHours(2);
        await _world.MoveOccurrenceAsync(Member.Ana, Member.IdOf(organizerCopy), movedTo, TimeSpan.FromHours(1));
        var anaMoved = (await _world.OccurrencesAsync(Member.Ana, series, from, to.AddDays(2))).Single(o => o.GetProperty("type").GetString() == "exception");
        var benMoved = (await _world.OccurrencesAsync(Member.Ben, series, from, to.AddDays(2))).Single(o => o.GetProperty("type").GetString() == "exception");
        var anaAnswer = await SeriesWorld.LookUpAsync(ana, Member.IdOf(anaMoved));
        var benAnswer = await SeriesWorld.LookUpAsync(ben, Member.IdOf(benMoved));

        Assert.True(anaAnswer.GetProperty("match").GetBoolean());
        Assert.Equal(sessionBefore, anaAnswer.GetProperty("sessionId").GetString());
        Assert.Equal(sessionBefore, benAnswer.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task A_series_master_item_is_the_next_session_in_one_graph_round_trip_and_an_occurrence_in_two()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var benOccurrence = (await _world.OccurrencesAsync(Member.Ben, series, _world.Clock.Now, _world.Clock.Now.AddDays(9)))[1];

        var (masterAnswer, masterTrips) = await CountGraphAsync(() => SeriesWorld.LookUpAsync(ben, _world.MasterIdIn(Member.Ben, series)));
        var (_, occurrenceTrips) = await CountGraphAsync(() => SeriesWorld.LookUpAsync(ben, Member.IdOf(benOccurrence)));
        // A week on, the first session is over: the master stands for the second one.
        _world.Clock.Now = benOccurrence.GetProperty("originalStart").GetDateTimeOffset().AddDays(-1);
        var laterAnswer = await SeriesWorld.LookUpAsync(ana, series.MasterId);
        var secondSession = (await SeriesWorld.LookUpAsync(ben, Member.IdOf(benOccurrence))).GetProperty("sessionId").GetString();

        Assert.True(masterAnswer.GetProperty("match").GetBoolean());
        Assert.Equal(series.FirstSessionId, masterAnswer.GetProperty("sessionId").GetString());
        Assert.Equal(1, masterTrips);
        Assert.Equal(2, occurrenceTrips);
        Assert.Equal(secondSession, laterAnswer.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task A_foreign_meeting_an_unknown_item_and_someone_outside_the_pair_are_no_match()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var chloe = _world.As(Member.Chloe);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var occurrence = (await _world.OccurrencesAsync(Member.Ana, series, _world.Clock.Now, _world.Clock.Now.AddDays(9)))[0];
        var foreign = await _world.ForeignMeetingAsync(Member.Ana, Member.Ben);
        var benForeign = app.DevTenant.EventsIn(Member.Ben).Single(e => e.Subject == "Quarterly planning" && !e.IsOrganizer).Id;

        var answers = new[]
        {
            await SeriesWorld.LookUpAsync(ana, foreign),
            await SeriesWorld.LookUpAsync(ben, benForeign),
            await SeriesWorld.LookUpAsync(ana, "AAMkAGI2TG93AAA-unknown_item_id="),
            await SeriesWorld.LookUpAsync(chloe, Member.IdOf(occurrence)),
            await SeriesWorld.LookUpAsync(chloe, series.MasterId),
        };

        Assert.All(answers, answer => Assert.Equal("""{"match":false}""", answer.GetRawText()));
    }

    [Fact]
    public async Task An_item_in_another_pairs_series_is_no_match_for_a_member_of_a_different_pair()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var chloe = _world.As(Member.Chloe);
        var series = await _world.CreateSeriesAsync(ana, ben);
        await ana.ActivePairAsync(chloe);
        var mine = await _world.CreateSeriesAsync(chloe, ana);
        var chloeOwn = (await _world.OccurrencesAsync(Member.Chloe, mine, _world.Clock.Now, _world.Clock.Now.AddDays(9)))[0];
        var anaInBens = (await _world.OccurrencesAsync(Member.Ana, series, _world.Clock.Now, _world.Clock.Now.AddDays(9)))[0];

        var chloeInHers = await SeriesWorld.LookUpAsync(chloe, Member.IdOf(chloeOwn));
        var chloeInTheirs = await SeriesWorld.LookUpAsync(chloe, Member.IdOf(anaInBens));

        Assert.Equal(mine.PairId, chloeInHers.GetProperty("pairId").GetString());
        Assert.Equal("""{"match":false}""", chloeInTheirs.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAMk AGI2")]
    [InlineData("AAMk%2FAGI2'")]
    [InlineData("../../me/messages")]
    [InlineData(null)]
    public async Task A_malformed_item_id_is_a_400_naming_itemId(string? itemId)
    {
        var ana = _world.As(Member.Ana);
        var path = itemId is null ? "/api/agenda/lookup" : "/api/agenda/lookup?itemId=" + Uri.EscapeDataString(itemId);

        using var response = await ana.SendAsync(HttpMethod.Get, path);
        using var tooLong = await ana.SendAsync(HttpMethod.Get, "/api/agenda/lookup?itemId=" + new string('A', 513));
        using var anonymous = await _world.Isolated.As(null).SendAsync(HttpMethod.Get, "/api/agenda/lookup?itemId=AAMk");

        await ProblemAssert.IsValidationProblemAsync(response, "itemId");
        await ProblemAssert.IsValidationProblemAsync(tooLong, "itemId");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    public void Dispose() => _world.Dispose();

    private async Task<(JsonElement Answer, int GraphRequests)> CountGraphAsync(Func<Task<JsonElement>> call)
    {
        var before = app.DevTenant.Requests.Snapshot().Count;
        var watch = Stopwatch.StartNew();
        var answer = await call();
        watch.Stop();
        var requests = app.DevTenant.Requests.Snapshot().Skip(before).Count(r => !r.IsBatchItem);
        Console.WriteLine($"lookup: {requests} Graph round trips, {watch.Elapsed.TotalMilliseconds:0.0} ms");
        return (answer, requests);
    }
}
