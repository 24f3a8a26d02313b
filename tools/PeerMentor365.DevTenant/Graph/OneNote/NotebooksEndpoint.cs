using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Graph.Drive;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>Notebooks and sections: create with OneNote's name rules (20117 for a name in use), list with OData options, get one.</summary>
internal sealed class NotebooksEndpoint(OneNoteStore store, OneNoteJson json, GraphContext context, TimeProvider clock)
{
    private const int NotebookNameMax = 128;
    private const int SectionNameMax = 50;
    private static readonly char[] NotebookForbidden = ['?', '*', '\\', '/', ':', '<', '>', '|', '\'', '"'];
    private static readonly char[] SectionForbidden = ['?', '*', '\\', '/', ':', '<', '>', '|', '&', '#', '\'', '%', '~'];

    public GraphResponse List(GraphRequest request, Mailbox owner)
    {
        List<JsonObject> items;
        lock (store.Gate)
        {
            items = [.. store.OwnedBy(owner.User.Id)
                .Where(n => OneNoteStore.RoleOf(n, request.Caller.User.Id) != NotebookRole.None)
                .Select(n => json.Notebook(n, request.Caller.User.Id))];
        }

        return Collection(request, owner.User, "notebooks", items, "notebook", "displayName");
    }

    public GraphResponse Create(GraphRequest request, Mailbox owner)
    {
        if (!IsCaller(request, owner))
        {
            return OneNoteErrors.NoWriteAccess(request);
        }

        var (name, error) = ReadName(request, NotebookNameMax, NotebookForbidden, "notebook");
        if (error is not null)
        {
            return error;
        }

        JsonObject body;
        string location;
        lock (store.Gate)
        {
            if (store.OwnedBy(owner.User.Id).Any(n => string.Equals(n.DisplayName, name, StringComparison.OrdinalIgnoreCase)))
            {
                return OneNoteErrors.NameExists(request);
            }

            var now = clock.GetUtcNow();
            var notebook = new NotebookRecord
            {
                Id = "1-" + Guid.NewGuid().ToString("D"),
                Owner = owner.User,
                DisplayName = name!,
                CreatedAt = now,
                ModifiedAt = now,
                WebUrl = OneDriveAddresses.Notebook(owner.User, name!),
                DriveItemId = DriveItemIds.New(),
            };
            store.Add(notebook);
            body = json.Notebook(notebook, request.Caller.User.Id);
            location = json.NotebookSelf(notebook);
        }

        return Entity(request, body, owner.User, "notebooks/$entity", 201, location);
    }

    public GraphResponse Get(GraphRequest request, Mailbox owner, string notebookId)
    {
        JsonObject body;
        lock (store.Gate)
        {
            var (notebook, error) = Find(request, owner, notebookId, write: false);
            if (notebook is null)
            {
                return error!;
            }

            body = json.Notebook(notebook, request.Caller.User.Id);
        }

        return Entity(request, body, owner.User, "notebooks/$entity");
    }

    public GraphResponse FromWebUrl(GraphRequest request)
    {
        if (request.Body is not JsonObject body || !JsonParameters.TryGet(body, "webUrl", out var urlNode) || JsonParameters.String(urlNode) is not { Length: > 0 } url)
        {
            return OneNoteErrors.BadRequest(request, "The request body must be {\"webUrl\": \"<the notebook's web or client URL>\"}.");
        }

        var wanted = NormaliseUrl(url);
        JsonObject result;
        lock (store.Gate)
        {
            var notebook = store.Notebooks.FirstOrDefault(n => NormaliseUrl(n.WebUrl) == wanted);
            if (notebook is null)
            {
                return OneNoteErrors.NotFound(request);
            }

            if (OneNoteStore.RoleOf(notebook, request.Caller.User.Id) == NotebookRole.None)
            {
                return OneNoteErrors.NoReadAccess(request);
            }

            result = json.NotebookModel(notebook, request.Caller.User.Id);
        }

        result.Insert(0, "@odata.context", context.Metadata("microsoft.graph.CopyNotebookModel"));
        return GraphResponse.Ok(result);
    }

    public GraphResponse ListSections(GraphRequest request, Mailbox owner, string? notebookId)
    {
        List<JsonObject> items;
        lock (store.Gate)
        {
            IEnumerable<SectionRecord> sections;
            if (notebookId is null)
            {
                sections = store.OwnedBy(owner.User.Id)
                    .Where(n => OneNoteStore.RoleOf(n, request.Caller.User.Id) != NotebookRole.None)
                    .SelectMany(n => n.Sections);
            }
            else
            {
                var (notebook, error) = Find(request, owner, notebookId, write: false);
                if (notebook is null)
                {
                    return error!;
                }

                sections = notebook.Sections;
            }

            items = [.. sections.Select(json.Section)];
        }

        var path = notebookId is null ? "sections" : $"notebooks('{notebookId}')/sections";
        return Collection(request, owner.User, path, items, "onenoteSection", "displayName");
    }

