using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>Reads a member's own calendar straight from the dev tenant's Graph (real HTTP, the member's own Graph token).</summary>
public sealed class SeriesGraph(DevTenantServer tenant, string mail) : IDisposable
{
    private readonly HttpClient _http = Client(tenant, mail);

    private static HttpClient Client(DevTenantServer tenant, string mail)
    {
        var http = new HttpClient { BaseAddress = new Uri(tenant.GraphBaseUrl.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.IssueGraphToken(mail));
        return http;
    }

    /// <summary>The member's copy of the series with this iCalUId (its id in their mailbox).</summary>
    public async Task<string> CopyIdAsync(string iCalUId)
    {
        var list = await GetAsync($"me/events?$filter={Uri.EscapeDataString($"iCalUId eq '{iCalUId}'")}&$select=id,iCalUId", null);
        return list.GetProperty("value").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    /// <summary>The starts of the occurrences of <paramref name="eventId"/> in the next 400 days, as local times in <paramref name="windowsZone"/>.</summary>
    public async Task<IReadOnlyList<string>> OccurrenceStartsAsync(string eventId, string windowsZone)
    {
        var from = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = DateTimeOffset.UtcNow.AddDays(400).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var starts = new List<string>();
        var next = $"me/events/{Uri.EscapeDataString(eventId)}/instances?startDateTime={from}&endDateTime={to}&$top=200&$select=start";
        while (next is not null)
        {
            var page = await GetAsync(next, windowsZone);
            starts.AddRange(page.GetProperty("value").EnumerateArray().Select(item => item.GetProperty("start").GetProperty("dateTime").GetString()![..19]));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return starts;
    }

    /// <summary>The event's body (HTML) and subject as the member's copy has them.</summary>
    public async Task<(string Subject, string Body)> SubjectAndBodyAsync(string eventId)
    {
        var item = await GetAsync($"me/events/{Uri.EscapeDataString(eventId)}?$select=subject,body", null);
        return (item.GetProperty("subject").GetString()!, item.GetProperty("body").GetProperty("content").GetString()!);
    }

    private async Task<JsonElement> GetAsync(string pathOrUrl, string? windowsZone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathOrUrl);
        if (windowsZone is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", $"outlook.timezone=\"{windowsZone}\"");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathOrUrl}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
