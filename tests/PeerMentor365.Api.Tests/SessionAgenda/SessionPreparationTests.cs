using System.Net;
using System.Text.Json;
using Azure;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.OneNote;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>
/// The nightly preparation against the dev tenant and Azurite: every session due in the next 48 hours gets exactly one
/// agenda page (run twice, run on two instances at once, crash half-way and run again), carrying the still-open
/// commitments as to-do items, and a session moved in Outlook keeps its identity, page and commitments.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SessionPreparationTests(ApiApplication app) : IDisposable
{
    private readonly SeriesWorld _world = new(app);

    [Fact]
    public async Task The_next_session_gets_one_page_with_the_open_commitments_as_to_dos_and_a_second_run_leaves_it_alone()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var pairPath = $"/api/pairs/{series.PairId}";
        var anaOpen = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Draft the RFC & send it <today>", sessionId = series.FirstSessionId });
        var benOpen = await ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Ask Priya about the on-call rota" });
        var benDone = await ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Read the incident review" });
        var anaDropped = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Shadow the architecture board" });
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{pairPath}/commitments/{Member.IdOf(benDone)}", new { status = "done" }, Member.EtagOf(benDone));
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{pairPath}/commitments/{Member.IdOf(anaDropped)}", new { status = "dropped" }, Member.EtagOf(anaDropped));
        var second = await MoveClockBeforeSessionAsync(series, 1);

        var first = await RunAsync();
        var (_, _, againBody) = await PrepareSessionsFunctionTests.InvokeAsync(_world.Isolated.Api, PrepareSessionsFunctionTests.HostPayload());
        var again = JsonDocument.Parse(againBody).RootElement.GetProperty("ReturnValue");

        // What goes to the host's invocation log and the app's own log: counts, never a name or a commitment's text.
        var logged = string.Join("\n", _world.Isolated.Api.Logs.Lines) + againBody;
        Assert.All(
            ["Draft the RFC", "Priya about", "incident review", "Ana Souza", "Ben Carter", "Peer mentoring", series.PairId, series.SeriesId],
            text => Assert.DoesNotContain(text, logged, StringComparison.Ordinal));
        Assert.Equal((1, 1, 1, 0), (first.GetProperty("series").GetInt32(), first.GetProperty("sessions").GetInt32(), first.GetProperty("pagesCreated").GetInt32(), first.GetProperty("sessionsFailed").GetInt32()));
        Assert.Equal((1, 0, 1), (again.GetProperty("sessions").GetInt32(), again.GetProperty("pagesCreated").GetInt32(), again.GetProperty("pagesAlreadyReady").GetInt32()));
        var pages = _world.PagesOf(series);
        Assert.Equal(2, pages.Count);
        var sessionId = (await SeriesWorld.LookUpAsync(ana, Member.IdOf(second))).GetProperty("sessionId").GetString()!;
        var agenda = await ben.GetAsync($"{pairPath}/sessions/{sessionId}/agenda");
        var page = pages.Single(p => p.Id == agenda.GetProperty("session").GetProperty("agendaPage").GetProperty("id").GetString());
        Assert.Equal("Peer mentoring – " + second.GetProperty("originalStart").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), page.Title);
        Assert.Equal(
            new[] { Member.IdOf(anaOpen), Member.IdOf(benOpen) }.Order(StringComparer.Ordinal),
            ToDoIds(page.Html).Where(id => id.StartsWith("c_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("Draft the RFC &amp; send it &lt;today&gt;", page.Html, StringComparison.Ordinal);
        Assert.Contains("Ask Priya about the on-call rota", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Read the incident review", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Shadow the architecture board", page.Html, StringComparison.Ordinal);
        // The session after it has no row yet: its planned start comes from the series.
        Assert.Equal(second.GetProperty("originalStart").GetDateTimeOffset().AddDays(7), agenda.GetProperty("nextSession").GetProperty("start").GetDateTimeOffset());
        var focusName = agenda.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetString() == agenda.GetProperty("session").GetProperty("focusUserId").GetString()).GetProperty("displayName").GetString()!;
        Assert.Contains(AgendaPageTests.Parse(page.Html).Descendants("p"), p => p.Value == $"{Bidi.Isolated(focusName)} takes the focus this time.");
    }

    [Fact]
    public async Task Two_preparations_at_once_make_exactly_one_page_per_session()
    {
        var created = new[]
        {
            await _world.CreateSeriesAsync(_world.As(Member.Ana), _world.As(Member.Ben)),
            await _world.CreateSeriesAsync(_world.As(Member.Chloe), _world.As(Member.Dev)),
            await _world.CreateSeriesAsync(_world.As(Member.Emma), _world.As(Member.Finn)),
        };
        await MoveClockBeforeSessionAsync(created[0], 1);

        var runs = await Task.WhenAll(RunAsync(), RunAsync());

        Assert.All(created, series => Assert.Equal(2, _world.PagesOf(series).Count));
        Assert.Equal(3, runs.Sum(run => run.GetProperty("pagesCreated").GetInt32()));
        Assert.All(runs, run => Assert.Equal(3, run.GetProperty("sessions").GetInt32()));
        Assert.All(runs, run => Assert.Equal(0, run.GetProperty("sessionsFailed").GetInt32()));
    }

    [Fact]
    public async Task A_run_that_lost_its_page_answer_is_recovered_by_title_once_its_claim_lapses()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var second = await MoveClockBeforeSessionAsync(series, 1);

        JsonElement crashed;
        app.DevTenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/$batch", MaxFaults = 1 });
        try
        {
            crashed = await RunAsync();
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        var whileClaimed = await RunAsync();
        _world.Clock.Now = _world.Clock.Now.AddMinutes(6);
        var recovered = await RunAsync();

        Assert.Equal(1, crashed.GetProperty("sessionsFailed").GetInt32());
        Assert.Equal(1, whileClaimed.GetProperty("claimedElsewhere").GetInt32());
        Assert.Equal(1, recovered.GetProperty("pagesRecovered").GetInt32());
        Assert.Equal(0, recovered.GetProperty("pagesCreated").GetInt32());
        var pages = _world.PagesOf(series);
        Assert.Equal(2, pages.Count);
        var sessionId = (await SeriesWorld.LookUpAsync(ana, Member.IdOf(second))).GetProperty("sessionId").GetString()!;
        var agenda = await ben.GetAsync($"/api/pairs/{series.PairId}/sessions/{sessionId}/agenda");
        Assert.Contains(pages, page => page.Id == agenda.GetProperty("session").GetProperty("agendaPage").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_claim_left_behind_with_no_page_is_taken_over_and_the_page_made_once()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var second = await MoveClockBeforeSessionAsync(series, 1);
        var sessionId = (await SeriesWorld.LookUpAsync(ana, Member.IdOf((await _world.OccurrencesAsync(Member.Ana, series, _world.Clock.Now, _world.Clock.Now.AddDays(2)))[0]))).GetProperty("sessionId").GetString()!;
        var sessions = _world.Isolated.Table("Pairs");
        await sessions.UpdateEntityAsync(
            new Azure.Data.Tables.TableEntity(series.PairId, sessionId) { ["PageState"] = "creating", ["PageLeaseUntil"] = _world.Clock.Now.AddMinutes(-1) },
            ETag.All,
            Azure.Data.Tables.TableUpdateMode.Merge);

        var first = await RunAsync();
        var again = await RunAsync();

        Assert.Equal(1, first.GetProperty("pagesCreated").GetInt32());
        Assert.Equal(1, again.GetProperty("pagesAlreadyReady").GetInt32());
        Assert.Equal(2, _world.PagesOf(series).Count);
        Assert.Equal(
            "Peer mentoring – " + second.GetProperty("originalStart").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            (await ben.GetAsync($"/api/pairs/{series.PairId}/sessions/{sessionId}/agenda")).GetProperty("session").GetProperty("agendaPage").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_session_rescheduled_in_outlook_keeps_its_id_page_and_commitments()
    {
        var ana = _world.As(Member.Ana);
        var ben = _world.As(Member.Ben);
        var series = await _world.CreateSeriesAsync(ana, ben);
        var second = await MoveClockBeforeSessionAsync(series, 1);
        await RunAsync();
        var sessionId = (await SeriesWorld.LookUpAsync(ana, Member.IdOf(second))).GetProperty("sessionId").GetString()!;
        var pairPath = $"/api/pairs/{series.PairId}";
        var madeInSession = await ben.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Write up the retro", sessionId });
        var before = await ben.GetAsync($"{pairPath}/sessions/{sessionId}/agenda");
        var organizerCopy = (await _world.OccurrencesAsync(Member.Ana, series, _world.Clock.Now, _world.Clock.Now.AddDays(2)))[0];
        var movedTo = organizerCopy.GetProperty("originalStart").GetDateTimeOffset().AddHours(20);

        await _world.MoveOccurrenceAsync(Member.Ana, Member.IdOf(organizerCopy), movedTo, TimeSpan.FromHours(1));
        var afterMove = await RunAsync();
        var moved = (await _world.OccurrencesAsync(Member.Ben, series, _world.Clock.Now, _world.Clock.Now.AddDays(3))).Single(o => o.GetProperty("type").GetString() == "exception");
        var lookedUp = (await SeriesWorld.LookUpAsync(ben, Member.IdOf(moved))).GetProperty("sessionId").GetString();
        var after = await ben.GetAsync($"{pairPath}/sessions/{sessionId}/agenda");
        var sessionItems = await ben.GetAsync($"{pairPath}/commitments?status=all&sessionId={sessionId}");

        Assert.Equal(sessionId, lookedUp);
        Assert.Equal(1, afterMove.GetProperty("pagesAlreadyReady").GetInt32());
        Assert.Equal(0, afterMove.GetProperty("pagesCreated").GetInt32());
        Assert.Equal(2, _world.PagesOf(series).Count);
        Assert.Equal(movedTo, after.GetProperty("session").GetProperty("start").GetDateTimeOffset());
        Assert.Equal(
            before.GetProperty("session").GetProperty("agendaPage").GetProperty("id").GetString(),
            after.GetProperty("session").GetProperty("agendaPage").GetProperty("id").GetString());
        Assert.Equal(Member.IdOf(madeInSession), Member.IdOf(Assert.Single(sessionItems.GetProperty("commitments").EnumerateArray())));
    }

    [Fact]
    public async Task A_series_whose_organizer_revoked_the_grant_is_counted_and_left_alone()
    {
        // A Graph token already held stays good until it expires (as in Entra): short-lived ones make the run redeem the revoked refresh token.
        app.DevTenant.GraphTokenLifetime = TimeSpan.FromMinutes(2);
        try
        {
            var finn = _world.As(Member.Finn);
            var series = await _world.CreateSeriesAsync(finn, _world.As(Member.Emma));
            await MoveClockBeforeSessionAsync(series, 1);

            Assert.True(app.DevTenant.RevokeRefreshTokens(Member.Finn) > 0);
            var run = await RunAsync();

            Assert.Equal((1, 1, 0, 0), (run.GetProperty("series").GetInt32(), run.GetProperty("seriesWithoutGrant").GetInt32(), run.GetProperty("sessions").GetInt32(), run.GetProperty("pagesCreated").GetInt32()));
            Assert.Single(_world.PagesOf(series));
        }
        finally
        {
            app.DevTenant.GraphTokenLifetime = TimeSpan.FromHours(1);
        }
    }

    public void Dispose() => _world.Dispose();

    /// <summary>The data-id of every to-do item (data-tag="to-do") on a page.</summary>
    internal static IEnumerable<string> ToDoIds(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<[^>]*data-tag=\"to-do\"[^>]*>")
            .Select(tag => System.Text.RegularExpressions.Regex.Match(tag.Value, "data-id=\"([^\"]+)\""))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value);

    /// <summary>Sets the app's clock a day before session <paramref name="index"/> (0-based) and returns the organizer's copy of it.</summary>
    private async Task<JsonElement> MoveClockBeforeSessionAsync(CreatedSeries series, int index)
    {
        var occurrences = await _world.OccurrencesAsync(series.OrganizerMail, series, _world.Clock.Now, _world.Clock.Now.AddDays(7 * (index + 1)));
        var target = occurrences[index];
        _world.Clock.Now = target.GetProperty("originalStart").GetDateTimeOffset().AddDays(-1);
        return target;
    }

    private async Task<JsonElement> RunAsync()
    {
        var (status, _, body) = await PrepareSessionsFunctionTests.InvokeAsync(_world.Isolated.Api, PrepareSessionsFunctionTests.HostPayload());
        Assert.True(status == HttpStatusCode.OK, $"PrepareSessions answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("ReturnValue").Clone();
    }
}
