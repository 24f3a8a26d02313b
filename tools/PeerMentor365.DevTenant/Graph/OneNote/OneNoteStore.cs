using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>A notebook, which is also a folder in its owner's OneDrive (Documents/Notebooks/&lt;name&gt;) that can be shared.</summary>
internal sealed class NotebookRecord
{
    public required string Id { get; init; }
    public required SeedUser Owner { get; init; }
    public required string DisplayName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; set; }
    public required string WebUrl { get; init; }
    public required string DriveItemId { get; init; }
    public List<SectionRecord> Sections { get; } = [];

    /// <summary>Who the notebook's folder is shared with (invites), in the order granted.</summary>
    public List<GrantRecord> Grants { get; } = [];

    public string ClientUrl => "onenote:" + WebUrl;

    /// <summary>The Graph id of the notebook's own Guid part (ids look like 1-{guid}).</summary>
    public string Guid => Id[2..];
}

internal sealed class SectionRecord
{
    public required string Id { get; init; }
    public required NotebookRecord Notebook { get; init; }
    public required string DisplayName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; set; }
    public List<PageRecord> Pages { get; } = [];

    public string Guid => Id[2..];
}

internal sealed class PageRecord
{
    public required string Id { get; init; }
    public required SectionRecord Section { get; init; }
    public required string Title { get; set; }

    /// <summary>The page as OneNote would return it from /content: the normalised XHTML document.</summary>
    public required string Html { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; set; }
    public required int Order { get; init; }
    public required string CreatedByAppId { get; init; }

    public string Guid => Id[2..34];
}

/// <summary>A permission granted on a notebook folder by an invite.</summary>
internal sealed class GrantRecord
{
    public required string Id { get; init; }
    public required SeedUser User { get; init; }
    public required List<string> Roles { get; set; }
    public required string InvitedEmail { get; init; }
    public bool SignInRequired { get; set; }
    public bool HasPassword { get; set; }
    public string? ExpirationDateTime { get; set; }
}

/// <summary>What a user may do with a notebook.</summary>
internal enum NotebookRole
{
    None,
    Reader,
    Contributor,
    Owner,
}

/// <summary>The tenant's OneNote content and the notebook folders in OneDrive; every read and write holds <see cref="Gate"/>.</summary>
internal sealed class OneNoteStore(TenantSeed seed)
{
    private readonly List<NotebookRecord> _notebooks = [];

    public object Gate { get; } = new();

    public TenantSeed Seed { get; } = seed;

    public IReadOnlyList<NotebookRecord> Notebooks => _notebooks;

    public void Add(NotebookRecord notebook) => _notebooks.Add(notebook);

    public IEnumerable<NotebookRecord> OwnedBy(string userId) =>
        _notebooks.Where(n => string.Equals(n.Owner.Id, userId, StringComparison.OrdinalIgnoreCase));

    public NotebookRecord? Notebook(string id) => _notebooks.FirstOrDefault(n => string.Equals(n.Id, id, StringComparison.OrdinalIgnoreCase));

    public SectionRecord? Section(string id) =>
        _notebooks.SelectMany(n => n.Sections).FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    public PageRecord? Page(string id) =>
        _notebooks.SelectMany(n => n.Sections).SelectMany(s => s.Pages).FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    public NotebookRecord? NotebookByDriveItem(string driveItemId) =>
        _notebooks.FirstOrDefault(n => string.Equals(n.DriveItemId, driveItemId, StringComparison.OrdinalIgnoreCase));

    public static NotebookRole RoleOf(NotebookRecord notebook, string userId)
    {
        if (string.Equals(notebook.Owner.Id, userId, StringComparison.OrdinalIgnoreCase))
        {
            return NotebookRole.Owner;
        }

        var grant = notebook.Grants.FirstOrDefault(g => string.Equals(g.User.Id, userId, StringComparison.OrdinalIgnoreCase));
        return grant is null ? NotebookRole.None
            : grant.Roles.Contains("write", StringComparer.OrdinalIgnoreCase) ? NotebookRole.Contributor
            : NotebookRole.Reader;
    }
}

/// <summary>The SharePoint-style addresses of a user's OneDrive and the OneNote items in it.</summary>
internal static class OneDriveAddresses
{
    /// <summary>https://contoso-my.sharepoint.com/personal/ana_souza_contoso_dev (from the mail: the domain's first label names the tenant).</summary>
    public static string PersonalSite(SeedUser user)
    {
        var at = user.Mail.IndexOf('@', StringComparison.Ordinal);
        var domain = at < 0 ? "contoso" : user.Mail[(at + 1)..];
        var tenant = domain.Split('.')[0].ToLowerInvariant();
        var personal = new string([.. user.Mail.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return $"https://{tenant}-my.sharepoint.com/personal/{personal}";
    }

    public static string Documents(SeedUser user) => PersonalSite(user) + "/Documents";

    public static string NotebooksFolder(SeedUser user) => Documents(user) + "/Notebooks";

    public static string Notebook(SeedUser user, string displayName) => NotebooksFolder(user) + "/" + Uri.EscapeDataString(displayName);

    public static string Section(SectionRecord section) =>
        $"{PersonalSite(section.Notebook.Owner)}/_layouts/15/Doc.aspx?sourcedoc={{{section.Notebook.Guid}}}&action=edit&wd=target({Uri.EscapeDataString(section.DisplayName)}.one%7C{section.Guid}%2F)";

    public static string SectionClient(SectionRecord section) =>
        $"onenote:{section.Notebook.WebUrl}/{Uri.EscapeDataString(section.DisplayName)}.one#section-id={{{section.Guid}}}&end";

    public static string Page(PageRecord page) =>
        $"{PersonalSite(page.Section.Notebook.Owner)}/_layouts/15/Doc.aspx?sourcedoc={{{page.Section.Notebook.Guid}}}&action=edit&wd=target({Uri.EscapeDataString(page.Section.DisplayName)}.one%7C{page.Section.Guid}%2F{Uri.EscapeDataString(page.Title)}%7C{page.Guid}%2F)";

    public static string PageClient(PageRecord page) =>
        $"onenote:{page.Section.Notebook.WebUrl}/{Uri.EscapeDataString(page.Section.DisplayName)}.one#{Uri.EscapeDataString(page.Title)}&section-id={{{page.Section.Guid}}}&page-id={{{page.Guid}}}&end";
}
