using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>A pair's series as the series API creates it: ids of the pair, the series, the organizer's master event.</summary>
public sealed record CreatedSeries(string OrganizerMail, string PairId, string SeriesId, string MasterId, string ICalUId, string FirstSessionId, string SectionId, string NotebookId);

/// <summary>
/// An app of its own (own tables, so the nightly job sees only this test's series) with a clock the test sets, and
/// the people and Graph calls the agenda tests need: series created through the series API, each person's own copy
/// of the meeting read and changed directly in the dev tenant as Outlook would.
/// </summary>
public sealed class SeriesWorld : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ApiApplication _app;
    private readonly List<Member> _members = [];

    public SeriesWorld(ApiApplication app)
    {
        _app = app;
        Clock = new AdjustableClock(DateTimeOffset.UtcNow);
        Isolated = new IsolatedApi(app, Clock);
    }

    public AdjustableClock Clock { get; }

    public IsolatedApi Isolated { get; }

    public Member As(string mail)
    {
        var member = Isolated.As(mail);
        _members.Add(member);
        return member;
    }

    /// <summary>
    /// An active pair of <paramref name="organizer"/> and <paramref name="others"/> with a weekly series whose first session
    /// starts tomorrow (UTC date) at 15:00 London time, created by the organizer through POST …/series.
    /// </summary>
    public async Task<CreatedSeries> CreateSeriesAsync(Member organizer, params Member[] others)
    {
        var pair = await organizer.ActivePairWithAgreementAsync(Member.Agreement(cadence: "weekly", startInDays: 0), others);
        var pairId = Member.IdOf(pair);
        var firstStart = DateOnly.FromDateTime(Clock.Now.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T15:00:00";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pairs/{pairId}/series")
        {
            Content = JsonContent.Create(new { firstStart, anchorTimeZone = "Europe/London", cadence = "weekly", durationMinutes = 60, end = new { sessions = 8 }, acceptWarnings = true }, options: Json),
        };
        request.Headers.Add("Idempotency-Key", "agenda-" + Guid.NewGuid().ToString("N")[..12]);
        using var response = await organizer.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating the series: {(int)response.StatusCode} {text}");
        var series = JsonDocument.Parse(text).RootElement;
        await AssertGrantAsync(series.GetProperty("id").GetString()!);
        var evt = series.GetProperty("event");
        var agenda = series.GetProperty("agenda");
        return new CreatedSeries(
            organizer.Mail!,
            pairId,
            series.GetProperty("id").GetString()!,
            evt.GetProperty("id").GetString()!,
            evt.GetProperty("iCalUId").GetString()!,
            series.GetProperty("firstSession").GetProperty("id").GetString()!,
            agenda.GetProperty("sectionId").GetString()!,
            agenda.GetProperty("notebookId").GetString()!);
    }

    /// <summary>The creation left the organizer's background grant under the series id: what the nightly job acts with.</summary>
    private async Task AssertGrantAsync(string seriesId)
    {
        var grants = Isolated.Api.Services.GetRequiredService<IBackgroundGraphAccess>();
        Assert.NotNull(await grants.ForAsync(seriesId, CancellationToken.None));
    }

    /// <summary>Graph as <paramref name="mail"/> in the dev tenant (what Outlook on their machine sees and does).</summary>
    public HttpClient GraphAs(string mail) => GraphAs(_app.DevTenant, mail);

    /// <summary>Graph as <paramref name="mail"/> in <paramref name="tenant"/>.</summary>
    public static HttpClient GraphAs(DevTenant.DevTenantServer tenant, string mail)
    {
        var client = new HttpClient { BaseAddress = new Uri(tenant.GraphBaseUrl.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.IssueGraphToken(mail));
        return client;
    }

    /// <summary><paramref name="mail"/>'s own copy of the series master (the attendee's copy has its own id).</summary>
    public string MasterIdIn(string mail, CreatedSeries series) =>
        _app.DevTenant.EventsIn(mail).Single(e => e.ICalUId == series.ICalUId && e.IsSeriesMaster).Id;

    /// <summary><paramref name="mail"/>'s occurrences of the series between the two instants (id, originalStart, start).</summary>
    public Task<IReadOnlyList<JsonElement>> OccurrencesAsync(string mail, CreatedSeries series, DateTimeOffset from, DateTimeOffset to) =>
        OccurrencesAsync(_app.DevTenant, mail, MasterIdIn(mail, series), from, to);

    /// <summary>The occurrences of <paramref name="masterId"/> in <paramref name="mail"/>'s calendar between the two instants, by original start.</summary>
    public static async Task<IReadOnlyList<JsonElement>> OccurrencesAsync(DevTenant.DevTenantServer tenant, string mail, string masterId, DateTimeOffset from, DateTimeOffset to)
    {
        using var graph = GraphAs(tenant, mail);
        var path = $"me/events/{Uri.EscapeDataString(masterId)}/instances?startDateTime={Iso(from)}&endDateTime={Iso(to)}&$select=id,type,start,end,originalStart,seriesMasterId";
        var page = await graph.GetFromJsonAsync<JsonElement>(path);
        return [.. page.GetProperty("value").EnumerateArray().OrderBy(o => o.GetProperty("originalStart").GetDateTimeOffset())];
    }

    /// <summary>Moves one occurrence in <paramref name="mail"/>'s calendar (the organizer's: it becomes an exception).</summary>
    public Task MoveOccurrenceAsync(string mail, string occurrenceId, DateTimeOffset start, TimeSpan length) =>
        MoveOccurrenceAsync(_app.DevTenant, mail, occurrenceId, start, length);

    /// <summary>Moves one occurrence in <paramref name="mail"/>'s calendar in <paramref name="tenant"/>.</summary>
    public static async Task MoveOccurrenceAsync(DevTenant.DevTenantServer tenant, string mail, string occurrenceId, DateTimeOffset start, TimeSpan length)
    {
        using var graph = GraphAs(tenant, mail);
        using var response = await graph.PatchAsJsonAsync($"me/events/{Uri.EscapeDataString(occurrenceId)}", new
        {
            start = new { dateTime = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), timeZone = "UTC" },
            end = new { dateTime = (start + length).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), timeZone = "UTC" },
        });
        Assert.True(response.IsSuccessStatusCode, $"Moving the occurrence: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A meeting that is none of ours, created directly in <paramref name="mail"/>'s calendar; returns its id.</summary>
    public async Task<string> ForeignMeetingAsync(string mail, params string[] attendees)
    {
        using var graph = GraphAs(mail);
        var start = Clock.Now.UtcDateTime.Date.AddDays(2).AddHours(9);
        using var response = await graph.PostAsJsonAsync("me/events", new
        {
            subject = "Quarterly planning",
            start = new { dateTime = start.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), timeZone = "UTC" },
            end = new { dateTime = start.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), timeZone = "UTC" },
            attendees = attendees.Select(a => new { type = "required", emailAddress = new { address = a } }).ToArray(),
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Creating a foreign meeting: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>GET /api/agenda/lookup for <paramref name="itemId"/> as <paramref name="who"/> (200 expected).</summary>
    public static Task<JsonElement> LookUpAsync(Member who, string itemId) =>
        who.GetAsync("/api/agenda/lookup?itemId=" + Uri.EscapeDataString(itemId));

    /// <summary>The pages of the series' section in the organizer's notebook, as the dev tenant holds them.</summary>
    public IReadOnlyList<DevTenant.PageSnapshot> PagesOf(CreatedSeries series) =>
        _app.DevTenant.OneNote.Notebook(series.NotebookId)!.Sections.Single(s => s.Id == series.SectionId).Pages;

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }

        Isolated.Dispose();
    }
}
