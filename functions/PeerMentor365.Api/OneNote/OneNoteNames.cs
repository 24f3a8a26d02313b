using System.Text;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Api.OneNote;

/// <summary>
/// The names of a pair's notebook, a series' section and a session's page (docs/series-api.md). They are also the
/// look-up keys after an ambiguous create, so they depend only on stored facts.
/// </summary>
internal static class OneNoteNames
{
    /// <summary>OneNote's limit for notebook names.</summary>
    public const int MaxNotebookName = 128;

    /// <summary>OneNote's limit for section names.</summary>
    public const int MaxSectionName = 50;

    private const string NotebookForbidden = "?*\\/:<>|'\"";
    private const string SectionForbidden = "?*\\/:<>|&#'%~";

    /// <summary>
    /// <c>Peer mentoring – Ana &amp; Ben (p3k9)</c>: first names, and the pair id's last 4 characters so the name is unique
    /// for the organizer. Characters OneNote forbids are dropped; the names part is shortened to fit 128 characters.
    /// </summary>
    public static string Notebook(IReadOnlyList<string> firstNames, string pairId)
    {
        var suffix = $" ({pairId[^4..]})";
        const string prefix = "Peer mentoring – ";
        var names = Clean(Subject.JoinNames(firstNames), NotebookForbidden);
        var room = MaxNotebookName - prefix.Length - suffix.Length;
        if (names.Length > room)
        {
            names = names[..room].TrimEnd();
        }

        return prefix + names + suffix;
    }

    /// <summary><c>Series from 2026-12-01</c> (the first session's local date in the anchor zone).</summary>
    public static string Section(LocalDate firstDate) => Clean($"Series from {LocalDatePattern.Iso.Format(firstDate)}", SectionForbidden);

    /// <summary><c>Peer mentoring – 2026-12-01</c>: the session's date in the organizer's zone.</summary>
    public static string PageTitle(Instant start, DateTimeZone organizerZone) =>
        $"Peer mentoring – {LocalDatePattern.Iso.Format(start.InZone(organizerZone).Date)}";

    /// <summary>Text without OneNote's forbidden characters, control characters or bidirectional controls, spaces collapsed.</summary>
    public static string Clean(string text, string forbidden = NotebookForbidden)
    {
        var cleaned = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (forbidden.Contains(c, StringComparison.Ordinal) || char.IsControl(c) || Html.IsBidiControl(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = cleaned.Length > 0;
                continue;
            }

            if (space)
            {
                cleaned.Append(' ');
                space = false;
            }

            cleaned.Append(c);
        }

        return cleaned.ToString();
    }
}

/// <summary>The meeting's subject: <c>Peer mentoring: Ana &amp; Ben</c>, or <c>Ana, Ben &amp; Chloe</c> for three or four.</summary>
internal static class Subject
{
    /// <summary>The first word of a display name (the whole name when it has one word, "Peer" when empty).</summary>
    public static string FirstName(string displayName)
    {
        var trimmed = displayName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? trimmed : trimmed[..space];
        return first.Length == 0 ? "Peer" : first;
    }

    public static string JoinNames(IReadOnlyList<string> firstNames) => firstNames.Count switch
    {
        0 => string.Empty,
        1 => firstNames[0],
        _ => string.Join(", ", firstNames.Take(firstNames.Count - 1)) + " & " + firstNames[^1],
    };

    public static string For(IReadOnlyList<string> firstNames) => "Peer mentoring: " + JoinNames(firstNames);
}
