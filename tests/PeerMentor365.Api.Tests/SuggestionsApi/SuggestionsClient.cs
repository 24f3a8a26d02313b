using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>Posts suggestion requests and reads their answers.</summary>
internal static class SuggestionsClient
{
    /// <summary>A start date the API accepts in every zone: the day after tomorrow, UTC.</summary>
    public static string EarliestStart { get; } =
        DateTime.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> SuggestAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/suggestions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body) =>
        client.PostAsync("/api/suggestions", new StringContent(body, Encoding.UTF8, "application/json"));
}
