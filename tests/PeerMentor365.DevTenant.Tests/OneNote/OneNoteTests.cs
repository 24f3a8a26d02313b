using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.OneNote;

/// <summary>Notebooks, sections and pages through the Graph SDK over HTTP: create, read, filter, name rules, page HTML.</summary>
public sealed class OneNoteTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";
    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;
    private GraphServiceClient _ana = null!;

    public async Task InitializeAsync()
    {
        _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        _ana = GraphClients.For(_tenant, Ana);
    }

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    [Fact]
    public async Task A_notebook_is_created_with_Graphs_shape_and_read_back()
    {
        var created = await OneNoteGraph.CreateNotebookAsync(_ana, "Peer mentoring – Ana & Ben (p3k9)");

        Assert.NotNull(created);
        Assert.Equal("Peer mentoring – Ana & Ben (p3k9)", created.DisplayName);
        Assert.Equal(OnenoteUserRole.Owner, created.UserRole);
        Assert.False(created.IsShared);
        Assert.False(created.IsDefault);
        Assert.StartsWith("https://contoso-my.sharepoint.com/personal/ana_souza_contoso_dev/Documents/Notebooks/", created.Links!.OneNoteWebUrl!.Href);
        Assert.Equal("onenote:" + created.Links.OneNoteWebUrl.Href, created.Links.OneNoteClientUrl!.Href);
        Assert.EndsWith($"/onenote/notebooks/{created.Id}", created.Self);
        Assert.Equal(created.Self + "/sections", created.SectionsUrl);
        Assert.NotNull(created.CreatedDateTime);

        var read = await _ana.Me.Onenote.Notebooks[created.Id].GetAsync();
        Assert.Equal(created.Id, read!.Id);
        Assert.Equal(created.DisplayName, read.DisplayName);

        var stored = Assert.Single(_tenant.OneNote.NotebooksOf(Ana));
        Assert.Equal(created.Id, stored.Id);
        Assert.Equal(created.Links.OneNoteWebUrl.Href, stored.WebUrl);
    }

    [Fact]
    public async Task The_create_answers_201_with_a_Location_and_a_second_notebook_of_that_name_gets_20117()
    {
        var first = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", Ana, new JsonObject { ["displayName"] = "Agendas" });
        var again = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", Ana, new JsonObject { ["displayName"] = "agendas" });

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Body["self"]!.GetValue<string>(), first.Headers["Location"]);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("20117", again.ErrorCode);
        Assert.Single(_tenant.OneNote.NotebooksOf(Ana));

        // Another user may use the same name: names are unique per user.
        var ben = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", "ben.carter@contoso.dev", new JsonObject { ["displayName"] = "Agendas" });
        Assert.Equal(HttpStatusCode.Created, ben.Status);
    }

    [Fact]
    public async Task Five_simultaneous_creates_of_one_name_make_one_notebook_and_four_20117s()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", Ana, new JsonObject { ["displayName"] = "Double click" })));

        Assert.Single(attempts, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(4, attempts.Count(a => a.Status == HttpStatusCode.Conflict && a.ErrorCode == "20117"));
        Assert.Single(_tenant.OneNote.NotebooksOf(Ana));
    }

    [Fact]
    public async Task The_SDK_sees_20117_as_an_ODataError_with_that_code()
    {
        await OneNoteGraph.CreateNotebookAsync(_ana, "Twice");

        var error = await OneNoteGraph.FailsAsync(() => OneNoteGraph.CreateNotebookAsync(_ana, "Twice"));

        Assert.Equal("20117", error.Error!.Code);
        Assert.Equal(409, error.ResponseStatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("What?")]
    [InlineData("a/b")]
    [InlineData("It's")]
    [InlineData("say \"hi\"")]
    [InlineData("x|y")]
    public async Task A_notebook_name_against_OneNotes_rules_is_400(string name)
    {
        var response = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", Ana, new JsonObject { ["displayName"] = name });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Empty(_tenant.OneNote.NotebooksOf(Ana));
    }

    [Fact]
    public async Task Notebook_names_up_to_128_characters_are_accepted_and_longer_ones_refused()
    {
        var ok = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", Ana, new JsonObject { ["displayName"] = new string('n', 128) });
        var tooLong = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks", Ana, new JsonObject { ["displayName"] = new string('n', 129) });

        Assert.Equal(HttpStatusCode.Created, ok.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
    }

    [Fact]
    public async Task Notebooks_are_found_by_displayName_with_select_and_top()
    {
        await OneNoteGraph.CreateNotebookAsync(_ana, "Peer mentoring – Ana & Ben (p3k9)");
        await OneNoteGraph.CreateNotebookAsync(_ana, "Peer mentoring – Ana & Chloé (x1y2)");
        await OneNoteGraph.CreateNotebookAsync(_ana, "Team");

        var found = await _ana.Me.Onenote.Notebooks.GetAsync(r =>
        {
            r.QueryParameters.Filter = "displayName eq 'Peer mentoring – Ana & Chloé (x1y2)'";
            r.QueryParameters.Select = ["id", "displayName"];
        });
        var top = await _ana.Me.Onenote.Notebooks.GetAsync(r => r.QueryParameters.Top = 2);
        var none = await _ana.Me.Onenote.Notebooks.GetAsync(r => r.QueryParameters.Filter = "displayName eq 'Nobody''s'");

        var notebook = Assert.Single(found!.Value!);
        Assert.Equal("Peer mentoring – Ana & Chloé (x1y2)", notebook.DisplayName);
        Assert.Null(notebook.Links);
        Assert.Equal(2, top!.Value!.Count);
        Assert.Empty(none!.Value!);
    }

    [Fact]
    public async Task An_unparseable_filter_is_400_not_500()
    {
        var response = await RawGraph.GetAsync(_http, _tenant, "/me/onenote/notebooks?$filter=displayName%20eq%20'open", Ana);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Sections_are_unique_per_notebook_and_found_by_displayName()
    {
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Pairs");
        var other = await OneNoteGraph.CreateNotebookAsync(_ana, "Other");

        var section = await OneNoteGraph.CreateSectionAsync(_ana, notebook!.Id!, "Series from 2026-12-01");
        var again = await OneNoteGraph.FailsAsync(() => OneNoteGraph.CreateSectionAsync(_ana, notebook.Id!, "Series from 2026-12-01"));
        var elsewhere = await OneNoteGraph.CreateSectionAsync(_ana, other!.Id!, "Series from 2026-12-01");
        var badName = await OneNoteGraph.FailsAsync(() => OneNoteGraph.CreateSectionAsync(_ana, notebook.Id!, "Q1 & Q2"));
        var tooLong = await OneNoteGraph.FailsAsync(() => OneNoteGraph.CreateSectionAsync(_ana, notebook.Id!, new string('s', 51)));

        Assert.Equal(notebook.Id, section!.ParentNotebook!.Id);
        Assert.EndsWith($"/onenote/sections/{section.Id}/pages", section.PagesUrl);
        Assert.NotNull(section.Links!.OneNoteWebUrl!.Href);
        Assert.Equal("20117", again.Error!.Code);
        Assert.NotEqual(section.Id, elsewhere!.Id);
        Assert.Equal(400, badName.ResponseStatusCode);
        Assert.Equal(400, tooLong.ResponseStatusCode);

        var found = await _ana.Me.Onenote.Notebooks[notebook.Id].Sections.GetAsync(r => r.QueryParameters.Filter = "displayName eq 'Series from 2026-12-01'");
        Assert.Equal(section.Id, Assert.Single(found!.Value!).Id);
        Assert.Equal("Series from 2026-12-01", (await _ana.Me.Onenote.Sections[section.Id].GetAsync())!.DisplayName);
    }

    [Fact]
    public async Task A_section_of_an_unknown_notebook_is_404_with_OneNotes_code()
    {
        var error = await OneNoteGraph.FailsAsync(() => OneNoteGraph.CreateSectionAsync(_ana, "1-00000000-0000-0000-0000-000000000000", "S"));

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("20102", error.Error!.Code);
    }

    [Fact]
    public async Task A_page_is_created_from_XHTML_with_its_title_created_time_and_Location()
    {
        var section = await NewSectionAsync();
        var html = OneNoteGraph.Page("Peer mentoring – 2026-12-01",
            "<h1>Check-in</h1><p data-tag=\"to-do\" data-id=\"c_1\">Read the book</p>", "2026-12-01T15:00:00+00:00");

        var page = await OneNoteGraph.CreatePageAsync(_ana, section.Id!, html);

        Assert.Equal("Peer mentoring – 2026-12-01", page!.Title);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), page.CreatedDateTime);
        Assert.Equal(section.Id, page.ParentSection!.Id);
        Assert.EndsWith($"/onenote/pages/{page.Id}/content", page.ContentUrl);
        Assert.StartsWith("https://", page.Links!.OneNoteWebUrl!.Href);
        Assert.StartsWith("onenote:", page.Links.OneNoteClientUrl!.Href);

        var raw = await RawPostPageAsync(section.Id!, html, "application/xhtml+xml");
        Assert.Equal(HttpStatusCode.Created, raw.Status);
        Assert.Equal(raw.Body["self"]!.GetValue<string>(), raw.Headers["Location"]);

        var content = await OneNoteGraph.ContentAsync(_ana.Me.Onenote.Pages[page.Id]);
        var document = XElement.Parse(content);
        Assert.Equal("Peer mentoring – 2026-12-01", document.Descendants("title").Single().Value);
        var todo = document.Descendants("p").Single();
        Assert.Equal("to-do", (string?)todo.Attribute("data-tag"));
        Assert.Equal("c_1", (string?)todo.Attribute("data-id"));
        Assert.Equal("Read the book", todo.Value);
    }

    [Fact]
    public async Task Hostile_text_comes_back_encoded_and_scripts_forms_and_css_are_stripped()
    {
        var section = await NewSectionAsync();
        const string rtl = "\u202Eevil\u202C";
        var longText = new string('x', 20_000);
        var html = OneNoteGraph.Page("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co",
            "<p data-id=\"goal\">&lt;script&gt;alert('x')&lt;/script&gt;</p>"
            + "<p>\"&gt;&lt;img src=x onerror=alert(1)&gt;</p>"
            + $"<p>{rtl}</p><p>{longText}</p>"
            + "<script>alert('live')</script>"
            + "<style>p { color: red }</style>"
            + "<form action=\"https://evil.example\"><input name=\"q\" /></form>"
            + "<p id=\"mine\" onclick=\"steal()\">click</p>"
            + "<a href=\"javascript:alert(1)\">link</a>");

        var page = await OneNoteGraph.CreatePageAsync(_ana, section.Id!, html);
        var content = await OneNoteGraph.ContentAsync(_ana.Me.Onenote.Pages[page!.Id]);

        Assert.Equal("<script>alert(1)</script> & co", page.Title);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", content, StringComparison.Ordinal);
        Assert.Contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;", content, StringComparison.Ordinal);
        Assert.Contains(rtl, content, StringComparison.Ordinal);
        Assert.Contains(longText, content, StringComparison.Ordinal);
        var document = XElement.Parse(content);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "style" or "form" or "input" or "img");
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName is "onclick" or "id");
        Assert.DoesNotContain("javascript:", content, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("<script>alert('x')</script>", document.Descendants("p").Single(p => (string?)p.Attribute("data-id") == "goal").Value);
        Assert.Equal(content, _tenant.OneNote.Page(page.Id!)!.Html);
    }

    [Theory]
    [InlineData("<html><head><title>T</title></head><body><p>open</body></html>")]
    [InlineData("<html><head><title>T</title></head><body><p class=x>unquoted</p></body></html>")]
    [InlineData("not html at all")]
    public async Task Malformed_XHTML_is_400_with_a_OneNote_code_and_creates_nothing(string html)
    {
        var section = await NewSectionAsync();

        var response = await RawPostPageAsync(section.Id!, html);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("20109", response.ErrorCode);
        Assert.Empty(_tenant.OneNote.NotebooksOf(Ana).Single().Pages);
    }

    [Fact]
    public async Task A_page_with_an_invalid_created_time_or_the_wrong_content_type_is_refused()
    {
        var section = await NewSectionAsync();

        var badCreated = await RawPostPageAsync(section.Id!, OneNoteGraph.Page("T", "<p>x</p>", "next tuesday"));
        var json = await RawGraph.PostAsync(_http, _tenant, $"/me/onenote/sections/{section.Id}/pages", Ana, new JsonObject { ["title"] = "T" });

        Assert.Equal(HttpStatusCode.BadRequest, badCreated.Status);
        Assert.Equal("20007", badCreated.ErrorCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.Status);
    }

    [Fact]
    public async Task Pages_are_found_by_title_with_select_top_and_paging()
    {
        var section = await NewSectionAsync();
        for (var i = 1; i <= 25; i++)
        {
            await OneNoteGraph.CreatePageAsync(_ana, section.Id!, OneNoteGraph.Page($"Peer mentoring – 2026-12-{i:00}", "<p>agenda</p>"));
        }

        var byTitle = await _ana.Me.Onenote.Sections[section.Id].Pages.GetAsync(r =>
        {
            r.QueryParameters.Filter = "title eq 'Peer mentoring – 2026-12-07'";
            r.QueryParameters.Select = ["id", "title"];
        });
        var contains = await _ana.Me.Onenote.Sections[section.Id].Pages.GetAsync(r => r.QueryParameters.Filter = "contains(tolower(title),'2026-12-1')");
        var firstPage = await _ana.Me.Onenote.Sections[section.Id].Pages.GetAsync();
        var top = await _ana.Me.Onenote.Sections[section.Id].Pages.GetAsync(r => r.QueryParameters.Top = 100);
        var overMax = await RawGraph.GetAsync(_http, _tenant, $"/me/onenote/sections/{section.Id}/pages?$top=101", Ana);

        Assert.Equal("Peer mentoring – 2026-12-07", Assert.Single(byTitle!.Value!).Title);
        Assert.Equal(10, contains!.Value!.Count);
        Assert.Equal(20, firstPage!.Value!.Count);
        Assert.NotNull(firstPage.OdataNextLink);
        Assert.Equal(25, top!.Value!.Count);
        Assert.Equal(HttpStatusCode.BadRequest, overMax.Status);

        var next = await _ana.Me.Onenote.Sections[section.Id].Pages.WithUrl(firstPage.OdataNextLink).GetAsync();
        Assert.Equal(5, next!.Value!.Count);
        Assert.Empty(firstPage.Value.Select(p => p.Id).Intersect(next.Value.Select(p => p.Id)));
    }

    [Fact]
    public async Task A_page_reads_back_as_JSON_with_the_documented_properties()
    {
        var section = await NewSectionAsync();
        var page = await OneNoteGraph.CreatePageAsync(_ana, section.Id!, OneNoteGraph.Page("One", "<p>x</p>"));

        var read = await _ana.Me.Onenote.Pages[page!.Id].GetAsync();
        var all = await _ana.Me.Onenote.Pages.GetAsync();
        var missing = await RawGraph.GetAsync(_http, _tenant, "/me/onenote/pages/1-0000!1-0000/content", Ana);

        Assert.Equal("One", read!.Title);
        Assert.Equal(page.Self, read.Self);
        Assert.NotNull(read.CreatedByAppId);
        Assert.NotNull(read.LastModifiedDateTime);
        Assert.Contains(all!.Value!, p => p.Id == page.Id);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("20102", missing.ErrorCode);
    }

    [Fact]
    public async Task Sections_and_pages_are_created_and_read_inside_a_batch()
    {
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Batched");
        var sectionStep = _ana.Me.Onenote.Notebooks[notebook!.Id].Sections.ToPostRequestInformation(new OnenoteSection { DisplayName = "Series" });
        var lookup = _ana.Me.Onenote.Notebooks.ToGetRequestInformation(r => r.QueryParameters.Filter = "displayName eq 'Batched'");

        var first = new BatchRequestContentCollection(_ana);
        var sectionId = await first.AddBatchRequestStepAsync(sectionStep);
        var lookupId = await first.AddBatchRequestStepAsync(lookup);
        var firstResponse = await _ana.Batch.PostAsync(first);
        var section = await firstResponse.GetResponseByIdAsync<OnenoteSection>(sectionId);
        var found = await firstResponse.GetResponseByIdAsync<NotebookCollectionResponse>(lookupId);

        // The SDK sends the text/html page base64-encoded inside the batch.
        var second = new BatchRequestContentCollection(_ana);
        var pageId = await second.AddBatchRequestStepAsync(OneNoteGraph.PageRequest(_ana, section.Id!, OneNoteGraph.Page("Batched page", "<p>&lt;b&gt;not bold&lt;/b&gt;</p>")));
        var page = await (await _ana.Batch.PostAsync(second)).GetResponseByIdAsync<OnenotePage>(pageId);

        var third = new BatchRequestContentCollection(_ana);
        var contentId = await third.AddBatchRequestStepAsync(_ana.Me.Onenote.Pages[page.Id].Content.ToGetRequestInformation());
        using var contentResponse = await (await _ana.Batch.PostAsync(third)).GetResponseByIdAsync(contentId);
        var html = await contentResponse.Content.ReadAsStringAsync();

        Assert.Equal("Series", section.DisplayName);
        Assert.Equal(notebook.Id, Assert.Single(found.Value!).Id);
        Assert.Equal("Batched page", page.Title);
        Assert.Equal(HttpStatusCode.OK, contentResponse.StatusCode);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Equal(_tenant.OneNote.Page(page.Id!)!.Html, html);
    }

    [Fact]
    public async Task A_page_sent_as_a_plain_string_in_a_batch_is_created_too()
    {
        var section = await NewSectionAsync();
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["method"] = "POST",
                ["url"] = $"/me/onenote/sections/{section.Id}/pages",
                ["headers"] = new JsonObject { ["Content-Type"] = "text/html" },
                ["body"] = OneNoteGraph.Page("Plain", "<p>ok</p>"),
            }),
        };

        var response = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, batch);

        var item = response.Body["responses"]![0]!;
        Assert.Equal(201, item["status"]!.GetValue<int>());
        Assert.Equal("Plain", item["body"]!["title"]!.GetValue<string>());
        Assert.NotNull(item["headers"]!["Location"]);
    }

    [Fact]
    public async Task OneNote_requests_get_injected_faults_like_every_Graph_request()
    {
        var section = await NewSectionAsync();
        _tenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.ServiceUnavailable, PathPrefix = "/me/onenote", MaxFaults = 1 });

        var faulted = await RawPostPageAsync(section.Id!, OneNoteGraph.Page("T", "<p>x</p>"));
        var after = await RawPostPageAsync(section.Id!, OneNoteGraph.Page("T", "<p>x</p>"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.True(faulted.Headers.ContainsKey("Retry-After"));
        Assert.Equal(HttpStatusCode.Created, after.Status);
        Assert.Single(_tenant.OneNote.NotebooksOf(Ana).Single().Pages);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_page_write_leaves_the_page_for_a_look_up_by_title()
    {
        var section = await NewSectionAsync();
        _tenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/me/onenote/sections", MaxFaults = 1 });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawPostPageAsync(section.Id!, OneNoteGraph.Page("Peer mentoring – 2026-12-01", "<p>x</p>")));
        var found = await _ana.Me.Onenote.Sections[section.Id].Pages.GetAsync(r => r.QueryParameters.Filter = "title eq 'Peer mentoring – 2026-12-01'");

        Assert.Single(found!.Value!);
        Assert.Single(_tenant.OneNote.NotebooksOf(Ana).Single().Pages);
    }

    private async Task<OnenoteSection> NewSectionAsync()
    {
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Notebook " + Guid.NewGuid().ToString("N")[..6]);
        return (await OneNoteGraph.CreateSectionAsync(_ana, notebook!.Id!, "Section"))!;
    }

    private async Task<RawResponse> RawPostPageAsync(string sectionId, string html, string contentType = "text/html")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_tenant.GraphBaseUrl}/me/onenote/sections/{sectionId}/pages");
        request.Headers.Authorization = new("Bearer", _tenant.IssueGraphToken(Ana));
        request.Content = new StringContent(html, Encoding.UTF8, contentType);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        return new RawResponse(response.StatusCode, headers, text, json);
    }
}
