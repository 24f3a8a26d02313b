using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.Invite;
using Microsoft.Graph.Me.Onenote.Notebooks.GetNotebookFromWebUrl;
using Microsoft.Graph.Models;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.OneNote;

/// <summary>
/// Sharing a notebook as Graph v1.0 allows it: resolve the notebook's web URL to its OneDrive folder through /shares,
/// invite the peer with write, verify through the permissions; the peer then reads and writes through /users/{owner}/onenote.
/// </summary>
public sealed class SharingTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";
    private const string Ben = "ben.carter@contoso.dev";
    private const string Chloe = "chloe.martin@contoso.dev";
    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;
    private GraphServiceClient _ana = null!;
    private GraphServiceClient _ben = null!;

    public async Task InitializeAsync()
    {
        _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        _ana = GraphClients.For(_tenant, Ana);
        _ben = GraphClients.For(_tenant, Ben);
    }

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    private string UserId(string mail) => _tenant.Users.Single(u => u.Mail == mail).Id;

    private static string ShareToken(string url) =>
        "u!" + Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task The_notebooks_web_url_resolves_to_its_OneDrive_folder()
    {
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Peer mentoring – Ana & Ben (p3k9)");

        var item = await _ana.Shares[ShareToken(notebook!.Links!.OneNoteWebUrl!.Href!)].DriveItem.GetAsync();
        var byClientUrl = await _ana.Shares[ShareToken(notebook.Links.OneNoteClientUrl!.Href!)].DriveItem.GetAsync();
        var drive = await _ana.Me.Drive.GetAsync();

        Assert.Equal("Peer mentoring – Ana & Ben (p3k9)", item!.Name);
        Assert.NotNull(item.Folder);
        Assert.Equal(notebook.Links.OneNoteWebUrl.Href, item.WebUrl);
        Assert.Equal("Notebooks", item.ParentReference!.Name);
        Assert.Equal(drive!.Id, item.ParentReference.DriveId);
        Assert.Equal(item.Id, byClientUrl!.Id);
        Assert.Equal(item.Id, _tenant.OneNote.Notebook(notebook.Id!)!.DriveItemId);

        var again = await _ana.Drives[drive.Id].Items[item.Id].GetAsync();
        Assert.Equal(item.Name, again!.Name);
        var raw = await RawGraph.GetAsync(_http, _tenant, $"/me/drive/items/{item.Id}", Ana);
        Assert.Equal(HttpStatusCode.OK, raw.Status);
        var selected = await RawGraph.GetAsync(_http, _tenant, $"/shares/{ShareToken(notebook.Links.OneNoteWebUrl.Href!)}/driveItem?$select=id,name,webUrl", Ana);
        Assert.Equal(["@odata.context", "id", "name", "webUrl"], selected.Body.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Unknown_or_malformed_share_tokens_are_404_and_400()
    {
        var unknown = await RawGraph.GetAsync(_http, _tenant, $"/shares/{ShareToken("https://contoso-my.sharepoint.com/personal/x/Documents/Notebooks/None")}/driveItem", Ana);
        var malformed = await RawGraph.GetAsync(_http, _tenant, "/shares/not-a-token/driveItem", Ana);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("itemNotFound", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
    }

    [Fact]
    public async Task An_invite_grants_write_and_the_permissions_show_the_owner_and_the_peer()
    {
        var (notebook, item, driveId) = await NotebookWithFolderAsync();

        var invite = await _ana.Drives[driveId].Items[item.Id].Invite.PostAsInvitePostResponseAsync(new InvitePostRequestBody
        {
            Recipients = [new DriveRecipient { Email = Ben }],
            Roles = ["write"],
            RequireSignIn = true,
            SendInvitation = false,
            Message = "Our agenda",
        });
        var permissions = await _ana.Drives[driveId].Items[item.Id].Permissions.GetAsync();

        var granted = Assert.Single(invite!.Value!);
        Assert.Equal(["write"], granted.Roles);
        Assert.Equal(UserId(Ben), granted.GrantedToV2!.User!.Id);
        Assert.Equal("Ben Carter", granted.GrantedToV2.User.DisplayName);
        Assert.Equal(UserId(Ben), granted.GrantedTo!.User!.Id);
        Assert.True(granted.Invitation!.SignInRequired);

        Assert.Equal(2, permissions!.Value!.Count);
        Assert.Contains(permissions.Value, p => p.Roles!.Contains("owner") && p.GrantedToV2!.User!.Id == UserId(Ana));
        Assert.Contains(permissions.Value, p => p.Id == granted.Id && p.Roles!.SequenceEqual(["write"]));

        var shared = Assert.Single(_tenant.OneNote.Notebook(notebook.Id!)!.SharedWith);
        Assert.Equal(Ben, shared.Mail);
        Assert.Equal(["write"], shared.Roles);
        Assert.True((await _ana.Me.Onenote.Notebooks[notebook.Id].GetAsync())!.IsShared);
    }

    [Fact]
    public async Task Inviting_again_keeps_one_permission_per_person()
    {
        var (_, item, driveId) = await NotebookWithFolderAsync();
        // A fresh body each time: the SDK's backing store sends only changed values when a model is serialised again.
        static InvitePostRequestBody Body() => new() { Recipients = [new DriveRecipient { Email = Ben }], Roles = ["write"], RequireSignIn = true, SendInvitation = false };

        var first = await _ana.Drives[driveId].Items[item.Id].Invite.PostAsInvitePostResponseAsync(Body());
        var second = await _ana.Drives[driveId].Items[item.Id].Invite.PostAsInvitePostResponseAsync(Body());
        var permissions = await _ana.Drives[driveId].Items[item.Id].Permissions.GetAsync();

        Assert.Equal(first!.Value![0].Id, second!.Value![0].Id);
        Assert.Equal(2, permissions!.Value!.Count);
    }

    [Fact]
    public async Task An_unknown_recipient_is_Graphs_invalidRequest_and_grants_nothing()
    {
        var (notebook, item, _) = await NotebookWithFolderAsync();

        var response = await RawGraph.PostAsync(_http, _tenant, $"/me/drive/items/{item.Id}/invite", Ana, new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["email"] = Ben }, new JsonObject { ["email"] = "nobody@elsewhere.example" }),
            ["roles"] = new JsonArray("write"),
            ["requireSignIn"] = true,
            ["sendInvitation"] = false,
        });
        var badRole = await RawGraph.PostAsync(_http, _tenant, $"/me/drive/items/{item.Id}/invite", Ana, new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["email"] = Ben }),
            ["roles"] = new JsonArray("admin"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalidRequest", response.ErrorCode);
        Assert.DoesNotContain("nobody@elsewhere.example", response.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.Status);
        Assert.Empty(_tenant.OneNote.Notebook(notebook.Id!)!.SharedWith);
    }

    [Fact]
    public async Task A_peer_reads_and_writes_the_page_through_the_owners_onenote_after_the_invite_and_not_before()
    {
        var (notebook, item, driveId) = await NotebookWithFolderAsync();
        var section = await OneNoteGraph.CreateSectionAsync(_ana, notebook.Id!, "Series");
        var page = await OneNoteGraph.CreatePageAsync(_ana, section!.Id!, OneNoteGraph.Page("Session 1", "<p data-id=\"x\">&lt;i&gt;hi&lt;/i&gt;</p>"));
        var owner = _ben.Users[UserId(Ana)].Onenote;

        var before = await RawGraph.GetAsync(_http, _tenant, $"/users/{UserId(Ana)}/onenote/pages/{page!.Id}/content", Ben);
        var listBefore = await owner.Notebooks.GetAsync();
        var shareBefore = await RawGraph.GetAsync(_http, _tenant, $"/shares/{ShareToken(notebook.Links!.OneNoteWebUrl!.Href!)}/driveItem", Ben);

        await _ana.Drives[driveId].Items[item.Id].Invite.PostAsInvitePostResponseAsync(new InvitePostRequestBody
        {
            Recipients = [new DriveRecipient { Email = Ben }], Roles = ["write"], RequireSignIn = true, SendInvitation = false,
        });

        var content = await OneNoteGraph.ContentAsync(owner.Pages[page.Id]);
        var asPeer = await owner.Notebooks[notebook.Id].GetAsync();
        var listAfter = await owner.Notebooks.GetAsync();
        var sharedItem = await _ben.Shares[ShareToken(notebook.Links.OneNoteWebUrl.Href!)].DriveItem.GetAsync();
        var peerSection = await owner.Notebooks[notebook.Id].Sections.PostAsync(new OnenoteSection { DisplayName = "Notes by Ben" });
        var ownPath = await RawGraph.GetAsync(_http, _tenant, $"/me/onenote/pages/{page.Id}", Ben);
        var chloe = await RawGraph.GetAsync(_http, _tenant, $"/users/{UserId(Ana)}/onenote/pages/{page.Id}/content", Chloe);

        Assert.Equal(HttpStatusCode.Forbidden, before.Status);
        Assert.Empty(listBefore!.Value!);
        Assert.Equal(HttpStatusCode.Forbidden, shareBefore.Status);
        Assert.Contains("&lt;i&gt;hi&lt;/i&gt;", content, StringComparison.Ordinal);
        Assert.Equal(OnenoteUserRole.Contributor, asPeer!.UserRole);
        Assert.Equal(notebook.Id, Assert.Single(listAfter!.Value!).Id);
        Assert.Equal(item.Id, sharedItem!.Id);
        Assert.Equal(notebook.Id, peerSection!.ParentNotebook!.Id);
        Assert.Equal(HttpStatusCode.NotFound, ownPath.Status);
        Assert.Equal(HttpStatusCode.Forbidden, chloe.Status);
    }

    [Fact]
    public async Task A_reader_may_read_but_not_write_and_only_the_owner_invites()
    {
        var (notebook, item, driveId) = await NotebookWithFolderAsync();
        await _ana.Drives[driveId].Items[item.Id].Invite.PostAsInvitePostResponseAsync(new InvitePostRequestBody
        {
            Recipients = [new DriveRecipient { Email = Ben }], Roles = ["read"], RequireSignIn = true, SendInvitation = false,
        });

        var read = await _ben.Users[UserId(Ana)].Onenote.Notebooks[notebook.Id].GetAsync();
        var write = await RawGraph.PostAsync(_http, _tenant, $"/users/{UserId(Ana)}/onenote/notebooks/{notebook.Id}/sections", Ben, new JsonObject { ["displayName"] = "Mine" });
        var reinvite = await RawGraph.PostAsync(_http, _tenant, $"/drives/{driveId}/items/{item.Id}/invite", Ben, new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["email"] = Chloe }),
            ["roles"] = new JsonArray("write"),
        });

        Assert.Equal(OnenoteUserRole.Reader, read!.UserRole);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal(HttpStatusCode.Forbidden, reinvite.Status);
    }

    [Fact]
    public async Task GetNotebookFromWebUrl_finds_an_own_or_shared_notebook_and_refuses_others()
    {
        var (notebook, item, driveId) = await NotebookWithFolderAsync();
        var body = new GetNotebookFromWebUrlPostRequestBody { WebUrl = notebook.Links!.OneNoteWebUrl!.Href };

        var own = await _ana.Me.Onenote.Notebooks.GetNotebookFromWebUrl.PostAsync(body);
        var before = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks/GetNotebookFromWebUrl", Ben, new JsonObject { ["webUrl"] = body.WebUrl });
        await _ana.Drives[driveId].Items[item.Id].Invite.PostAsInvitePostResponseAsync(new InvitePostRequestBody
        {
            Recipients = [new DriveRecipient { Email = Ben }], Roles = ["write"], RequireSignIn = true, SendInvitation = false,
        });
        var shared = await _ben.Me.Onenote.Notebooks.GetNotebookFromWebUrl.PostAsync(new GetNotebookFromWebUrlPostRequestBody { WebUrl = notebook.Links.OneNoteClientUrl!.Href });
        var unknown = await RawGraph.PostAsync(_http, _tenant, "/me/onenote/notebooks/getNotebookFromWebUrl", Ana, new JsonObject { ["webUrl"] = "https://contoso-my.sharepoint.com/nothing" });

        Assert.Equal(notebook.Id, own!.Id);
        Assert.Equal(notebook.DisplayName, own.Name);
        Assert.Equal(HttpStatusCode.Forbidden, before.Status);
        Assert.Equal(notebook.Id, shared!.Id);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Share_lookup_invite_and_permissions_work_inside_a_batch()
    {
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Batched share");
        var folder = _tenant.OneNote.Notebook(notebook!.Id!)!.DriveItemId;
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["id"] = "share", ["method"] = "GET", ["url"] = $"/shares/{ShareToken(notebook.Links!.OneNoteWebUrl!.Href!)}/driveItem" },
                new JsonObject
                {
                    ["id"] = "invite",
                    ["method"] = "POST",
                    ["url"] = $"/me/drive/items/{folder}/invite",
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = new JsonObject
                    {
                        ["recipients"] = new JsonArray(new JsonObject { ["email"] = Ben }),
                        ["roles"] = new JsonArray("write"),
                        ["requireSignIn"] = true,
                        ["sendInvitation"] = false,
                    },
                },
                new JsonObject { ["id"] = "verify", ["method"] = "GET", ["url"] = $"/me/drive/items/{folder}/permissions", ["dependsOn"] = new JsonArray("invite") }),
        };

        var response = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, batch);

        var items = response.Body["responses"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>(), i => i!);
        Assert.Equal(folder, items["share"]["body"]!["id"]!.GetValue<string>());
        Assert.Equal(200, items["invite"]["status"]!.GetValue<int>());
        var permissions = items["verify"]["body"]!["value"]!.AsArray();
        Assert.Contains(permissions, p => p!["grantedToV2"]!["user"]!["email"]!.GetValue<string>() == Ben && p["roles"]![0]!.GetValue<string>() == "write");
    }

    private async Task<(Notebook Notebook, DriveItem Item, string DriveId)> NotebookWithFolderAsync()
    {
        var notebook = await OneNoteGraph.CreateNotebookAsync(_ana, "Shared " + Guid.NewGuid().ToString("N")[..6]);
        var item = await _ana.Shares[ShareToken(notebook!.Links!.OneNoteWebUrl!.Href!)].DriveItem.GetAsync();
        return (notebook, item!, item!.ParentReference!.DriveId!);
    }
}
