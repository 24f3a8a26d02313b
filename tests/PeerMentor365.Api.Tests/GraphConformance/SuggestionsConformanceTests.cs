using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.SuggestionsApi;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>
/// The suggestions (POST /api/suggestions), whose schedule reader sends its getSchedule windows and directory look-ups
/// as one $batch, against Graph's documented getSchedule answer (each batch item's body, verbatim) and the failures
/// Graph makes inside and around a $batch.
/// </summary>
public sealed class SuggestionsConformanceTests(GraphConformanceApp app) : GraphConformanceTest(app)
{
    private static readonly GraphExample Schedule = GraphExamples.Response("calendar-getschedule/get-schedule-two-users.json");
    private static readonly GraphExample AllUsers = GraphExamples.Response("user-list/example-01-get-all-users.json");

    [Fact]
    public async Task The_documented_schedules_in_a_batch_answer_become_suggestions()
    {
        App.Graph.Given(PostBatch()).RespondWith(BatchAnswer(getSchedule: Item(Schedule)));

        using var response = await SuggestAsync();

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.NotEmpty(answer.GetProperty("suggestions").EnumerateArray());
        var participants = answer.GetProperty("participants").EnumerateArray().ToDictionary(person => person.GetProperty("mail").GetString()!);
        Assert.True(participants[GraphConformanceApp.Adele].GetProperty("workingHoursKnown").GetBoolean());
        // Megan's documented working hours are in a custom zone (bias 480): read as a fixed offset, and said so.
        Assert.True(participants[GraphConformanceApp.Megan].GetProperty("workingHoursKnown").GetBoolean());
        Assert.Contains("Custom time zone", participants[GraphConformanceApp.Megan].GetProperty("timeZoneNote").GetString(), StringComparison.Ordinal);
        Assert.Single(Received(App.Graph, "POST", "/$batch"));
    }

    [Fact]
    public async Task A_batch_item_that_stays_503_with_Retry_After_is_a_503_problem_with_Retry_After()
    {
        App.Graph.Given(PostBatch()).RespondWith(BatchAnswer(getSchedule: Throttled503));

        using var response = await SuggestAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        // The first batch and Graph:MaxThrottleRetries (3) more, each after the item's Retry-After.
        Assert.Equal(4, Received(App.Graph, "POST", "/$batch").Count);
    }

    [Fact]
    public async Task A_batch_item_throttled_with_Retry_After_as_an_HTTP_date_is_waited_out_and_the_documented_answer_read()
    {
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
        App.Graph.Given(PostBatch()).InScenario("throttled once").WillSetStateTo("answered")
            .RespondWith(BatchAnswer(getSchedule: _ => BatchItemAnswer.Throttled(429, retryAt)));
        App.Graph.Given(PostBatch()).InScenario("throttled once").WhenStateIs("answered")
            .RespondWith(BatchAnswer(getSchedule: Item(Schedule)));

        using var response = await SuggestAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batches = Received(App.Graph, "POST", "/$batch");
        Assert.Equal(2, batches.Count);
        // The second batch carries only the throttled getSchedule items: the directory items were answered the first time.
        var resent = JsonNode.Parse(batches[1].RequestMessage.Body!)!["requests"]!.AsArray();
        Assert.NotEmpty(resent);
        Assert.All(resent, request => Assert.Contains("getSchedule", request!["url"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase));
        // Waited until the date (not the 1 s fallback for a Retry-After it could not read); a few ms of clock granularity allowed.
        var resentAt = new DateTimeOffset(batches[1].RequestMessage.DateTime, TimeSpan.Zero);
        Assert.True(resentAt >= DateTimeOffset.Parse(retryAt, CultureInfo.InvariantCulture).AddMilliseconds(-50), $"resent at {resentAt:O}, Retry-After {retryAt}");
    }

    [Fact]
    public async Task A_batch_item_throttled_until_an_HTTP_date_beyond_the_limit_is_a_503_at_once_with_that_Retry_After()
    {
        var retryAt = DateTimeOffset.UtcNow.AddMinutes(2).ToString("R", CultureInfo.InvariantCulture);
        App.Graph.Given(PostBatch()).RespondWith(BatchAnswer(getSchedule: _ => BatchItemAnswer.Throttled(429, retryAt)));

        using var response = await SuggestAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(121));
        Assert.Single(Received(App.Graph, "POST", "/$batch"));
    }

    [Fact]
    public async Task A_500_with_an_HTML_body_for_the_batch_is_a_502_problem()
    {
        App.Graph.Given(PostBatch()).RespondWith(HtmlError());

        using var response = await SuggestAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task A_truncated_batch_answer_is_a_502_problem()
    {
        App.Graph.Given(PostBatch()).RespondWith(BatchAnswer(getSchedule: Item(Schedule), cutOff: true));

        using var response = await SuggestAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway);
    }

    private Task<HttpResponseMessage> SuggestAsync() => AdeleClient.PostAsJsonAsync(
        "/api/suggestions",
        new { peers = new[] { GraphConformanceApp.Megan }, horizonMonths = 1, earliestStart = SuggestionsClient.EarliestStart });

    private static IRequestBuilder PostBatch() => Post("/$batch");

    private static readonly Func<JsonNode, BatchItemAnswer> Throttled503 = _ => BatchItemAnswer.Throttled(503, "1");

    private static Func<JsonNode, BatchItemAnswer> Item(GraphExample example) => _ => BatchItemAnswer.Of(example);

    /// <summary>
    /// Graph's $batch answer to the batch the API sent: every getSchedule item answered by <paramref name="getSchedule"/>,
    /// every directory look-up by the documented user list (its people are not the ones asked about: names are optional);
    /// <paramref name="cutOff"/>: only its first half (a connection that closed early).
    /// </summary>
    private static IResponseBuilder BatchAnswer(Func<JsonNode, BatchItemAnswer> getSchedule, bool cutOff = false) => Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json")
        .WithBody(request =>
        {
            var whole = BatchEnvelope(
                request.Body!,
                item => item["url"]!.GetValue<string>().Contains("getSchedule", StringComparison.OrdinalIgnoreCase) ? getSchedule(item) : BatchItemAnswer.Of(AllUsers));
            return cutOff ? whole[..(whole.Length / 2)] : whole;
        });
}
