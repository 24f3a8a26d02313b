using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>
/// An app of its own on the shared dev tenant and Azurite (its own tables, so rows can be counted), with OneNote's
/// back-off shortened, and helpers to create series over real HTTP.
/// </summary>
public sealed class SeriesApp : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    private readonly ApiApplication _app;

    public SeriesApp(ApiApplication app, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        _app = app;
        var settings = ApiApplication.WithStorage(ApiApplication.SettingsFor(app.DevTenant), app.Azurite);
        settings["OneNote:RetryDelaysMilliseconds"] = "20,40,80";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        TablePrefix = settings["Storage:TablePrefix"]!;
        Api = new ApiFactory(settings);
        Api.StartServer();
    }

    public ApiFactory Api { get; }

    public string TablePrefix { get; }

    public Member As(string mail) => new(Api, _app.DevTenant, mail);

    public TableClient Table(string name) => new(_app.Azurite.ConnectionString, TablePrefix + name);

    /// <summary>Every row of the pair's partition (the pair, its series, keys, notebook, sessions…).</summary>
    public async Task<IReadOnlyList<TableEntity>> PairRowsAsync(string pairId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table("Pairs").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pairId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<IReadOnlyList<TableEntity>> SeriesIndexRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table("SeriesIndex").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary><paramref name="days"/> days from today at <paramref name="hour"/>:00, local in <paramref name="zone"/>, as the API reads it.</summary>
    public static string LocalStart(string zone, int days, int hour)
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var date = SystemClock.Instance.GetCurrentInstant().InZone(tz).Date.PlusDays(days);
        return LocalPattern.Format(date.At(new LocalTime(hour, 0)));
    }

    /// <summary>
    /// A valid request body; change fields by passing them. It accepts the series check's warnings (London 15:00 is
    /// before Seattle's working day), as tests of creation itself do; SeriesCheckTests cover the check.
    /// </summary>
    public static Dictionary<string, object?> Body(string? firstStart = null, string zone = "Europe/London", string cadence = "every2Weeks", object? end = null)
    {
        return new Dictionary<string, object?>
        {
            ["firstStart"] = firstStart ?? LocalStart(zone, 10, 15),
            ["anchorTimeZone"] = zone,
            ["cadence"] = cadence,
            ["durationMinutes"] = 60,
            ["end"] = end ?? new { sessions = 6 },
            ["acceptWarnings"] = true,
        };
    }

    public static async Task<HttpResponseMessage> PostAsync(Member member, string pairId, object body, string? key, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pairs/{pairId}/series")
        {
            Content = new StringContent(body is RawJson raw ? raw.Text : JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await member.Http.SendAsync(request);
    }

    /// <summary>Posts and expects 201; returns the series and whether the answer was a replay.</summary>
    public static async Task<(JsonElement Series, bool Replayed)> CreateAsync(Member member, string pairId, object body, string key)
    {
        using var response = await PostAsync(member, pairId, body, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST series: expected 201, got {(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true");
    }

    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    public void Dispose() => Api.Dispose();
}
