using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>A JSON body sent exactly as written (malformed JSON, wrong types).</summary>
public sealed record RawJson(string Text);

/// <summary>A signed-in person calling the pairs API over real HTTP with a real dev-tenant token.</summary>
public sealed class Member : IDisposable
{
    public const string Ana = ApiApplication.Ana;
    public const string Ben = ApiApplication.Ben;
    public const string Chloe = "chloe.martin@contoso.dev";
    public const string Dev = "dev.sharma@contoso.dev";
    public const string Emma = "emma.schulz@contoso.dev";
    public const string Finn = "finn.walsh@contoso.dev";
    public const string Priya = "priya.admin@contoso.dev";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Member(ApiFactory api, DevTenantServer devTenant, string? mail)
        : this(api.CreateClient(), devTenant, mail)
    {
    }

    /// <summary>A member calling the app at <paramref name="baseAddress"/> (an app running as its own process).</summary>
    public Member(Uri baseAddress, DevTenantServer devTenant, string? mail)
        : this(new HttpClient { BaseAddress = baseAddress }, devTenant, mail)
    {
    }

    private Member(HttpClient http, DevTenantServer devTenant, string? mail)
    {
        Mail = mail;
        Id = mail is null ? string.Empty : devTenant.Users.Single(user => user.Mail == mail).Id;
        Http = http;
        if (mail is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", devTenant.IssueApiToken(mail));
        }
    }

    public Member(ApiApplication app, string? mail)
        : this(app.Api, app.DevTenant, mail)
    {
    }

    /// <summary>Null for the anonymous caller (no token).</summary>
    public string? Mail { get; }

    /// <summary>The user's object id (the token's oid).</summary>
    public string Id { get; }

    public HttpClient Http { get; }

    /// <summary>Today's UTC date, as the API's validation sees it.</summary>
    public static DateOnly TodayUtc => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(int daysFromToday) => TodayUtc.AddDays(daysFromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A UTC instant <paramref name="daysFromToday"/> days from today at <paramref name="hour"/>:00Z, as the API writes instants.</summary>
    public static string At(int daysFromToday, int hour) =>
        TodayUtc.AddDays(daysFromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + $"T{hour:00}:00:00Z";

    /// <summary>A valid agreement body; change one field with <c>with</c>-style overrides in tests.</summary>
    public static Dictionary<string, object?> Agreement(string purpose = "Grow as engineering leads", string cadence = "every2Weeks", int startInDays = 7) => new()
    {
        ["purpose"] = purpose,
        ["cadence"] = cadence,
        ["durationMinutes"] = 60,
        ["confidentiality"] = "What we discuss stays between us unless we both agree otherwise.",
        ["boundaries"] = "No performance reviews of each other.",
        ["startDate"] = Date(startInDays),
        ["plannedEndDate"] = Date(180),
    };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body is RawJson raw ? raw.Text : JsonSerializer.Serialize(body, Json);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Sends and asserts the status; returns the JSON body.</summary>
    public async Task<JsonElement> ExpectAsync(HttpStatusCode status, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var response = await SendAsync(method, path, body, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GetAsync(string path) => ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path);

    /// <summary>Proposes a pair (201) with the default agreement, or the one given.</summary>
    public Task<JsonElement> ProposeAsync(IEnumerable<string> peers, object? agreement = null) =>
        ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/pairs", new { peers = peers.ToArray(), agreement = agreement ?? Agreement() });

    /// <summary>Proposes a pair with <paramref name="others"/> and has each of them accept, so it is active.</summary>
    public Task<JsonElement> ActivePairAsync(params Member[] others) => ActivePairWithAgreementAsync(Agreement(), others);

    /// <summary>As <see cref="ActivePairAsync"/>, with <paramref name="agreement"/>.</summary>
    public async Task<JsonElement> ActivePairWithAgreementAsync(object agreement, params Member[] others)
    {
        var pair = await ProposeAsync(others.Select(other => other.Mail!), agreement);
        foreach (var other in others)
        {
            pair = await other.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{IdOf(pair)}/accept", null, EtagOf(pair));
        }

        Assert.Equal("active", pair.GetProperty("status").GetString());
        return pair;
    }

    public Task<JsonElement> AddCommitmentAsync(JsonElement pair, object body) =>
        ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{IdOf(pair)}/commitments", body);

    public static string IdOf(JsonElement resource) => resource.GetProperty("id").GetString()!;

    public static string EtagOf(JsonElement resource) => resource.GetProperty("etag").GetString()!;

    public void Dispose() => Http.Dispose();
}
