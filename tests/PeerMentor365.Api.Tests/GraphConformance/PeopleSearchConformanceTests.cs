using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>The people search (GET /api/people) against Graph's documented user list and the failures Graph makes.</summary>
[Collection(GraphConformance.Name)]
public sealed class PeopleSearchConformanceTests : IDisposable
{
    private static readonly GraphExample AllUsers = GraphExamples.Response("user-list/example-01-get-all-users.json");

    private readonly GraphConformanceApp _app;
    private readonly HttpClient _adele;

    public PeopleSearchConformanceTests(GraphConformanceApp app)
    {
        _app = app;
        _app.Graph.Reset();
        _adele = app.Client(GraphConformanceApp.Adele);
    }

    [Fact]
    public async Task The_documented_user_list_becomes_the_people_with_a_mail()
    {
        _app.Graph.Given(Get("/users")).RespondWith(Documented(AllUsers));

        var people = await SearchAsync(HttpStatusCode.OK);

        // The documented list: a room with a mail, and an administrator without one (the picker cannot invite them).
        var expected = AllUsers.Json.GetProperty("value").EnumerateArray().Where(user => user.GetProperty("mail").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(
            expected.Select(user => (user.GetProperty("mail").GetString(), user.GetProperty("displayName").GetString())),
            people.GetProperty("people").EnumerateArray().Select(person => (person.GetProperty("mail").GetString(), person.GetProperty("displayName").GetString())));
        var sent = Assert.Single(Received(_app.Graph, "GET", "/users"));
        Assert.Equal("eventual", sent.RequestMessage.Headers!["ConsistencyLevel"].Single());
    }

    [Fact]
    public async Task A_paged_answer_is_read_from_its_first_page_which_holds_all_that_was_asked()
    {
        var paged = JsonNode.Parse(AllUsers.Body!)!;
        paged["@odata.nextLink"] = _app.Graph.Url + "/v1.0/users?$skiptoken=X2NvbnRvc28";
        _app.Graph.Given(Get("/users")).RespondWith(Documented(AllUsers with { Body = paged.ToJsonString() }));

        var people = await SearchAsync(HttpStatusCode.OK);

        Assert.Single(people.GetProperty("people").EnumerateArray());
        Assert.Single(Received(_app.Graph, "GET", "/users"));
    }

    [Fact]
    public async Task A_500_with_an_HTML_body_is_a_502_problem()
    {
        _app.Graph.Given(Get("/users")).RespondWith(HtmlError());

        await SearchAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Truncated_JSON_is_a_502_problem()
    {
        _app.Graph.Given(Get("/users")).RespondWith(Truncated(AllUsers));

        await SearchAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task An_answer_that_hangs_past_the_Graph_timeout_is_a_503_problem_once_the_timeout_is_over()
    {
        _app.Graph.Given(Get("/users")).RespondWith(Hanging(AllUsers));

        var stopwatch = Stopwatch.StartNew();
        await SearchAsync(HttpStatusCode.ServiceUnavailable);

        // The mock would answer after 30 s: the API gave up at its timeout instead.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(GraphConformanceApp.TimeoutSeconds), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_that_outlasts_the_SDKs_retries_is_a_503_with_Retry_After()
    {
        _app.Graph.Given(Get("/users")).RespondWith(Throttled(429, "1"));

        using var response = await SendSearchAsync();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        // The SDK's retry handler waited out each Retry-After and tried 3 times more.
        Assert.Equal(4, Received(_app.Graph, "GET", "/users").Count);
    }

    [Fact]
    public async Task A_short_429_is_waited_out_and_the_documented_answer_read()
    {
        _app.Graph.Given(Get("/users")).InScenario("throttled once").WillSetStateTo("answered").RespondWith(Throttled(429, "0"));
        _app.Graph.Given(Get("/users")).InScenario("throttled once").WhenStateIs("answered").RespondWith(Documented(AllUsers));

        var people = await SearchAsync(HttpStatusCode.OK);

        Assert.Single(people.GetProperty("people").EnumerateArray());
        Assert.Equal(2, Received(_app.Graph, "GET", "/users").Count);
    }

    private Task<HttpResponseMessage> SendSearchAsync() => _adele.GetAsync("/api/people?search=a");

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

    public void Dispose() => _adele.Dispose();
}