    public GraphResponse CreateSection(GraphRequest request, Mailbox owner, string notebookId)
    {
        var (name, nameError) = ReadName(request, SectionNameMax, SectionForbidden, "section");
        JsonObject body;
        string location;
        lock (store.Gate)
        {
            var (notebook, error) = Find(request, owner, notebookId, write: true);
            if (notebook is null)
            {
                return error!;
            }

            if (nameError is not null)
            {
                return nameError;
            }

            if (notebook.Sections.Any(s => string.Equals(s.DisplayName, name, StringComparison.OrdinalIgnoreCase)))
            {
                return OneNoteErrors.NameExists(request);
            }

            var now = clock.GetUtcNow();
            var section = new SectionRecord
            {
                Id = "1-" + Guid.NewGuid().ToString("D"),
                Notebook = notebook,
                DisplayName = name!,
                CreatedAt = now,
                ModifiedAt = now,
            };
            notebook.Sections.Add(section);
            notebook.ModifiedAt = now;
            body = json.Section(section);
            location = json.SectionSelf(section);
        }

        return Entity(request, body, owner.User, $"notebooks('{notebookId}')/sections/$entity", 201, location);
    }

    public GraphResponse GetSection(GraphRequest request, Mailbox owner, string sectionId)
    {
        JsonObject body;
        lock (store.Gate)
        {
            var (section, error) = FindSection(request, owner, sectionId, write: false);
            if (section is null)
            {
                return error!;
            }

            body = json.Section(section);
        }

        return Entity(request, body, owner.User, "sections/$entity");
    }

    /// <summary>The notebook if it is the path user's and the caller may use it; otherwise OneNote's 404 or 403. Call under the store's gate.</summary>
    public (NotebookRecord? Notebook, GraphResponse? Error) Find(GraphRequest request, Mailbox owner, string notebookId, bool write)
    {
        var notebook = store.Notebook(notebookId);
        if (notebook is null || !string.Equals(notebook.Owner.Id, owner.User.Id, StringComparison.OrdinalIgnoreCase))
        {
            return (null, OneNoteErrors.NotFound(request));
        }

        return Access(request, notebook, write) is { } denied ? (null, denied) : (notebook, null);
    }

    /// <summary>The section if it is in the path user's notebooks and the caller may use it. Call under the store's gate.</summary>
    public (SectionRecord? Section, GraphResponse? Error) FindSection(GraphRequest request, Mailbox owner, string sectionId, bool write)
    {
        var section = store.Section(sectionId);
        if (section is null || !string.Equals(section.Notebook.Owner.Id, owner.User.Id, StringComparison.OrdinalIgnoreCase))
        {
            return (null, OneNoteErrors.NotFound(request));
        }

        return Access(request, section.Notebook, write) is { } denied ? (null, denied) : (section, null);
    }

    public static GraphResponse? Access(GraphRequest request, NotebookRecord notebook, bool write) =>
        OneNoteStore.RoleOf(notebook, request.Caller.User.Id) switch
        {
            NotebookRole.None => OneNoteErrors.NoReadAccess(request),
            NotebookRole.Reader when write => OneNoteErrors.NoWriteAccess(request),
            _ => null,
        };

    public GraphResponse Collection(GraphRequest request, SeedUser owner, string path, List<JsonObject> items, string typeName, string defaultOrder, int? defaultTop = null, int maxTop = 1000)
    {
        var query = OneNoteQuery.Apply(request, items, typeName, defaultTop, maxTop, defaultOrder);
        if (query.Error is not null)
        {
            return query.Error;
        }

        var body = new JsonObject { ["@odata.context"] = json.Context(owner, path) };
        if (query.NextSkip is { } skip)
        {
            body["@odata.nextLink"] = NextLink(request, skip);
        }

        body["value"] = new JsonArray([.. query.Items!]);
        return GraphResponse.Ok(body);
    }

    public GraphResponse Entity(GraphRequest request, JsonObject body, SeedUser owner, string path, int status = 200, string? location = null)
    {
        if (request.Option("select") is { Length: > 0 } select)
        {
            body = OneNoteQuery.Select(body, select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        body.Insert(0, "@odata.context", json.Context(owner, path));
        var response = GraphResponse.Ok(body, status);
        if (location is not null)
        {
            response.Headers["Location"] = location;
        }

        return response;
    }

    private string NextLink(GraphRequest request, string skip)
    {
        var options = request.Query
            .Where(q => !string.Equals(q.Key.TrimStart('$'), "skip", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"$skip={skip}");
        return $"{context.GraphBaseUrl}{request.Path}?{string.Join('&', options)}";
    }

    private static bool IsCaller(GraphRequest request, Mailbox owner) =>
        string.Equals(request.Caller.User.Id, owner.User.Id, StringComparison.OrdinalIgnoreCase);

    private static (string? Name, GraphResponse? Error) ReadName(GraphRequest request, int max, char[] forbidden, string kind)
    {
        if (request.Body is not JsonObject body || !JsonParameters.TryGet(body, "displayName", out var nameNode))
        {
            return (null, OneNoteErrors.BadRequest(request, $"The request body must be {{\"displayName\": \"<the {kind}'s name>\"}}."));
        }

        var name = JsonParameters.String(nameNode)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, OneNoteErrors.BadName(request, $"The {kind} name must not be empty."));
        }

        if (name.Length > max)
        {
            return (null, OneNoteErrors.BadName(request, $"The {kind} name is longer than {max} characters."));
        }

        if (name.IndexOfAny(forbidden) >= 0)
        {
            return (null, OneNoteErrors.BadName(request, $"The {kind} name must not contain any of {string.Join(' ', forbidden)}."));
        }

        return (name, null);
    }

    /// <summary>A notebook URL compared the way a share resolves it: without "onenote:", unescaped, no trailing slash, ignoring case.</summary>
    public static string NormaliseUrl(string url)
    {
        var text = url.Trim();
        if (text.StartsWith("onenote:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["onenote:".Length..];
        }

        return Uri.UnescapeDataString(text).TrimEnd('/').ToUpperInvariant();
    }
}
