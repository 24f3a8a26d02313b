using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>Creating a series end to end: every calendar, the shared agenda, the invite's links, the round trips.</summary>
[Collection(SharedApi.Name)]
public sealed class SeriesCreationTests(ApiApplication app) : IDisposable
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    private readonly SeriesApp _series = new(app);

    [Fact]
    public async Task A_series_lands_in_every_members_calendar_with_the_right_occurrences_in_their_own_zones()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var firstStart = SeriesApp.LocalStart("Europe/London", 12, 15);

        var (series, replayed) = await SeriesApp.CreateAsync(ana, pairId, SeriesApp.Body(firstStart, "Europe/London", "every2Weeks", new { sessions = 6 }), SeriesApp.NewKey());

        Assert.False(replayed);
        Assert.Equal("active", series.GetProperty("status").GetString());
        Assert.Equal("Peer mentoring: Ana & Ben", series.GetProperty("subject").GetString());
        Assert.Equal("GMT Standard Time", series.GetProperty("anchorWindowsTimeZone").GetString());
        Assert.Equal(ana.Id, series.GetProperty("organizerId").GetString());
        Assert.Equal("weekly", series.GetProperty("pattern").GetProperty("type").GetString());
        Assert.Equal(2, series.GetProperty("pattern").GetProperty("interval").GetInt32());

        // The moments every session starts, from London's local 15:00 every two weeks.
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var first = Local.Parse(firstStart).Value;
        var moments = Enumerable.Range(0, 6).Select(i => first.PlusWeeks(2 * i).InZoneLeniently(london).ToInstant()).ToList();
        var iCalUId = series.GetProperty("event").GetProperty("iCalUId").GetString()!;
        foreach (var (mail, iana, windows) in new[] { (Member.Ana, "America/Sao_Paulo", "E. South America Standard Time"), (Member.Ben, "America/Los_Angeles", "Pacific Standard Time") })
        {
            using var graph = new SeriesGraph(app.DevTenant, mail);
            var copy = await graph.CopyIdAsync(iCalUId);
            var starts = await graph.OccurrenceStartsAsync(copy, windows);
            var zone = DateTimeZoneProviders.Tzdb[iana];
            Assert.Equal(moments.Select(moment => Local.Format(moment.InZone(zone).LocalDateTime)), starts);
        }

        var firstSession = series.GetProperty("firstSession");
        Assert.Equal(InstantPattern.General.Format(moments[0]), firstSession.GetProperty("start").GetString());
        Assert.Equal(ana.Id, firstSession.GetProperty("focusUserId").GetString());
    }

    [Fact]
    public async Task The_agenda_page_exists_in_a_notebook_shared_with_the_peer_and_the_invite_links_it_on_the_web_and_in_the_app()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        await ana.AddCommitmentAsync(await ana.GetAsync($"/api/pairs/{pairId}"), new { text = "Send Ben the RFC draft", due = Member.Date(3) });

        var (series, _) = await SeriesApp.CreateAsync(ana, pairId, SeriesApp.Body(), SeriesApp.NewKey());

        var agenda = series.GetProperty("agenda");
        var notebook = app.DevTenant.OneNote.Notebook(agenda.GetProperty("notebookId").GetString()!)!;
        Assert.Equal($"Peer mentoring – Ana & Ben ({pairId[^4..]})", notebook.DisplayName);
        var section = Assert.Single(notebook.Sections);
        Assert.Equal(section.Id, agenda.GetProperty("sectionId").GetString());
        var pageRef = series.GetProperty("firstSession").GetProperty("agendaPage");
        var page = app.DevTenant.OneNote.Page(Assert.Single(section.Pages).Id)!;
        Assert.Equal(pageRef.GetProperty("title").GetString(), page.Title);
        Assert.StartsWith("Peer mentoring – ", page.Title, StringComparison.Ordinal);
        foreach (var heading in new[] { "Check-in", "Focus", "Progress on goals", "Commitments from last time", "The challenge to work through", "Feedback", "New commitments", "Next session" })
        {
            Assert.Contains(heading, page.Html, StringComparison.Ordinal);
        }

        Assert.Contains("Send Ben the RFC draft", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-tag=\"to-do\"", page.Html, StringComparison.Ordinal);

        var shared = Assert.Single(agenda.GetProperty("sharedWith").EnumerateArray());
        Assert.Equal(Member.Ben, shared.GetProperty("mail").GetString());
        Assert.True(shared.GetProperty("verified").GetBoolean());
        Assert.Contains(notebook.SharedWith, permission => permission.Mail == Member.Ben && permission.Roles.Contains("write"));

        using var graph = new SeriesGraph(app.DevTenant, Member.Ben);
        var copy = await graph.CopyIdAsync(series.GetProperty("event").GetProperty("iCalUId").GetString()!);
        var (subject, body) = await graph.SubjectAndBodyAsync(copy);
        Assert.Equal("Peer mentoring: Ana & Ben", subject);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(pageRef.GetProperty("webUrl").GetString()!), body, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(pageRef.GetProperty("clientUrl").GetString()!), body, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(agenda.GetProperty("notebookWebUrl").GetString()!), body, StringComparison.Ordinal);
        Assert.Contains("Open the agenda in OneNote", body, StringComparison.Ordinal);
        Assert.Contains("in the OneNote app", body, StringComparison.Ordinal);
        Assert.Contains("teams.microsoft.com", body, StringComparison.Ordinal);

        // The nightly job's grant to act as the organizer, kept under the series id.
        var grants = _series.Api.Services.GetRequiredService<PeerMentor365.Api.Graph.IBackgroundGraphAccess>();
        Assert.NotNull(await grants.ForAsync(Member.IdOf(series), CancellationToken.None));

        var index = await _series.SeriesIndexRowsAsync();
        Assert.Contains(index, row => row.PartitionKey == "active" && row.RowKey == $"{pairId}_{Member.IdOf(series)}");
        Assert.Contains(index, row => row.PartitionKey.StartsWith("ical_", StringComparison.Ordinal) && row.RowKey == Member.IdOf(series) && row.GetString("PairId") == pairId);
    }

    [Fact]
    public async Task A_pairs_first_series_takes_4_sequential_Graph_round_trips_and_its_next_series_3()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        await ana.GetAsync($"/api/pairs/{pairId}/series"); // the first call of this app: tables ready

        app.DevTenant.Requests.Clear();
        var (first, _) = await SeriesApp.CreateAsync(ana, pairId, SeriesApp.Body(SeriesApp.LocalStart("Europe/London", 10, 15)), SeriesApp.NewKey());
        var firstTrips = app.DevTenant.Requests.Snapshot().Where(request => !request.IsBatchItem).ToList();

        await EndDirectlyAsync(pairId, Member.IdOf(first));
        app.DevTenant.Requests.Clear();
        var (second, _) = await SeriesApp.CreateAsync(ana, pairId, SeriesApp.Body(SeriesApp.LocalStart("Europe/London", 11, 15)), SeriesApp.NewKey());
        var secondTrips = app.DevTenant.Requests.Snapshot().Where(request => !request.IsBatchItem).ToList();

        Assert.Equal(4, firstTrips.Count);
        Assert.Equal(["POST /me/onenote/notebooks", "POST /$batch", "POST /$batch", "POST /$batch"], firstTrips.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(3, secondTrips.Count);
        Assert.All(secondTrips, request => Assert.Equal("/$batch", request.Path));
        Assert.Equal(first.GetProperty("agenda").GetProperty("notebookId").GetString(), second.GetProperty("agenda").GetProperty("notebookId").GetString());
        Assert.NotEqual(first.GetProperty("agenda").GetProperty("sectionId").GetString(), second.GetProperty("agenda").GetProperty("sectionId").GetString());
    }

    [Fact]
    public async Task The_same_key_again_answers_the_first_result_and_another_key_or_another_body_is_refused()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();
        var events = app.DevTenant.EventsIn(Member.Ana).Count;

        var (first, firstReplayed) = await SeriesApp.CreateAsync(ana, pairId, body, key);
        var (again, replayed) = await SeriesApp.CreateAsync(ana, pairId, body, key);
        using var otherBody = await SeriesApp.PostAsync(ana, pairId, SeriesApp.Body(cadence: "weekly"), key);
        using var otherKey = await SeriesApp.PostAsync(ana, pairId, body, SeriesApp.NewKey());

        Assert.False(firstReplayed);
        Assert.True(replayed);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        await ProblemAssert.IsProblemAsync(otherBody, HttpStatusCode.UnprocessableEntity);
        var conflict = await ProblemAssert.IsProblemAsync(otherKey, HttpStatusCode.Conflict);
        Assert.Equal(Member.IdOf(first), conflict.GetProperty("seriesId").GetString());
        Assert.Equal(events + 1, app.DevTenant.EventsIn(Member.Ana).Count);

        var listed = await ben.GetAsync($"/api/pairs/{pairId}/series");
        Assert.Equal([Member.IdOf(first)], listed.GetProperty("series").EnumerateArray().Select(Member.IdOf));
        var one = await ben.GetAsync($"/api/pairs/{pairId}/series/{Member.IdOf(first)}");
        Assert.Equal(first.GetRawText(), one.GetRawText());
    }

    /// <summary>Ends a series by writing its row (the end route is built separately).</summary>
    private async Task EndDirectlyAsync(string pairId, string seriesId)
    {
        var table = _series.Table("Pairs");
        var row = (await table.GetEntityAsync<TableEntity>(pairId, seriesId)).Value;
        row["State"] = "ended";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);
    }

    public void Dispose() => _series.Dispose();
}
