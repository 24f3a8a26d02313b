using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.SeriesApi;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SeriesManagement;

/// <summary>
/// An app of its own (own tables, an adjustable clock starting at the real time) on the shared dev tenant and Azurite,
/// with helpers that create a series through the API and manage it over real HTTP.
/// </summary>
public sealed class ManagementApp : IDisposable
{
    private readonly ApiApplication _app;

    public ManagementApp(ApiApplication app)
    {
        _app = app;
        Clock = new AdjustableClock(DateTimeOffset.UtcNow);
        var settings = ApiApplication.WithStorage(ApiApplication.SettingsFor(app.DevTenant), app.Azurite);
        settings["OneNote:RetryDelaysMilliseconds"] = "20,40,80";
        TablePrefix = settings["Storage:TablePrefix"]!;
        Api = new ApiFactory(settings, services => services.AddSingleton<TimeProvider>(Clock));
        Api.StartServer();
    }

    public ApiFactory Api { get; }

    public AdjustableClock Clock { get; }

    public string TablePrefix { get; }

    public DevTenantServer Tenant => _app.DevTenant;

    public Member As(string mail) => new(Api, _app.DevTenant, mail);

    public TableClient Table(string name) => new(_app.Azurite.ConnectionString, TablePrefix + name);

    /// <summary>An active pair of <paramref name="organizer"/> and <paramref name="peer"/>, and a 6-session fortnightly series at 15:00 London from 10 days ahead.</summary>
    public static async Task<(string PairId, JsonElement Series)> SeriesAsync(Member organizer, Member peer, int sessions = 6)
    {
        var pairId = Member.IdOf(await organizer.ActivePairAsync(peer));
        var (series, _) = await SeriesApp.CreateAsync(organizer, pairId, SeriesApp.Body(end: new { sessions }), SeriesApp.NewKey());
        return (pairId, series);
    }

    public static string Path(string pairId, JsonElement series, string tail = "") => $"/api/pairs/{pairId}/series/{Member.IdOf(series)}{tail}";

    /// <summary>The caller's occurrences (GET …/occurrences) from <paramref name="from"/> (default the real now) for 400 days.</summary>
    public static async Task<IReadOnlyList<JsonElement>> OccurrencesAsync(Member member, string pairId, JsonElement series, DateTimeOffset? from = null)
    {
        var start = from ?? DateTimeOffset.UtcNow;
        var query = $"?from={Wire(start)}&to={Wire(start.AddDays(399))}";
        var list = await member.GetAsync(Path(pairId, series, "/occurrences" + query));
        return [.. list.GetProperty("occurrences").EnumerateArray()];
    }

    public static string Wire(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Instant At(JsonElement item, string field) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(item.GetProperty(field).GetString()!).Value;

    /// <summary>The id of the member's own copy of the series with this iCalUId, found in their mailbox in the dev tenant.</summary>
    public async Task<string> CopyIdAsync(string mail, string iCalUId)
    {
        var list = await GraphGetAsync(mail, $"me/events?$filter={Uri.EscapeDataString($"iCalUId eq '{iCalUId}'")}&$select=id");
        return list.GetProperty("value").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    /// <summary>The event straight from the member's own mailbox in the dev tenant (real HTTP, their own Graph token).</summary>
    public Task<JsonElement> GraphEventAsync(string mail, string eventId, string select) =>
        GraphGetAsync(mail, $"me/events/{Uri.EscapeDataString(eventId)}?$select={select}");

    private async Task<JsonElement> GraphGetAsync(string mail, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Tenant.GraphBaseUrl.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tenant.IssueGraphToken(mail));
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => Api.Dispose();
}
