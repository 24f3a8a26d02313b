using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>Plain HTTP against the dev tenant's Graph, for what the SDK would hide (status lines, headers, exact JSON).</summary>
internal static class RawGraph
{
    public static async Task<RawResponse> SendAsync(
        HttpClient http,
        DevTenantServer tenant,
        HttpMethod method,
        string relativeUrl,
        string? token,
        JsonNode? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, $"{tenant.GraphBaseUrl}{relativeUrl}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var allHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var isJson = response.Content.Headers.ContentType?.MediaType == "application/json";
        return new RawResponse(response.StatusCode, allHeaders, text, isJson && text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    public static Task<RawResponse> GetAsync(HttpClient http, DevTenantServer tenant, string relativeUrl, string mail, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(http, tenant, HttpMethod.Get, relativeUrl, tenant.IssueGraphToken(mail), null, headers);

    public static Task<RawResponse> PostAsync(HttpClient http, DevTenantServer tenant, string relativeUrl, string mail, JsonNode body, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(http, tenant, HttpMethod.Post, relativeUrl, tenant.IssueGraphToken(mail), body, headers);
}

internal sealed record RawResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Text, JsonNode? Json)
{
    public JsonNode Body => Json ?? throw new InvalidOperationException($"Expected a JSON body, got: {Text}");

    public string? ErrorCode => Json?["error"]?["code"]?.GetValue<string>();
}
