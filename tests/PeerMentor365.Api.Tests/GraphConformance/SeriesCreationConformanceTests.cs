using System.Net;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.SeriesApi;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>
/// A series creation (POST /api/pairs/{id}/series) against Graph's documented create-notebook answer, then a failure at
/// the next step (the $batch of section, page and event): a problem answer, and no second notebook on a repeat.
/// </summary>
[Collection(GraphConformance.Name)]
public sealed class SeriesCreationConformanceTests : IDisposable
{
    private static readonly GraphExample CreatedNotebook = GraphExamples.Response("onenote-post-notebooks/create-notebook.json");

    private readonly GraphConformanceApp _app;
    private readonly Member _adele;
    private readonly Member _megan;

    public SeriesCreationConformanceTests(GraphConformanceApp app)
    {
        _app = app;
        _app.Graph.Reset();
        _adele = new Member(app.Api, app.DevTenant, GraphConformanceApp.Adele);
        _megan = new Member(app.Api, app.DevTenant, GraphConformanceApp.Megan);
    }

    [Fact]
    public async Task The_documented_notebook_then_an_HTML_500_for_the_next_step_is_a_502_and_a_repeat_makes_no_second_notebook()
    {
        var pairId = await ActivePairAsync();
        _app.Graph.Given(Post("/me/onenote/notebooks")).RespondWith(Documented(CreatedNotebook));
        _app.Graph.Given(Post("/$batch")).RespondWith(HtmlError());
        var create = CreateSeriesExpecting502Async(pairId);

        await create();

        Assert.Single(Received(_app.Graph, "POST", "/me/onenote/notebooks"));
        var batches = Received(_app.Graph, "POST", "/$batch").Count;
        Assert.NotEqual(0, batches);

        // The failed batch may have made the section: the repeat looks for it by name first (here: not there).
        var notebookId = CreatedNotebook.Json.GetProperty("id").GetString()!;
        _app.Graph.Given(Get($"/me/onenote/notebooks/{notebookId}/sections")).RespondWith(Json(new JsonObject { ["value"] = new JsonArray() }));

        // The repeat resumes after the notebook it recorded: the next step fails again, the notebook is not asked for twice.
        await create();

        Assert.Single(Received(_app.Graph, "POST", "/me/onenote/notebooks"));
        // Nor looked up by name: the repeat knew it was made.
        Assert.DoesNotContain(_app.Graph.LogEntries, entry => entry.RequestMessage.Method == "GET" && entry.RequestMessage.Path == V1("/me/onenote/notebooks"));
        Assert.True(Received(_app.Graph, "POST", "/$batch").Count > batches, "the repeat went on to the step after the notebook");
    }

    [Fact]
    public async Task A_cut_off_create_notebook_answer_is_a_502_and_the_repeat_finds_the_documented_notebook_instead_of_making_another()
    {
        var pairId = await ActivePairAsync();
        // The POST made the notebook but its answer was cut off; were it sent again it would make a second one (201 again).
        var notebooks = Post("/me/onenote/notebooks");
        _app.Graph.Given(notebooks).InScenario("answer lost").WillSetStateTo("made").RespondWith(Truncated(CreatedNotebook));
        _app.Graph.Given(notebooks).InScenario("answer lost").WhenStateIs("made").RespondWith(Documented(CreatedNotebook));
        // The look-up by name lists it: the documented notebook as the item of a collection.
        _app.Graph.Given(Get("/me/onenote/notebooks")).RespondWith(Collection(CreatedNotebook));
        _app.Graph.Given(Post("/$batch")).RespondWith(HtmlError());
        var create = CreateSeriesExpecting502Async(pairId);

        await create();

        Assert.Single(Received(_app.Graph, "POST", "/me/onenote/notebooks"));
        Assert.Empty(Received(_app.Graph, "POST", "/$batch"));

        await create();

        Assert.Single(Received(_app.Graph, "POST", "/me/onenote/notebooks"));
        Assert.Single(_app.Graph.LogEntries, entry => entry.RequestMessage.Method == "GET" && entry.RequestMessage.Path == V1("/me/onenote/notebooks"));
        Assert.NotEmpty(Received(_app.Graph, "POST", "/$batch"));
    }

    /// <summary>An active pair of Adele and Megan, proposed with the directory answering as Graph does for Megan.</summary>
    private async Task<string> ActivePairAsync()
    {
        // Megan with her dev-tenant id, the id her token carries, so that she can accept.
        var directory = new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = _megan.Id, ["mail"] = GraphConformanceApp.Megan, ["displayName"] = "Megan Bowen" }) };
        _app.Graph.Given(Get("/users")).RespondWith(Json(directory));
        return Member.IdOf(await _adele.ActivePairAsync(_megan));
    }

    /// <summary>Posts one series request, the same body and Idempotency-Key every time it is called; expects a 502 problem.</summary>
    private Func<Task> CreateSeriesExpecting502Async(string pairId)
    {
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();
        return async () =>
        {
            using var response = await SeriesApp.PostAsync(_adele, pairId, body, key);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway);
        };
    }

    /// <summary>A collection answer (our envelope) holding the documented entity unchanged.</summary>
    private static WireMock.ResponseBuilders.IResponseBuilder Collection(GraphExample item) =>
        Json(new JsonObject { ["value"] = new JsonArray(JsonNode.Parse(item.Body!)) });

    public void Dispose()
    {
        _adele.Dispose();
        _megan.Dispose();
    }
}
