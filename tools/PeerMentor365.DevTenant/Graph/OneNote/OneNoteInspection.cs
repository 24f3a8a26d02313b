using PeerMentor365.DevTenant.Graph.OneNote;

namespace PeerMentor365.DevTenant;

/// <summary>
/// What the dev tenant's OneNote and OneDrive hold, for tests: notebooks with their sections, pages (title and stored
/// HTML) and the permissions on their folders. Snapshots are copies taken at the call.
/// </summary>
public sealed class OneNoteInspection
{
    private readonly OneNoteStore _store;
    private readonly OneNoteThrottle _throttle;

    internal OneNoteInspection(OneNoteStore store, OneNoteThrottle throttle)
    {
        _store = store;
        _throttle = throttle;
    }

    /// <summary>The notebooks a user owns (by mail or object id), oldest first; empty for an unknown user.</summary>
    public IReadOnlyList<NotebookSnapshot> NotebooksOf(string mailOrId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailOrId);
        var user = _store.Seed.Find(mailOrId)?.User;
        if (user is null)
        {
            return [];
        }

        lock (_store.Gate)
        {
            return [.. _store.OwnedBy(user.Id).Select(Snapshot)];
        }
    }

    /// <summary>One notebook by id, or null.</summary>
    public NotebookSnapshot? Notebook(string notebookId)
    {
        lock (_store.Gate)
        {
            return _store.Notebook(notebookId) is { } notebook ? Snapshot(notebook) : null;
        }
    }

    /// <summary>One page by id (with its stored HTML), or null.</summary>
    public PageSnapshot? Page(string pageId)
    {
        lock (_store.Gate)
        {
            return _store.Page(pageId) is { } page ? Snapshot(page) : null;
        }
    }

    /// <summary>
    /// Holds every admitted OneNote request in flight (within its user's concurrency slot) until the returned hold is
    /// disposed, so a test can have an exact number of requests running at once. One hold at a time.
    /// </summary>
    public OneNoteRequestHold HoldRequests() => _throttle.Hold();

    private static NotebookSnapshot Snapshot(NotebookRecord notebook) => new(
        notebook.Id,
        notebook.DisplayName,
        notebook.Owner.Id,
        notebook.WebUrl,
        notebook.DriveItemId,
        [.. notebook.Sections.Select(s => new SectionSnapshot(s.Id, s.DisplayName, [.. s.Pages.Select(Snapshot)]))],
        [.. notebook.Grants.Select(g => new PermissionSnapshot(g.Id, g.User.Id, g.User.Mail, [.. g.Roles]))]);

    private static PageSnapshot Snapshot(PageRecord page) => new(page.Id, page.Title, page.Html, page.CreatedAt, page.ModifiedAt);
}

/// <summary>A notebook: its owner, web URL, OneDrive folder id, sections and who its folder is shared with.</summary>
/// <param name="Id">The OneNote id.</param>
/// <param name="DisplayName">The notebook's name.</param>
/// <param name="OwnerId">The object id of the user who created it.</param>
/// <param name="WebUrl">links.oneNoteWebUrl.href (also the folder's driveItem webUrl).</param>
/// <param name="DriveItemId">The id of its folder in the owner's OneDrive.</param>
/// <param name="Sections">Its sections, in creation order.</param>
/// <param name="SharedWith">Permissions granted on its folder by invites (the owner's own permission is not listed).</param>
public sealed record NotebookSnapshot(
    string Id,
    string DisplayName,
    string OwnerId,
    string WebUrl,
    string DriveItemId,
    IReadOnlyList<SectionSnapshot> Sections,
    IReadOnlyList<PermissionSnapshot> SharedWith)
{
    /// <summary>Every page of the notebook.</summary>
    public IEnumerable<PageSnapshot> Pages => Sections.SelectMany(s => s.Pages);
}

/// <summary>A section and its pages (in creation order).</summary>
/// <param name="Id">The OneNote id.</param>
/// <param name="DisplayName">The section's name.</param>
/// <param name="Pages">Its pages.</param>
public sealed record SectionSnapshot(string Id, string DisplayName, IReadOnlyList<PageSnapshot> Pages);

/// <summary>A page as stored: the title and the HTML that GET …/content returns.</summary>
/// <param name="Id">The OneNote id.</param>
/// <param name="Title">The title.</param>
/// <param name="Html">The stored (sanitised, normalised) XHTML document.</param>
/// <param name="CreatedDateTime">From the page's &lt;meta name="created"&gt;, or when it was created.</param>
/// <param name="LastModifiedDateTime">When it was created or last patched.</param>
public sealed record PageSnapshot(string Id, string Title, string Html, DateTimeOffset CreatedDateTime, DateTimeOffset LastModifiedDateTime);

/// <summary>A permission granted on a notebook folder.</summary>
/// <param name="Id">The permission id.</param>
/// <param name="UserId">The grantee's object id.</param>
/// <param name="Mail">The grantee's mail.</param>
/// <param name="Roles">read and/or write.</param>
public sealed record PermissionSnapshot(string Id, string UserId, string Mail, IReadOnlyList<string> Roles);
