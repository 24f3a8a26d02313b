using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>The people search (GET /api/people) against Graph's documented user list and the failures Graph makes.</summary>
public sealed class PeopleSearchConformanceTests(GraphConformanceApp app) : GraphConformanceTest(app)
{
    private static readonly GraphExample AllUsers = GraphExamples.Response("user-list/example-01-get-all-users.json");

    [Fact]
    public async Task The_documented_user_list_becomes_the_people_with_a_mail()
    {
        App.Graph.Given(Get("/users")).RespondWith(Documented(AllUsers));

        var people = await SearchAsync(HttpStatusCode.OK);

        // The documented list: a room with a mail, and an administrator without one (the picker cannot invite them).
        var expected = AllUsers.Json.GetProperty("value").EnumerateArray().Where(user => user.GetProperty("mail").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(
            expected.Select(user => (user.GetProperty("mail").GetString(), user.GetProperty("displayName").GetString())),
            people.GetProperty("people").EnumerateArray().Select(person => (person.GetProperty("mail").GetString(), person.GetProperty("displayName").GetString())));
        var sent = Assert.Single(Received(App.Graph, "GET", "/users"));
        Assert.Equal("eventual", sent.RequestMessage.Headers!["ConsistencyLevel"].Single());
    }

    [Fact]
    public async Task A_paged_answer_is_read_from_its_first_page_which_holds_all_that_was_asked()
    {
        var paged = JsonNode.Parse(AllUsers.Body!)!;
        paged["@odata.nextLink"] = App.Graph.Url + "/v1.0/users?$skiptoken=X2NvbnRvc28";
        App.Graph.Given(Get("/users")).RespondWith(Documented(AllUsers with { Body = paged.ToJsonString() }));

        var people = await SearchAsync(HttpStatusCode.OK);

        Assert.Single(people.GetProperty("people").EnumerateArray());
        Assert.Single(Received(App.Graph, "GET", "/users"));
    }

    [Fact]
    public async Task A_500_with_an_HTML_body_is_a_502_problem()
    {
        App.Graph.Given(Get("/users")).RespondWith(HtmlError());

        await SearchAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Truncated_JSON_is_a_502_problem()
    {
        App.Graph.Given(Get("/users")).RespondWith(Truncated(AllUsers));

        await SearchAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task An_answer_that_hangs_past_the_Graph_timeout_is_a_503_problem_once_the_timeout_is_over()
    {
        App.Graph.Given(Get("/users")).RespondWith(Hanging(AllUsers));

        var stopwatch = Stopwatch.StartNew();
        await SearchAsync(HttpStatusCode.ServiceUnavailable);

        // The mock would answer after 30 s: the API gave up at its timeout instead.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(GraphConformanceApp.TimeoutSeconds), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_that_outlasts_the_SDKs_retries_is_a_503_with_Retry_After()
    {
        App.Graph.Given(Get("/users")).RespondWith(Throttled(429, "1"));

        using var response = await SendSearchAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        // The SDK's retry handler waited out each Retry-After and tried 3 times more.
        Assert.Equal(4, Received(App.Graph, "GET", "/users").Count);
    }

    [Fact]
    public async Task A_short_429_is_waited_out_and_the_documented_answer_read()
    {
        App.Graph.Given(Get("/users")).InScenario("throttled once").WillSetStateTo("answered").RespondWith(Throttled(429, "0"));
        App.Graph.Given(Get("/users")).InScenario("throttled once").WhenStateIs("answered").RespondWith(Documented(AllUsers));

        var people = await SearchAsync(HttpStatusCode.OK);

        Assert.Single(people.GetProperty("people").EnumerateArray());
        Assert.Equal(2, Received(App.Graph, "GET", "/users").Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_as_an_HTTP_date_beyond_the_limit_is_a_503_at_once_with_that_Retry_After()
    {
        // Graph:MaxRetryAfterSeconds is 30: a date 2 minutes away is not slept (the SDK's handler would hold the call).
        var retryAt = DateTimeOffset.UtcNow.AddMinutes(2);
        App.Graph.Given(Get("/users")).RespondWith(Throttled(429, retryAt.ToString("R", CultureInfo.InvariantCulture)));

        var stopwatch = Stopwatch.StartNew();
        using var response = await SendSearchAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        // Well before the Graph timeout, so nothing waited for the date.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(GraphConformanceApp.TimeoutSeconds), $"answered after {stopwatch.Elapsed}");
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(121));
        Assert.Single(Received(App.Graph, "GET", "/users"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_as_a_near_HTTP_date_is_waited_out_and_the_documented_answer_read()
    {
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
        App.Graph.Given(Get("/users")).InScenario("throttled once").WillSetStateTo("answered").RespondWith(Throttled(429, retryAt));
        App.Graph.Given(Get("/users")).InScenario("throttled once").WhenStateIs("answered").RespondWith(Documented(AllUsers));

        var people = await SearchAsync(HttpStatusCode.OK);

        Assert.Single(people.GetProperty("people").EnumerateArray());
        Assert.Equal(2, Received(App.Graph, "GET", "/users").Count);
    }

    private Task<HttpResponseMessage> SendSearchAsync() => AdeleClient.GetAsync("/api/people?search=a");

    private async Task<JsonElement> SearchAsync(HttpStatusCode expected)
    {
        using var response = await SendSearchAsync();
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET /api/people: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
