using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using static PeerMentor365.Api.Tests.GraphConformance.WireMockGraph;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>A step of a series creation after the notebook, as a fault can aim at it.</summary>
public enum SeriesStep
{
    /// <summary>POST …/notebooks/{id}/sections (in a $batch).</summary>
    Section,

    /// <summary>POST …/sections/{id}/pages (in a $batch).</summary>
    Page,

    /// <summary>POST /me/drive/items/{id}/invite: the notebook shared with the other member (in a $batch).</summary>
    Sharing,

    /// <summary>POST /me/events (in a $batch).</summary>
    Event,
}

/// <summary>What Graph does wrong, once, to the $batch (or its item) that carries the step.</summary>
public enum GraphFault
{
    /// <summary>The whole $batch answered 500 with an HTML page.</summary>
    HtmlError,

    /// <summary>The $batch answer cut off half-way (Graph did the work, the answer was lost).</summary>
    Truncated,

    /// <summary>The $batch answered only long after the API's Graph timeout (Graph did the work).</summary>
    Hang,

    /// <summary>The item answered 429 with Retry-After: 1.</summary>
    Throttled429Seconds,

    /// <summary>The item answered 429 with Retry-After as an HTTP date 2 s ahead.</summary>
    Throttled429DateSoon,

    /// <summary>The item answered 429 with Retry-After as an HTTP date 2 minutes ahead (beyond Graph:MaxRetryAfterSeconds).</summary>
    Throttled429DateFar,

    /// <summary>The item answered 503 with Retry-After: 1.</summary>
    Unavailable503,

    /// <summary>The create answered exactly as the documentation shows it, which leaves out the id (section and page only).</summary>
    ShortenedAsDocumented,
}

/// <summary>
/// Graph as a series creation meets it, on WireMock: the documented create-notebook answer, and a $batch whose items are
/// answered with Graph's documented answers for their kind (section, page, sharing invite, event). It remembers what it
/// made, as Graph does, so that a look-up by name finds an item whose answer was lost, and an event posted again with the
/// same transactionId is the same event. One planned <see cref="GraphFault"/> hits the first $batch carrying its step.
/// </summary>
internal sealed class SeriesGraph
{
    public static readonly GraphExample CreatedNotebook = GraphExamples.Response("onenote-post-notebooks/create-notebook.json");
    public static readonly GraphExample CreatedSection = GraphExamples.Response("notebook-post-sections/create-section.json");
    public static readonly GraphExample CreatedPage = GraphExamples.Response("section-post-pages/create-page-multipart.json");
    public static readonly GraphExample SharingInvite = GraphExamples.Response("driveitem-invite/send-sharing-invite.json");
    public static readonly GraphExample CreatedEvent = GraphExamples.Response("user-post-events/example-3-create-recurring-event.json");

    private readonly object _gate = new();
    private readonly List<JsonNode> _sections = [];
    private readonly List<JsonNode> _pages = [];
    private readonly Dictionary<string, int> _eventPosts = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _hangOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WireMockServer _server;
    private readonly SeriesStep _faultStep;
    private GraphFault? _fault;

    public SeriesGraph(WireMockServer server, SeriesStep faultStep = SeriesStep.Section, GraphFault? fault = null)
    {
        _server = server;
        _faultStep = faultStep;
        _fault = fault;
        server.Given(Post("/me/onenote/notebooks")).RespondWith(Documented(CreatedNotebook));
        server.Given(Post("/$batch")).RespondWith(Response.Create().WithCallback(AnswerBatchAsync));
        server.Given(Request.Create().UsingGet().WithPath(new RegexMatcher(@"^/v1\.0/me/onenote/notebooks/[^/]+/sections$")))
            .RespondWith(Response.Create().WithCallback(_ => Message(200, "application/json", Collection(_sections))));
        server.Given(Request.Create().UsingGet().WithPath(new RegexMatcher(@"^/v1\.0/me/onenote/sections/[^/]+/pages$")))
            .RespondWith(Response.Create().WithCallback(_ => Message(200, "application/json", Collection(_pages))));
    }

    /// <summary>The id Graph gives the n-th section it makes (the documented answer shows none: it is shortened).</summary>
    public static string SectionId(int n) => $"1-section-{n}";

    public static string PageId(int n) => $"1-page-{n}";

    public int SectionsMade { get { lock (_gate) { return _sections.Count; } } }

    public int PagesMade { get { lock (_gate) { return _pages.Count; } } }

    /// <summary>Every event POST by its transactionId: one key is one event, however often it was posted.</summary>
    public IReadOnlyDictionary<string, int> EventPosts { get { lock (_gate) { return new Dictionary<string, int>(_eventPosts); } } }

    /// <summary>Whether the planned fault has happened.</summary>
    public bool FaultDone { get { lock (_gate) { return _fault is null; } } }

    /// <summary>
    /// Ends a hanging answer (the API gave up on it long ago) and waits until WireMock has logged it, so that it cannot
    /// land in the log of the next test.
    /// </summary>
    public async Task EndHangAsync()
    {
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = Received(_server, "POST", "/$batch").Count;
        NotifyCollectionChangedEventHandler changed = (_, _) =>
        {
            if (Received(_server, "POST", "/$batch").Count > before)
            {
                logged.TrySetResult();
            }
        };
        _server.LogEntriesChanged += changed;
        try
        {
            _hangOver.TrySetResult();
            await logged.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            _server.LogEntriesChanged -= changed;
        }
    }

