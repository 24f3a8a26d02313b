using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.SeriesApi;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>
/// A series creation (POST /api/pairs/{id}/series) against Graph's documented answers for each of its steps (notebook,
/// section, page, sharing, event) and the failures Graph makes at each: a problem answer (never a 500), and a repeat with
/// the same Idempotency-Key ends in one 201 with nothing made twice.
/// </summary>
public sealed class SeriesCreationConformanceTests(GraphConformanceApp app) : GraphConformanceTest(app)
{
    private static readonly GraphExample CreatedNotebook = SeriesGraph.CreatedNotebook;

    public static TheoryData<SeriesStep, GraphFault> FaultsOnEachStep()
    {
        var data = new TheoryData<SeriesStep, GraphFault>();
        foreach (var step in Enum.GetValues<SeriesStep>())
        {
            foreach (var fault in Enum.GetValues<GraphFault>().Where(fault => fault != GraphFault.ShortenedAsDocumented))
            {
                data.Add(step, fault);
            }
        }

        data.Add(SeriesStep.Section, GraphFault.ShortenedAsDocumented);
        data.Add(SeriesStep.Page, GraphFault.ShortenedAsDocumented);
        return data;
    }

    [Fact]
    public async Task The_documented_answers_of_every_step_make_one_series_with_one_of_each()
    {
        var graph = new SeriesGraph(App.Graph);
        var pairId = await ActivePairAsync();

        var (series, replayed) = await SeriesApp.CreateAsync(Adele, pairId, SeriesApp.Body(), SeriesApp.NewKey());

        Assert.False(replayed);
        AssertMadeOnce(graph, series);
    }

    /// <summary>
    /// What each failure becomes (docs/graph-resilience.md): a throttled item within the limits is sent again in the same
    /// request (one 201); beyond them, and for an HTML 500, a cut-off answer or a hang, a 502/503 problem, and the repeat
    /// resumes the creation without making anything twice.
    /// </summary>
    [Theory]
    [MemberData(nameof(FaultsOnEachStep))]
    public async Task A_fault_on_a_step_ends_in_the_documented_answer_and_a_repeat_in_one_series_with_one_of_each(SeriesStep step, GraphFault fault)
    {
        var graph = new SeriesGraph(App.Graph, step, fault);
        var pairId = await ActivePairAsync();
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();

        using (var first = await SeriesApp.PostAsync(Adele, pairId, body, key))
        {
            Assert.True(graph.FaultDone, $"the {fault} on the {step} step was never sent");
            switch (fault)
            {
                case GraphFault.Throttled429Seconds or GraphFault.Throttled429DateSoon or GraphFault.Unavailable503:
                    // Within Graph:MaxRetryAfterSeconds: the item is sent again after its Retry-After, in the same request.
                    Assert.Equal(HttpStatusCode.Created, first.StatusCode);
                    AssertMadeOnce(graph, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement);
                    return;
                case GraphFault.Throttled429DateFar:
                    await ProblemAssert.IsProblemAsync(first, HttpStatusCode.ServiceUnavailable);
                    Assert.InRange(first.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(121));
                    break;
                case GraphFault.Hang:
                    await ProblemAssert.IsProblemAsync(first, HttpStatusCode.ServiceUnavailable);
                    await graph.EndHangAsync();
                    break;
                default:
                    await ProblemAssert.IsProblemAsync(first, HttpStatusCode.BadGateway);
                    break;
            }
        }

        await AssertNotActiveAsync(pairId);

        var (series, replayed) = await SeriesApp.CreateAsync(Adele, pairId, body, key);

        Assert.True(replayed);
        AssertMadeOnce(graph, series);
    }

    [Fact]
    public async Task The_documented_notebook_then_an_HTML_500_for_the_next_step_is_a_502_and_a_repeat_makes_no_second_notebook()
    {
        var pairId = await ActivePairAsync();
        App.Graph.Given(Post("/me/onenote/notebooks")).RespondWith(Documented(CreatedNotebook));
        App.Graph.Given(Post("/$batch")).RespondWith(HtmlError());
        var create = CreateSeriesExpecting502Async(pairId);

        await create();

        Assert.Single(Received(App.Graph, "POST", "/me/onenote/notebooks"));
        var batches = Received(App.Graph, "POST", "/$batch").Count;
        Assert.NotEqual(0, batches);

        // The failed batch may have made the section: the repeat looks for it by name first (here: not there).
        var notebookId = CreatedNotebook.Json.GetProperty("id").GetString()!;
        App.Graph.Given(Get($"/me/onenote/notebooks/{notebookId}/sections")).RespondWith(Json(new JsonObject { ["value"] = new JsonArray() }));

        // The repeat resumes after the notebook it recorded: the next step fails again, the notebook is not asked for twice.
        await create();

        Assert.Single(Received(App.Graph, "POST", "/me/onenote/notebooks"));
        // Nor looked up by name: the repeat knew it was made.
        Assert.DoesNotContain(App.Graph.LogEntries, entry => entry.RequestMessage.Method == "GET" && entry.RequestMessage.Path == V1("/me/onenote/notebooks"));
        Assert.True(Received(App.Graph, "POST", "/$batch").Count > batches, "the repeat went on to the step after the notebook");
    }

