using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>How suggestion requests use Graph: one $batch, with its token, within Outlook's limits, through throttling.</summary>
[Collection(SharedApi.Name)]
public sealed class SuggestionGraphTrafficTests(ApiApplication app)
{
    private static readonly string[] Ben = [ApiApplication.Ben];

    [Fact]
    public async Task One_suggestion_request_is_one_authorized_Graph_batch_of_getSchedule_windows_and_a_directory_lookup()
    {
        using var client = app.Client(ApiApplication.Ana);
        await SuggestionsClient.SuggestAsync(client, new { peers = Ben, earliestStart = SuggestionsClient.EarliestStart }); // warm the token cache
        app.DevTenant.Requests.Clear();

        var answer = await SuggestionsClient.SuggestAsync(client, new { peers = Ben, horizonMonths = 6, earliestStart = SuggestionsClient.EarliestStart });

        var log = app.DevTenant.Requests.Snapshot();
        var outer = Assert.Single(log, request => !request.IsBatchItem);
        Assert.Equal("POST", outer.Method);
        Assert.Equal("/$batch", outer.Path);
        Assert.True(outer.HadAuthorization, "The Graph SDK dropped the Authorization header for the dev tenant's host.");
        var items = log.Where(request => request.IsBatchItem).ToList();
        Assert.All(items, item => Assert.Equal(200, item.Status));
        // 6 months (plus a day of margin each side for time zones) in windows under 62 days.
        Assert.InRange(items.Count(item => item.Path == "/me/calendar/getSchedule"), 4, 5);
        // One directory lookup for both people: a basic filter (no ConsistencyLevel needed) with OData quoting.
        var lookup = Assert.Single(items, item => item.Path == "/users");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(lookup.Query);
        Assert.Equal($"mail in ('{ApiApplication.Ana}','{ApiApplication.Ben}')", query["$filter"].ToString());
        Assert.Equal("id,displayName,mail,officeLocation", query["$select"].ToString());
        Assert.Equal(items.Count, items.Count(item => item.Path is "/users" or "/me/calendar/getSchedule"));

        var participants = answer.GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal(["Ana Souza", "Ben Carter"], participants.Select(p => p.GetProperty("displayName").GetString()));
        Assert.Equal(["São Paulo", "Seattle"], participants.Select(p => p.GetProperty("officeLocation").GetString()));
    }

