using System.Text.RegularExpressions;
using PeerMentor365.Api.OneNote;

namespace PeerMentor365.Api.Series.Management;

/// <summary>
/// Puts a closing message at the top of the invite's existing HTML body, so that everything after it (the agenda
/// links, Teams' join block) stays exactly as it was.
/// </summary>
internal static partial class InviteMessage
{
    /// <summary>The message as one paragraph, each line encoded and isolated (a line break ends any bidirectional run).</summary>
    public static string Paragraph(string message) =>
        "<p>" + string.Join("<br>", message.ReplaceLineEndings("\n").Split('\n').Select(Html.Isolate)) + "</p>";

    /// <summary><paramref name="existingHtml"/> with the message paragraph right after its opening body tag (or first, when it has none).</summary>
    public static string InsertAtTop(string? existingHtml, string message)
    {
        var html = existingHtml ?? string.Empty;
        var paragraph = Paragraph(message);
        var body = BodyTag().Match(html);
        return body.Success ? html.Insert(body.Index + body.Length, paragraph) : paragraph + html;
    }

    [GeneratedRegex("<body(?:\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BodyTag();
}
