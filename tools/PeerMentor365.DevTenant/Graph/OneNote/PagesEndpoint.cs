using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>Pages: created from XHTML (text/html, application/xhtml+xml, or multipart with a "Presentation" part), listed, read as JSON and HTML, patched, deleted.</summary>
internal sealed partial class PagesEndpoint(OneNoteStore store, OneNoteJson json, NotebooksEndpoint notebooks, TimeProvider clock)
{
    private const int DefaultTop = 20;
    private const int MaxTop = 100;

    public GraphResponse Create(GraphRequest request, Mailbox owner, string sectionId)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        string? html;
        switch (mediaType)
        {
            case "text/html" or "application/xhtml+xml":
                html = request.BodyText;
                break;
            case "multipart/form-data":
                html = Presentation(request.ContentType!, request.BodyText);
                if (html is null && request.BodyText is { Length: > 0 })
                {
                    return OneNoteErrors.MalformedPage(request, "The multipart request has no \"Presentation\" part with the page's HTML.");
                }

                break;
            default:
                return GraphErrors.Create(request, 415, "20001", "Send the page as text/html, application/xhtml+xml or multipart/form-data with a \"Presentation\" part.");
        }

        if (string.IsNullOrWhiteSpace(html))
        {
            return OneNoteErrors.BadRequest(request, "The request body is empty: send the page's XHTML.");
        }

        var (parsed, parseCode, parseError) = PageHtml.Parse(html);
        if (parsed is null)
        {
            return GraphErrors.Create(request, 400, parseCode!, parseError!);
        }

        JsonObject body;
        string location;
        lock (store.Gate)
        {
            var (section, error) = notebooks.FindSection(request, owner, sectionId, write: true);
            if (section is null)
            {
                return error!;
            }

            var now = clock.GetUtcNow();
            var created = parsed.Created ?? now;
            var page = new PageRecord
            {
                Id = $"1-{Guid.NewGuid():N}!{section.Pages.Count + 1}-{section.Guid}",
                Section = section,
                Title = parsed.Title,
                Html = PageHtml.Render(parsed.Title, created, parsed.Content),
                CreatedAt = created,
                ModifiedAt = now,
                Order = section.Pages.Count,
                CreatedByAppId = "WLID-" + DevTenantDefaults.ApiClientId,
            };
            section.Pages.Add(page);
            section.ModifiedAt = now;
            body = json.Page(page);
            location = json.PageSelf(page);
        }

        return notebooks.Entity(request, body, owner.User, $"sections('{sectionId}')/pages/$entity", 201, location);
    }

    public GraphResponse List(GraphRequest request, Mailbox owner, string? sectionId)
    {
        List<JsonObject> items;
        lock (store.Gate)
        {
            IEnumerable<PageRecord> pages;
            if (sectionId is null)
            {
                pages = store.OwnedBy(owner.User.Id)
                    .Where(n => OneNoteStore.RoleOf(n, request.Caller.User.Id) != NotebookRole.None)
                    .SelectMany(n => n.Sections).SelectMany(s => s.Pages);
            }
            else
            {
                var (section, error) = notebooks.FindSection(request, owner, sectionId, write: false);
                if (section is null)
                {
                    return error!;
                }

                pages = section.Pages;
            }

            items = [.. pages.Select(json.Page)];
        }

        var path = sectionId is null ? "pages" : $"sections('{sectionId}')/pages";
        return notebooks.Collection(request, owner.User, path, items, "onenotePage", "lastModifiedDateTime desc", DefaultTop, MaxTop);
    }

    public GraphResponse Get(GraphRequest request, Mailbox owner, string pageId)
    {
        JsonObject body;
        lock (store.Gate)
        {
            var (page, error) = Find(request, owner, pageId, write: false);
            if (page is null)
            {
                return error!;
            }

            body = json.Page(page);
        }

        return notebooks.Entity(request, body, owner.User, "pages/$entity");
    }

    public GraphResponse Content(GraphRequest request, Mailbox owner, string pageId)
    {
        string html;
        lock (store.Gate)
        {
            var (page, error) = Find(request, owner, pageId, write: false);
            if (page is null)
            {
                return error!;
            }

            html = page.Html;
        }

        return GraphResponse.Html(html);
    }

    public GraphResponse Patch(GraphRequest request, Mailbox owner, string pageId)
    {
        if (request.BodyError is not null && request.Body is null)
        {
            return GraphErrors.Create(request, 400, "20109", "The request body is not valid JSON: send an array of patch commands.");
        }

        var (commands, code, message) = PagePatch.Read(request.Body);
        if (commands is null)
        {
            return GraphErrors.Create(request, 400, code!, message!);
        }

        lock (store.Gate)
        {
            var (page, error) = Find(request, owner, pageId, write: true);
            if (page is null)
            {
                return error!;
            }

            var (html, title, failure, failureMessage) = PagePatch.Apply(page.Html, page.Title, commands);
            if (html is null)
            {
                return GraphErrors.Create(request, 400, failure!, failureMessage!);
            }

            page.Html = html;
            page.Title = title!;
            page.ModifiedAt = clock.GetUtcNow();
        }

        return GraphResponse.Empty();
    }

    public GraphResponse Delete(GraphRequest request, Mailbox owner, string pageId)
    {
        lock (store.Gate)
        {
            var (page, error) = Find(request, owner, pageId, write: true);
            if (page is null)
            {
                return error!;
            }

            page.Section.Pages.Remove(page);
        }

        return GraphResponse.Empty();
    }

    private (PageRecord? Page, GraphResponse? Error) Find(GraphRequest request, Mailbox owner, string pageId, bool write)
    {
        var page = store.Page(pageId);
        if (page is null || !string.Equals(page.Section.Notebook.Owner.Id, owner.User.Id, StringComparison.OrdinalIgnoreCase))
        {
            return (null, OneNoteErrors.NotFound(request));
        }

        return NotebooksEndpoint.Access(request, page.Section.Notebook, write) is { } denied ? (null, denied) : (page, null);
    }

    /// <summary>The HTML of the multipart body's "Presentation" part.</summary>
    private static string? Presentation(string contentType, string? body)
    {
        var boundary = Boundary().Match(contentType);
        if (!boundary.Success || body is null)
        {
            return null;
        }

        var delimiter = "--" + boundary.Groups["b"].Value;
        foreach (var part in body.Split(delimiter, StringSplitOptions.None))
        {
            var normalised = part.Replace("\r\n", "\n", StringComparison.Ordinal);
            var split = normalised.IndexOf("\n\n", StringComparison.Ordinal);
            if (split < 0)
            {
                continue;
            }

            var headers = normalised[..split];
            if (PresentationName().IsMatch(headers))
            {
                return normalised[(split + 2)..].TrimEnd('\n', '-');
            }
        }

        return null;
    }

    [GeneratedRegex("boundary=\"?(?<b>[^\";]+)\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();

    [GeneratedRegex("name=\"?Presentation\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresentationName();
}
