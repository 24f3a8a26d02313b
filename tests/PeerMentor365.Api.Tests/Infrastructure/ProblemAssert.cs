using System.Net;
using System.Text.Json;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>Checks that a response is an RFC 9457 problem with the expected status (and field, for validation).</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>A 400 validation problem naming <paramref name="field"/> in errors; returns that field's messages.</summary>
    public static async Task<IReadOnlyList<string>> IsValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        var messages = default(JsonElement);
        Assert.True(
            problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
            $"Expected errors.{field} in {problem}");
        var list = messages.EnumerateArray().Select(message => message.GetString() ?? string.Empty).ToList();
        Assert.NotEmpty(list);
        return list;
    }
}