    [Fact]
    public async Task When_the_directory_lookup_keeps_failing_the_suggestions_still_come_without_names_and_without_waiting()
    {
        using var client = app.Client(ApiApplication.Ana);
        var body = new { peers = Ben, horizonMonths = 6, earliestStart = SuggestionsClient.EarliestStart };
        var named = await SuggestionsClient.SuggestAsync(client, body);
        app.DevTenant.Requests.Clear();

        // Retry-After 60 s is far beyond Graph:MaxRetryAfterSeconds (5): a required step would fail the request with 503.
        app.DevTenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 60, PathPrefix = "/users" });
        JsonElement unnamed;
        try
        {
            unnamed = await SuggestionsClient.SuggestAsync(client, body);
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        var log = app.DevTenant.Requests.Snapshot();
        Assert.Single(log, request => !request.IsBatchItem);
        Assert.Equal(429, Assert.Single(log, request => request.Path == "/users").Status);
        Assert.All(unnamed.GetProperty("participants").EnumerateArray(), participant =>
        {
            Assert.Equal(JsonValueKind.Null, participant.GetProperty("displayName").ValueKind);
            Assert.Equal(JsonValueKind.Null, participant.GetProperty("officeLocation").ValueKind);
        });
        // The same slots; only the words differ (addresses instead of names).
        string Slots(JsonElement answer) => string.Join("|", answer.GetProperty("suggestions").EnumerateArray()
            .Select(s => s.GetProperty("recurrence").GetRawText() + s.GetProperty("occurrences").GetRawText()));
        Assert.Equal(Slots(named), Slots(unnamed));
        Assert.NotEmpty(unnamed.GetProperty("suggestions").EnumerateArray());
    }

    [Fact]
    public async Task A_throttled_directory_lookup_is_retried_alongside_throttled_schedules()
    {
        using var client = app.Client(ApiApplication.Ana);
        var body = new { peers = Ben, horizonMonths = 2, earliestStart = SuggestionsClient.EarliestStart };
        app.DevTenant.Requests.Clear();
        await SuggestionsClient.SuggestAsync(client, body);
        var itemsPerBatch = app.DevTenant.Requests.Snapshot().Count(request => request.IsBatchItem);
        app.DevTenant.Requests.Clear();

        // Every item of the first batch is throttled; the retry goes through.
        app.DevTenant.Faults.Set(new FaultOptions { Rate = 1, RetryAfterSeconds = 0, Target = FaultTarget.BatchItemsOnly, MaxFaults = itemsPerBatch });
        JsonElement answer;
        try
        {
            answer = await SuggestionsClient.SuggestAsync(client, body);
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        var lookups = app.DevTenant.Requests.Snapshot().Where(request => request.Path == "/users").Select(request => request.Status);
        Assert.Equal([429, 200], lookups);
        Assert.Equal("Ben Carter", answer.GetProperty("participants")[1].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_twelve_month_horizon_needs_more_than_4_windows_and_never_trips_MailboxConcurrency()
    {
        using var client = app.Client(ApiApplication.Ana);
        app.DevTenant.Requests.Clear();

        await SuggestionsClient.SuggestAsync(client, new { peers = Ben, horizonMonths = 12, earliestStart = SuggestionsClient.EarliestStart });

        var log = app.DevTenant.Requests.Snapshot();
        Assert.Single(log, request => !request.IsBatchItem);
        var items = log.Where(request => request.IsBatchItem).ToList();
        Assert.True(items.Count > 4, $"Expected more than 4 getSchedule windows, got {items.Count}.");
        Assert.DoesNotContain(items, item => item.Status == 429);
    }

    [Fact]
    public async Task Inner_429s_are_retried_for_the_failed_items_only_and_the_answer_is_unchanged()
    {
        using var client = app.Client(ApiApplication.Ana);
        var body = new { peers = Ben, horizonMonths = 12, earliestStart = SuggestionsClient.EarliestStart };
        var calm = await SuggestionsClient.SuggestAsync(client, body);
        app.DevTenant.Requests.Clear();

        app.DevTenant.Faults.Set(new FaultOptions { Rate = 0.3, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, RandomSeed = 7, PathPrefix = "/me/calendar/getSchedule" });
        JsonElement throttled;
        try
        {
            throttled = await SuggestionsClient.SuggestAsync(client, body);
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        var log = app.DevTenant.Requests.Snapshot();
        var items = log.Where(request => request.IsBatchItem && request.Path == "/me/calendar/getSchedule").ToList();
        Assert.Contains(items, item => item.Status == 429);
        // Every window was answered once and only the throttled ones (and those waiting on them) were sent again.
        var windows = items.Select(item => item.BatchItemId).Distinct().Count();
        Assert.Equal(windows, items.Count(item => item.Status == 200));
        Assert.Equal(items.Count(item => item.Status is 429 or 424), items.Count - windows);
        Assert.Equal(JsonNode.Parse(calm.GetRawText())!["suggestions"]!.ToJsonString(), JsonNode.Parse(throttled.GetRawText())!["suggestions"]!.ToJsonString());
    }

    [Fact]
    public async Task When_Graph_keeps_throttling_the_answer_is_503_problem_with_Retry_After()
    {
        using var client = app.Client(ApiApplication.Ana);
        app.DevTenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 0 });
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync("/api/suggestions", JsonContent(new { peers = Ben }));
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        using (response)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
