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
    public async Task One_suggestion_request_is_one_authorized_Graph_batch_of_getSchedule_windows()
    {
        using var client = app.Client(ApiApplication.Ana);
        await SuggestionsClient.SuggestAsync(client, new { peers = Ben, earliestStart = SuggestionsClient.EarliestStart }); // warm the token cache
        app.DevTenant.Requests.Clear();

        await SuggestionsClient.SuggestAsync(client, new { peers = Ben, horizonMonths = 6, earliestStart = SuggestionsClient.EarliestStart });

        var log = app.DevTenant.Requests.Snapshot();
        var outer = Assert.Single(log, request => !request.IsBatchItem);
        Assert.Equal("POST", outer.Method);
        Assert.Equal("/$batch", outer.Path);
        Assert.True(outer.HadAuthorization, "The Graph SDK dropped the Authorization header for the dev tenant's host.");
        var items = log.Where(request => request.IsBatchItem).ToList();
        // 6 months (plus a day of margin each side for time zones) in windows under 62 days.
        Assert.InRange(items.Count, 4, 5);
        Assert.All(items, item =>
        {
            Assert.Equal("/me/calendar/getSchedule", item.Path);
            Assert.Equal(200, item.Status);
        });
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

        app.DevTenant.Faults.Set(new FaultOptions { Rate = 0.3, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, RandomSeed = 7 });
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
        var items = log.Where(request => request.IsBatchItem).ToList();
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
