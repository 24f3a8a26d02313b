using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Graph;
using Microsoft.Graph.Me.Onenote.Pages.Item.OnenotePatchContent;
using Microsoft.Graph.Models;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.OneNote;

/// <summary>PATCH /pages/{id}/content: append to the body, replace by data-id, insert, replace the title; all or nothing.</summary>
public sealed class PagePatchTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";
    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;
    private GraphServiceClient _ana = null!;
    private OnenotePage _page = null!;

    public async Task InitializeAsync()
    {
        _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        _ana = GraphClients.For(_tenant, Ana);
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Patched");
        var section = await OneNoteGraph.CreateSectionAsync(_ana, notebook!.Id!, "Series");
        _page = (await OneNoteGraph.CreatePageAsync(_ana, section!.Id!, OneNoteGraph.Page("Session 1",
            "<h2>Commitments</h2><p data-tag=\"to-do\" data-id=\"c_1\">Read the book</p><p data-id=\"notes\">Notes</p>")))!;
    }

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    private Task<RawResponse> PatchAsync(JsonNode commands) =>
        RawGraph.SendAsync(_http, _tenant, HttpMethod.Patch, $"/me/onenote/pages/{_page.Id}/content", _tenant.IssueGraphToken(Ana), commands);

    private async Task<XElement> ContentAsync() => XElement.Parse(await OneNoteGraph.ContentAsync(_ana.Me.Onenote.Pages[_page.Id]));

    [Fact]
    public async Task Append_replace_by_data_id_insert_and_title_replace_apply_in_order()
    {
        var response = await PatchAsync(new JsonArray(
            new JsonObject { ["target"] = "body", ["action"] = "append", ["content"] = "<p data-tag=\"to-do\" data-id=\"c_2\">&lt;b&gt;New&lt;/b&gt; item</p>" },
            new JsonObject { ["target"] = "#c_1", ["action"] = "replace", ["content"] = "<p data-tag=\"to-do:completed\" data-id=\"c_1\">Read the book</p>" },
            new JsonObject { ["target"] = "#notes", ["action"] = "insert", ["position"] = "before", ["content"] = "<h2>Notes</h2>" },
            new JsonObject { ["target"] = "title", ["action"] = "replace", ["content"] = "Session 1 (updated)" }));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        var document = await ContentAsync();
        var paragraphs = document.Descendants("p").ToList();
        Assert.Equal(["c_1", "notes", "c_2"], paragraphs.Select(p => (string?)p.Attribute("data-id")));
        Assert.Equal("to-do:completed", (string?)paragraphs[0].Attribute("data-tag"));
        Assert.Equal("<b>New</b> item", paragraphs[2].Value);
        Assert.Empty(document.Descendants("b"));
        Assert.Equal(["Commitments", "Notes"], document.Descendants("h2").Select(h => h.Value));
        Assert.Equal("Session 1 (updated)", document.Descendants("title").Single().Value);
        Assert.Equal("Session 1 (updated)", (await _ana.Me.Onenote.Pages[_page.Id].GetAsync())!.Title);
        Assert.Equal("Session 1 (updated)", _tenant.OneNote.Page(_page.Id!)!.Title);
    }

    [Fact]
    public async Task The_SDKs_onenotePatchContent_action_patches_the_same_way()
    {
        await _ana.Me.Onenote.Pages[_page.Id].OnenotePatchContent.PostAsync(new OnenotePatchContentPostRequestBody
        {
            Commands =
            [
                new OnenotePatchContentCommand { Target = "body", Action = OnenotePatchActionType.Append, Content = "<p data-id=\"sdk\">From the SDK</p>" },
                new OnenotePatchContentCommand { Target = "#c_1", Action = OnenotePatchActionType.Insert, Position = OnenotePatchInsertPosition.After, Content = "<p data-id=\"after\">after</p>" },
            ],
        });

        var ids = (await ContentAsync()).Descendants("p").Select(p => (string?)p.Attribute("data-id")).ToList();
        Assert.Equal(["c_1", "after", "notes", "sdk"], ids);
    }

    [Fact]
    public async Task A_script_in_patch_content_is_stripped()
    {
        await PatchAsync(new JsonArray(new JsonObject
        {
            ["target"] = "body", ["action"] = "append", ["content"] = "<p data-id=\"x\" onmouseover=\"steal()\">ok<script>alert(1)</script></p>",
        }));

        var added = (await ContentAsync()).Descendants("p").Single(p => (string?)p.Attribute("data-id") == "x");
        Assert.Equal("ok", added.Value);
        Assert.Null(added.Attribute("onmouseover"));
    }

    [Fact]
    public async Task A_failing_command_changes_nothing_and_answers_400_with_OneNotes_code()
    {
        var before = _tenant.OneNote.Page(_page.Id!)!.Html;

        var unknownTarget = await PatchAsync(new JsonArray(
            new JsonObject { ["target"] = "body", ["action"] = "append", ["content"] = "<p>first</p>" },
            new JsonObject { ["target"] = "#missing", ["action"] = "replace", ["content"] = "<p>x</p>" }));
        var empty = await PatchAsync(new JsonArray());
        var badAction = await PatchAsync(new JsonArray(new JsonObject { ["target"] = "body", ["action"] = "explode", ["content"] = "<p>x</p>" }));
        var malformed = await PatchAsync(new JsonArray(new JsonObject { ["target"] = "body", ["action"] = "append", ["content"] = "<p>open" }));
        var notArray = await PatchAsync(new JsonObject { ["target"] = "body" });
        var replaceBody = await PatchAsync(new JsonArray(new JsonObject { ["target"] = "body", ["action"] = "replace", ["content"] = "<p>x</p>" }));

        Assert.Equal((HttpStatusCode.BadRequest, "20120"), (unknownTarget.Status, unknownTarget.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "20125"), (empty.Status, empty.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "20121"), (badAction.Status, badAction.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "20109"), (malformed.Status, malformed.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "20109"), (notArray.Status, notArray.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "20134"), (replaceBody.Status, replaceBody.ErrorCode));
        Assert.Equal(before, _tenant.OneNote.Page(_page.Id!)!.Html);
    }

    [Fact]
    public async Task A_patch_works_inside_a_batch()
    {
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["method"] = "PATCH",
                ["url"] = $"/me/onenote/pages/{_page.Id}/content",
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                ["body"] = new JsonArray(new JsonObject { ["target"] = "#notes", ["action"] = "append", ["content"] = "<span>batched</span>" }),
            }),
        };

        var response = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, batch);

        Assert.Equal(204, response.Body["responses"]![0]!["status"]!.GetValue<int>());
        Assert.Equal("Notesbatched", (await ContentAsync()).Descendants("p").Single(p => (string?)p.Attribute("data-id") == "notes").Value);
    }
}
