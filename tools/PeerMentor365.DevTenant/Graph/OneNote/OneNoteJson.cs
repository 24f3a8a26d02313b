using System.Globalization;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>Graph's JSON for notebooks, sections and pages (self links name the owner: /users/{ownerId}/onenote/...).</summary>
internal sealed class OneNoteJson(GraphContext context)
{
    public static string Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    public string Root(SeedUser owner) => $"{context.GraphBaseUrl}/users/{owner.Id}/onenote";

    public string NotebookSelf(NotebookRecord notebook) => $"{Root(notebook.Owner)}/notebooks/{notebook.Id}";

    public string SectionSelf(SectionRecord section) => $"{Root(section.Notebook.Owner)}/sections/{section.Id}";

    public string PageSelf(PageRecord page) => $"{Root(page.Section.Notebook.Owner)}/pages/{page.Id}";

    public string Context(SeedUser owner, string path) => context.Metadata($"users('{owner.Id}')/onenote/{path}");

    public JsonObject Notebook(NotebookRecord notebook, string callerId)
    {
        var role = OneNoteStore.RoleOf(notebook, callerId);
        var self = NotebookSelf(notebook);
        return new JsonObject
        {
            ["id"] = notebook.Id,
            ["self"] = self,
            ["createdDateTime"] = Time(notebook.CreatedAt),
            ["displayName"] = notebook.DisplayName,
            ["lastModifiedDateTime"] = Time(notebook.ModifiedAt),
            ["isDefault"] = false,
            ["userRole"] = role == NotebookRole.None ? "None" : role.ToString(),
            ["isShared"] = notebook.Grants.Count > 0,
            ["sectionsUrl"] = self + "/sections",
            ["sectionGroupsUrl"] = self + "/sectionGroups",
            ["createdBy"] = IdentitySet(notebook.Owner),
            ["lastModifiedBy"] = IdentitySet(notebook.Owner),
            ["links"] = Links(notebook.ClientUrl, notebook.WebUrl),
        };
    }

    /// <summary>getNotebookFromWebUrl's answer: the notebook, with copyNotebookModel's names (name, createdTime, ...) as well.</summary>
    public JsonObject NotebookModel(NotebookRecord notebook, string callerId)
    {
        var json = Notebook(notebook, callerId);
        json["name"] = notebook.DisplayName;
        json["createdTime"] = Time(notebook.CreatedAt);
        json["lastModifiedTime"] = Time(notebook.ModifiedAt);
        json["createdByIdentity"] = IdentitySet(notebook.Owner);
        json["lastModifiedByIdentity"] = IdentitySet(notebook.Owner);
        return json;
    }

    public JsonObject Section(SectionRecord section)
    {
        var self = SectionSelf(section);
        return new JsonObject
        {
            ["id"] = section.Id,
            ["self"] = self,
            ["createdDateTime"] = Time(section.CreatedAt),
            ["displayName"] = section.DisplayName,
            ["lastModifiedDateTime"] = Time(section.ModifiedAt),
            ["isDefault"] = false,
            ["pagesUrl"] = self + "/pages",
            ["createdBy"] = IdentitySet(section.Notebook.Owner),
            ["lastModifiedBy"] = IdentitySet(section.Notebook.Owner),
            ["links"] = Links(OneDriveAddresses.SectionClient(section), OneDriveAddresses.Section(section)),
            ["parentNotebook@odata.context"] = Context(section.Notebook.Owner, $"sections('{section.Id}')/parentNotebook/$entity"),
            ["parentNotebook"] = new JsonObject
            {
                ["id"] = section.Notebook.Id,
                ["displayName"] = section.Notebook.DisplayName,
                ["self"] = NotebookSelf(section.Notebook),
            },
        };
    }

    public JsonObject Page(PageRecord page)
    {
        var self = PageSelf(page);
        return new JsonObject
        {
            ["id"] = page.Id,
            ["self"] = self,
            ["createdDateTime"] = Time(page.CreatedAt),
            ["title"] = page.Title,
            ["createdByAppId"] = page.CreatedByAppId,
            ["contentUrl"] = self + "/content",
            ["lastModifiedDateTime"] = Time(page.ModifiedAt),
            ["level"] = 0,
            ["order"] = page.Order,
            ["links"] = Links(OneDriveAddresses.PageClient(page), OneDriveAddresses.Page(page)),
            ["parentSection@odata.context"] = Context(page.Section.Notebook.Owner, $"pages('{page.Id}')/parentSection/$entity"),
            ["parentSection"] = new JsonObject
            {
                ["id"] = page.Section.Id,
                ["displayName"] = page.Section.DisplayName,
                ["self"] = SectionSelf(page.Section),
            },
        };
    }

    public static JsonObject IdentitySet(SeedUser user) => new()
    {
        ["user"] = new JsonObject { ["id"] = user.Id, ["displayName"] = user.DisplayName },
    };

    private static JsonObject Links(string client, string web) => new()
    {
        ["oneNoteClientUrl"] = new JsonObject { ["href"] = client },
        ["oneNoteWebUrl"] = new JsonObject { ["href"] = web },
    };
}