    [Fact]
    public async Task A_cut_off_create_notebook_answer_is_a_502_and_the_repeat_finds_the_documented_notebook_instead_of_making_another()
    {
        var pairId = await ActivePairAsync();
        // The POST made the notebook but its answer was cut off; were it sent again it would make a second one (201 again).
        var notebooks = Post("/me/onenote/notebooks");
        App.Graph.Given(notebooks).InScenario("answer lost").WillSetStateTo("made").RespondWith(Truncated(CreatedNotebook));
        App.Graph.Given(notebooks).InScenario("answer lost").WhenStateIs("made").RespondWith(Documented(CreatedNotebook));
        // The look-up by name lists it: the documented notebook as the item of a collection.
        App.Graph.Given(Get("/me/onenote/notebooks")).RespondWith(Collection(CreatedNotebook));
        App.Graph.Given(Post("/$batch")).RespondWith(HtmlError());
        var create = CreateSeriesExpecting502Async(pairId);

        await create();

        Assert.Single(Received(App.Graph, "POST", "/me/onenote/notebooks"));
        Assert.Empty(Received(App.Graph, "POST", "/$batch"));

        await create();

        Assert.Single(Received(App.Graph, "POST", "/me/onenote/notebooks"));
        Assert.Single(App.Graph.LogEntries, entry => entry.RequestMessage.Method == "GET" && entry.RequestMessage.Path == V1("/me/onenote/notebooks"));
        Assert.NotEmpty(Received(App.Graph, "POST", "/$batch"));
    }

    /// <summary>An active pair of Adele and Megan, proposed with the directory answering as Graph does for Megan.</summary>
    private async Task<string> ActivePairAsync()
    {
        // Megan with her dev-tenant id, the id her token carries, so that she can accept.
        var directory = new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = Megan.Id, ["mail"] = GraphConformanceApp.Megan, ["displayName"] = "Megan Bowen" }) };
        App.Graph.Given(Get("/users")).RespondWith(Json(directory));
        return Member.IdOf(await Adele.ActivePairAsync(Megan));
    }

    /// <summary>Posts one series request, the same body and Idempotency-Key every time it is called; expects a 502 problem.</summary>
    private Func<Task> CreateSeriesExpecting502Async(string pairId)
    {
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();
        return async () =>
        {
            using var response = await SeriesApp.PostAsync(Adele, pairId, body, key);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway);
        };
    }

    /// <summary>One notebook, section, page and event were made, and the series answers with them.</summary>
    private void AssertMadeOnce(SeriesGraph graph, JsonElement series)
    {
        Assert.Equal("active", series.GetProperty("status").GetString());
        Assert.Single(Received(App.Graph, "POST", "/me/onenote/notebooks"));
        Assert.Equal(1, graph.SectionsMade);
        Assert.Equal(1, graph.PagesMade);
        // Every event POST carried the one transactionId, so Graph made one event however often it was posted.
        Assert.Single(graph.EventPosts);
        var documentedEvent = SeriesGraph.CreatedEvent.Json;
        var made = series.GetProperty("event");
        Assert.Equal(documentedEvent.GetProperty("id").GetString(), made.GetProperty("id").GetString());
        Assert.Equal(documentedEvent.GetProperty("iCalUId").GetString(), made.GetProperty("iCalUId").GetString());
        Assert.Equal(documentedEvent.GetProperty("webLink").GetString(), made.GetProperty("webLink").GetString());
        var agenda = series.GetProperty("agenda");
        Assert.Equal(CreatedNotebook.Json.GetProperty("id").GetString(), agenda.GetProperty("notebookId").GetString());
        Assert.Equal(SeriesGraph.SectionId(1), agenda.GetProperty("sectionId").GetString());
        Assert.Equal(GraphConformanceApp.Megan, Assert.Single(agenda.GetProperty("sharedWith").EnumerateArray()).GetProperty("mail").GetString());
        var page = series.GetProperty("firstSession").GetProperty("agendaPage");
        Assert.Equal(SeriesGraph.PageId(1), page.GetProperty("id").GetString());
        Assert.Equal(SeriesGraph.CreatedPage.Json.GetProperty("links").GetProperty("oneNoteWebUrl").GetProperty("href").GetString(), page.GetProperty("webUrl").GetString());
    }

    /// <summary>After a failure the pair's series is still being created (never active with a part missing).</summary>
    private async Task AssertNotActiveAsync(string pairId)
    {
        using var response = await Adele.Http.GetAsync($"/api/pairs/{pairId}/series");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET series: {(int)response.StatusCode}: {text}");
        Assert.All(JsonDocument.Parse(text).RootElement.GetProperty("series").EnumerateArray(), series => Assert.NotEqual("active", series.GetProperty("status").GetString()));
    }

    /// <summary>A collection answer (our envelope) holding the documented entity unchanged.</summary>
    private static WireMock.ResponseBuilders.IResponseBuilder Collection(GraphExample item) =>
        Json(new JsonObject { ["value"] = new JsonArray(JsonNode.Parse(item.Body!)) });
}
