using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.OneNote;

/// <summary>
/// The documented OneNote and driveItem-invite examples replayed against the dev tenant (placeholders replaced by a
/// notebook, section, page and folder it holds): the same status, content type and response shape.
/// </summary>
public sealed class OneNoteConformanceTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";
    private static readonly string[] ServedEndpoints =
        ["onenote-post-notebooks", "notebook-get", "notebook-post-sections", "section-post-pages", "page-get", "page-update", "driveitem-invite"];

    /// <summary>Examples of these endpoints that are not replayed, and why.</summary>
    private static readonly Dictionary<string, string> NotReplayed = new(StringComparer.Ordinal)
    {
        ["driveitem-invite/request-body-template.json"] = "a request-body template, no response",
    };

    /// <summary>Documented properties the dev tenant types otherwise, per file, and why.</summary>
    private static readonly Dictionary<string, string[]> NotApplicable = new(StringComparer.Ordinal)
    {
        // The older revisions show userRole as {}; v1.0 types it as an enum string (the newer create-notebook example shows "Owner").
        ["onenote-post-notebooks/rev007852a-create-notebook.json"] = ["$.userRole"],
        ["notebook-get/get-notebook.json"] = ["$.userRole"],
        // content is the page's HTML stream (Edm.Stream), served at contentUrl rather than inline.
        ["page-get/get-page.json"] = ["$.content"],
    };

    /// <summary>Statuses the dev tenant answers otherwise than the example line shows, and why.</summary>
    private static readonly Dictionary<string, int> StatusAsDocumentedInText = new(StringComparer.Ordinal)
    {
        // The page text says 201 Created; the example's status line says 200 OK.
        ["section-post-pages/create-page-multipart.json"] = 201,
    };

    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;
    private string _notebookId = null!;
    private string _pageId = null!;
    private string _sectionId = null!;
    private string _itemId = null!;

    public async Task InitializeAsync()
    {
        _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        var graph = GraphClients.For(_tenant, Ana);
        var notebook = await OneNoteGraph.CreateNotebookAsync(graph, "Conformance");
        var section = await OneNoteGraph.CreateSectionAsync(graph, notebook!.Id!, "Examples");
        var page = await OneNoteGraph.CreatePageAsync(graph, section!.Id!, OneNoteGraph.Page("Example page",
            "<p data-id=\"para-id\">A paragraph</p><ul data-id=\"list-id\"><li>first</li></ul>"));
        (_notebookId, _sectionId, _pageId) = (notebook.Id!, section.Id!, page!.Id!);
        _itemId = _tenant.OneNote.Notebook(_notebookId)!.DriveItemId;
    }

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    public static TheoryData<string> ReplayedExamples() => [.. ReplayedFiles()];

    private static List<string> ReplayedFiles() =>
        [.. GraphExamples.All().Where(f => ServedEndpoints.Contains(f.Split('/')[0]) && !NotReplayed.ContainsKey(f))];

    [Fact]
    public void Every_OneNote_and_invite_example_is_replayed_or_excused()
    {
        var served = GraphExamples.All().Where(f => ServedEndpoints.Contains(f.Split('/')[0])).ToList();

        Assert.True(served.Count >= 10, $"Only {served.Count} OneNote and invite examples found.");
        Assert.All(ServedEndpoints, endpoint => Assert.Contains(served, f => f.StartsWith(endpoint + "/", StringComparison.Ordinal)));
        Assert.All(NotReplayed.Keys, f => Assert.Contains(f, served));
        Assert.Equal(served.Count, ReplayedFiles().Count + NotReplayed.Count);
    }

    [Theory]
    [MemberData(nameof(ReplayedExamples))]
    public async Task The_response_has_the_documented_status_type_and_shape(string file)
    {
        var example = GraphExamples.Load(file);
        var documented = example["response"]!.AsObject();
        var request = example["request"]!.AsObject();

        var actual = await SendAsync(request);

        var status = StatusAsDocumentedInText.TryGetValue(file, out var textStatus) ? textStatus : documented["status"]!.GetValue<int>();
        DocumentedAnswer.AssertMatches(file, documented, status, actual, NotApplicable.GetValueOrDefault(file));
    }

    private async Task<RawResponse> SendAsync(JsonObject documented)
    {
        var url = documented["url"]!.GetValue<string>()
            .Replace("https://graph.microsoft.com/v1.0", string.Empty, StringComparison.Ordinal)
            .Replace("/notebooks/{id}", $"/notebooks/{_notebookId}", StringComparison.Ordinal)
            .Replace("/sections/{id}", $"/sections/{_sectionId}", StringComparison.Ordinal)
            .Replace("/pages/{id}", $"/pages/{_pageId}", StringComparison.Ordinal)
            .Replace("{item-id}", _itemId, StringComparison.Ordinal);
        Assert.DoesNotContain("{", url, StringComparison.Ordinal);

        using var message = new HttpRequestMessage(new HttpMethod(documented["method"]!.GetValue<string>()), _tenant.GraphBaseUrl + url);
        message.Headers.Authorization = new("Bearer", _tenant.IssueGraphToken(Ana));
        var contentType = GraphExamples.Header(documented["headers"]!.AsObject(), "Content-Type") ?? "application/json";
        switch (documented["body"])
        {
            case JsonValue text:
                message.Content = new StringContent(text.GetValue<string>().Replace("\n", "\r\n", StringComparison.Ordinal), Encoding.UTF8);
                message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
                break;
            case JsonNode body:
                // The invite examples invite ryan@contoso.com: a seeded colleague stands in.
                var json = body.ToJsonString().Replace("ryan@contoso.com", "ben.carter@contoso.dev", StringComparison.Ordinal);
                message.Content = new StringContent(json, Encoding.UTF8, "application/json");
                break;
        }

        using var response = await _http.SendAsync(message);
        var responseText = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var parsed = response.Content.Headers.ContentType?.MediaType == "application/json" && responseText.Length > 0 ? JsonNode.Parse(responseText) : null;
        return new RawResponse(response.StatusCode, headers, responseText, parsed);
    }
}
