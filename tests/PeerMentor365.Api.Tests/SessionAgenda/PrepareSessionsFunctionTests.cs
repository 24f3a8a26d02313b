using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SessionAgenda;

/// <summary>The nightly timer as the Functions host invokes it: POST /PrepareSessions with its envelope, an envelope back.</summary>
[Collection(SharedApi.Name)]
public sealed class PrepareSessionsFunctionTests(ApiApplication app)
{
    /// <summary>The body the host posts for a timer trigger whose binding is named "timer" (azure-platform.md §1.5).</summary>
    public static string HostPayload(bool isPastDue = false) => JsonSerializer.Serialize(new
    {
        Data = new
        {
            timer = new
            {
                Schedule = new { AdjustForDST = true },
                ScheduleStatus = new { Last = "2026-11-21T02:00:00.0000000+00:00", Next = "2026-11-22T02:00:00+00:00", LastUpdated = "2026-11-21T02:00:00.0000000+00:00" },
                IsPastDue = isPastDue,
            },
        },
        Metadata = new { sys = new { MethodName = "PrepareSessions", UtcNow = "2026-11-22T02:00:00.0123456Z", RandGuid = Guid.NewGuid().ToString() } },
    });

    /// <summary>Posts the host's payload to /PrepareSessions (the exact target the host uses) and returns the status and body.</summary>
    public static async Task<(HttpStatusCode Status, string? MediaType, string Body)> InvokeAsync(ApiFactory api, string body)
    {
        using var client = api.CreateClient();
        return await InvokeAsync(client, body);
    }

    /// <summary>Posts the host's payload to /PrepareSessions with <paramref name="client"/> (an app of its own, a process).</summary>
    public static async Task<(HttpStatusCode Status, string? MediaType, string Body)> InvokeAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/PrepareSessions", content);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_host_gets_a_well_formed_envelope_with_counts_in_its_logs()
    {
        using var isolated = new IsolatedApi(app);

        var (status, mediaType, body) = await InvokeAsync(isolated.Api, HostPayload());
        var late = await InvokeAsync(isolated.Api, HostPayload(isPastDue: true));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        var envelope = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], envelope.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Object, envelope.GetProperty("Outputs").ValueKind);
        Assert.Empty(envelope.GetProperty("Outputs").EnumerateObject());
        var log = Assert.Single(envelope.GetProperty("Logs").EnumerateArray()).GetString()!;
        Assert.StartsWith("PrepareSessions: 0 active series", log, StringComparison.Ordinal);
        var result = envelope.GetProperty("ReturnValue");
        Assert.Equal(0, result.GetProperty("series").GetInt32());
        Assert.Equal(0, result.GetProperty("pagesCreated").GetInt32());
        Assert.Equal(HttpStatusCode.OK, late.Status);
        Assert.Equal(2, JsonDocument.Parse(late.Body).RootElement.GetProperty("Logs").GetArrayLength());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task A_body_that_is_not_an_envelope_is_a_400_problem(string body)
    {
        var (status, mediaType, text) = await InvokeAsync(app.Api, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public void The_package_runs_it_every_night_at_two_utc()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionApp, "PrepareSessions", "function.json")));
        var trigger = Assert.Single(json.RootElement.GetProperty("bindings").EnumerateArray());

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("timer", trigger.GetProperty("name").GetString());
        Assert.Equal("0 0 2 * * *", trigger.GetProperty("schedule").GetString());
    }
}
