using System.Net;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>The agenda look-up (GET /api/agenda/lookup) against Graph's documented events and the failures Graph makes.</summary>
public sealed class AgendaLookupConformanceTests(GraphConformanceApp app) : GraphConformanceTest(app)
{
    private static readonly GraphExample Instances = GraphExamples.Response("event-list-instances/list-instances-series-master-select.json");

    /// <summary>The documented occurrence (an item of the documented instances list, as GET /me/events/{id} answers it).</summary>
    private static (string Id, GraphExample Answer) Occurrence()
    {
        var item = Instances.Json.GetProperty("value").EnumerateArray().First(entry => entry.GetProperty("type").GetString() == "occurrence");
        return (item.GetProperty("id").GetString()!, Instances with { Body = item.GetRawText() });
    }

    [Fact]
    public async Task A_500_with_an_HTML_body_is_a_502_problem()
    {
        var (id, _) = Occurrence();
        App.Graph.Given(Get("/me/events/" + id)).RespondWith(HtmlError());

        await LookUpExpectingAsync(id, HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Truncated_JSON_is_a_502_problem()
    {
        var (id, occurrence) = Occurrence();
        App.Graph.Given(Get("/me/events/" + id)).RespondWith(Truncated(occurrence));

        await LookUpExpectingAsync(id, HttpStatusCode.BadGateway);
    }

    private async Task LookUpExpectingAsync(string id, HttpStatusCode status)
    {
        using var response = await AdeleClient.GetAsync("/api/agenda/lookup?itemId=" + Uri.EscapeDataString(id));
        await Infrastructure.ProblemAssert.IsProblemAsync(response, status);
    }
}
