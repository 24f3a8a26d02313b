using System.Globalization;
using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.SeriesApi;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>
/// Two Functions instances (two API processes on one dev tenant and one Azurite) run the nightly job at the same moment:
/// every session due gets exactly one page, and each new page carries the pair's open commitments as its to-dos.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class PrepareSessionsOnTwoInstancesTests(ApiApplication app)
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    [Fact]
    public async Task Two_instances_preparing_at_once_make_one_page_per_session_with_the_open_commitments()
    {
        var storage = ApiProcess.NewStorage();
        await using var one = await ApiProcess.StartAsync(app, storage);
        await using var two = await ApiProcess.StartAsync(app, storage);
        var prepared = new[]
        {
            await SeriesDueTomorrowAsync(one, Member.Ana, Member.Ben),
            await SeriesDueTomorrowAsync(one, Member.Chloe, Member.Dev),
        };

        Task<JsonElement>[] runs;
        using (var hold = app.DevTenant.OneNote.HoldRequests())
        {
            runs = [RunAsync(one), RunAsync(two)];

            // Each instance goes through the series in the same order and claims a page before it makes it: with two
            // series, two held page requests mean both instances are making a page at the same moment.
            var bothMaking = hold.WhenHeldAsync(2);
            Assert.True(await Task.WhenAny(bothMaking, Task.WhenAll(runs)) == bothMaking, "The two runs never made pages at the same time.");
        }

        var results = await Task.WhenAll(runs);

        Assert.All(results, result => Assert.Equal((2, 4, 0, 0), (
            result.GetProperty("series").GetInt32(),
            result.GetProperty("sessions").GetInt32(),
            result.GetProperty("sessionsFailed").GetInt32(),
            result.GetProperty("seriesFailed").GetInt32())));
        Assert.Equal(2, results.Sum(result => result.GetProperty("pagesCreated").GetInt32()));
        foreach (var series in prepared)
        {
            var pages = app.DevTenant.OneNote.Notebook(series.NotebookId)!.Sections.Single(section => section.Id == series.SectionId).Pages;
            Assert.Equal(2, pages.Count);
            Assert.Equal(2, pages.Select(page => page.Title).Distinct().Count());
            var made = pages.Single(page => page.Id != series.FirstPageId);
            Assert.Equal(
                series.OpenCommitmentIds.Order(StringComparer.Ordinal),
                SessionPreparationTests.ToDoIds(made.Html).Where(id => id.StartsWith("c_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// A weekly series of <paramref name="organizer"/> and <paramref name="peer"/> whose first session starts in two
    /// hours, with its second session moved in Outlook to the next day (so it is due within the job's 48 hours), and
    /// commitments made after the first page: one open per member and one done.
    /// </summary>
    private async Task<Prepared> SeriesDueTomorrowAsync(ApiProcess api, string organizer, string peer)
    {
        var organizerMember = api.As(organizer);
        var peerMember = api.As(peer);
        var pairId = Member.IdOf(await organizerMember.ActivePairWithAgreementAsync(Member.Agreement(cadence: "weekly", startInDays: 0), peerMember));
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var soon = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromHours(2)).InZone(london).LocalDateTime;
        var firstStart = soon.Date.At(new LocalTime(soon.Hour, soon.Minute - (soon.Minute % 5)));
        var (series, _) = await SeriesApp.CreateAsync(
            organizerMember,
            pairId,
            SeriesApp.Body(LocalPattern.Format(firstStart), "Europe/London", "weekly", new { sessions = 4 }),
            SeriesApp.NewKey());

        var masterId = series.GetProperty("event").GetProperty("id").GetString()!;
        var now = DateTimeOffset.UtcNow;
        var occurrences = await SeriesWorld.OccurrencesAsync(app.DevTenant, organizer, masterId, now, now.AddDays(9));
        var firstAt = occurrences[0].GetProperty("originalStart").GetDateTimeOffset();
        await SeriesWorld.MoveOccurrenceAsync(app.DevTenant, organizer, Member.IdOf(occurrences[1]), firstAt.AddDays(1), TimeSpan.FromHours(1));

        var pairPath = $"/api/pairs/{pairId}";
        var organizerOpen = await organizerMember.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Draft the RFC" });
        var peerOpen = await peerMember.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Ask about the on-call rota" });
        var done = await peerMember.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, pairPath + "/commitments", new { text = "Read the incident review" });
        await peerMember.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{pairPath}/commitments/{Member.IdOf(done)}", new { status = "done" }, Member.EtagOf(done));

        var agenda = series.GetProperty("agenda");
        return new Prepared(
            agenda.GetProperty("notebookId").GetString()!,
            agenda.GetProperty("sectionId").GetString()!,
            series.GetProperty("firstSession").GetProperty("agendaPage").GetProperty("id").GetString()!,
            [Member.IdOf(organizerOpen), Member.IdOf(peerOpen)]);
    }

    private static async Task<JsonElement> RunAsync(ApiProcess api)
    {
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var (status, _, body) = await PrepareSessionsFunctionTests.InvokeAsync(client, PrepareSessionsFunctionTests.HostPayload());
        Assert.True(status == HttpStatusCode.OK, $"PrepareSessions answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("ReturnValue").Clone();
    }

    private sealed record Prepared(string NotebookId, string SectionId, string FirstPageId, IReadOnlyList<string> OpenCommitmentIds);
}