    private async Task<IResponseMessage> AnswerBatchAsync(IRequestMessage request)
    {
        var items = JsonNode.Parse(request.Body!)!["requests"]!.AsArray();
        GraphFault? fault;
        lock (_gate)
        {
            fault = items.Any(item => StepOf(item!) == _faultStep) ? _fault : null;
            _fault = fault is null ? _fault : null;
        }

        if (fault == GraphFault.HtmlError)
        {
            return Message(500, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>");
        }

        var envelope = BatchEnvelope(request.Body!, item => Answer(item, StepOf(item) == _faultStep ? fault : null));
        switch (fault)
        {
            case GraphFault.Truncated:
                return Message(200, "application/json", envelope[..(envelope.Length / 2)]);
            case GraphFault.Hang:
                // Graph made the items but answers only after the API's timeout (the test ends the hang when done with it).
                await _hangOver.Task;
                break;
        }

        return Message(200, "application/json", envelope);
    }

    private BatchItemAnswer Answer(JsonNode item, GraphFault? fault)
    {
        switch (fault)
        {
            case GraphFault.Throttled429Seconds:
                return BatchItemAnswer.Throttled(429, "1");
            case GraphFault.Throttled429DateSoon:
                return BatchItemAnswer.Throttled(429, HttpDate(TimeSpan.FromSeconds(2)));
            case GraphFault.Throttled429DateFar:
                return BatchItemAnswer.Throttled(429, HttpDate(TimeSpan.FromMinutes(2)));
            case GraphFault.Unavailable503:
                return BatchItemAnswer.Throttled(503, "1");
        }

        var shortened = fault == GraphFault.ShortenedAsDocumented;
        var url = item["url"]!.GetValue<string>();
        lock (_gate)
        {
            switch (item["method"]!.GetValue<string>())
            {
                case "POST" when Path(url).EndsWith("/sections", StringComparison.Ordinal):
                    return Made(_sections, CreatedSection, SectionId(_sections.Count + 1), shortened);
                case "POST" when Path(url).EndsWith("/pages", StringComparison.Ordinal):
                    return Made(_pages, CreatedPage, PageId(_pages.Count + 1), shortened);
                case "POST" when Path(url).EndsWith("/invite", StringComparison.Ordinal):
                    return BatchItemAnswer.Of(SharingInvite);
                case "POST" when Path(url) == "/me/events":
                    var transactionId = item["body"]!["transactionId"]!.GetValue<string>();
                    _eventPosts[transactionId] = _eventPosts.GetValueOrDefault(transactionId) + 1;
                    return BatchItemAnswer.Of(CreatedEvent);
                case "GET" when Path(url).EndsWith("/permissions", StringComparison.Ordinal):
                    // The documented invite answers with the permissions it granted: the shape of a folder's permission list.
                    return BatchItemAnswer.Of(SharingInvite with { Status = 200 });
                case "GET" when Path(url).StartsWith("/shares/", StringComparison.Ordinal):
                    // The notebook's folder (no documented example of GET /shares/{token}/driveItem: ours, as $select asks).
                    return new BatchItemAnswer(200, new JsonObject { ["Content-Type"] = "application/json" }, new JsonObject
                    {
                        ["id"] = "01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K",
                        ["name"] = CreatedNotebook.Json.GetProperty("displayName").GetString(),
                        ["webUrl"] = CreatedNotebook.Json.GetProperty("links").GetProperty("oneNoteWebUrl").GetProperty("href").GetString(),
                    }.ToJsonString());
                default:
                    throw new InvalidOperationException($"The series creation sent an item this mock does not know: {item["method"]} {url}");
            }
        }
    }

    /// <summary>
    /// Records a made item and answers the documented create with the id Graph always sends (the documentation shortened
    /// it away), or, <paramref name="shortened"/>, exactly as documented.
    /// </summary>
    private static BatchItemAnswer Made(List<JsonNode> made, GraphExample documented, string id, bool shortened)
    {
        var item = JsonNode.Parse(documented.Body!)!;
        item["id"] = id;
        made.Add(item);
        var answer = BatchItemAnswer.Of(documented);
        return shortened ? answer : answer with { Body = item.ToJsonString() };
    }

    private static SeriesStep? StepOf(JsonNode item) => Path(item["url"]!.GetValue<string>()) switch
    {
        var path when path.EndsWith("/sections", StringComparison.Ordinal) => SeriesStep.Section,
        var path when path.EndsWith("/pages", StringComparison.Ordinal) => SeriesStep.Page,
        var path when path.EndsWith("/invite", StringComparison.Ordinal) => SeriesStep.Sharing,
        "/me/events" => SeriesStep.Event,
        _ => null,
    };

    /// <summary>The item's path without the query (the SDK writes batch urls relative to /v1.0).</summary>
    private static string Path(string url) => url.Split('?')[0];

    private string Collection(List<JsonNode> items)
    {
        lock (_gate)
        {
            return new JsonObject { ["value"] = new JsonArray([.. items.Select(item => item.DeepClone())]) }.ToJsonString();
        }
    }

    private static string HttpDate(TimeSpan ahead) => DateTimeOffset.UtcNow.Add(ahead).ToString("R", CultureInfo.InvariantCulture);

    private static ResponseMessage Message(int status, string contentType, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", contentType);
        return message;
    }
}
