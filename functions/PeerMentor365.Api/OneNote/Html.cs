using System.Globalization;
using System.Text;

namespace PeerMentor365.Api.OneNote;

/// <summary>
/// User-written text going into HTML: the agenda page (series creation and the nightly job), the invite's body and the
/// messages added to it. <see cref="Encode"/> for attribute values, <see cref="Isolate"/> for text shown to people.
/// </summary>
internal static class Html
{
    private const char FirstStrongIsolate = '\u2068';
    private const char PopDirectionalIsolate = '\u2069';

    /// <summary>
    /// Encodes text and attribute values (quotes included). Bidirectional controls (e.g. U+202E, right-to-left override)
    /// are written as numeric references, so no invisible control sits raw in the markup; a renderer still applies them,
    /// which is why text shown to people goes through <see cref="Isolate"/>.
    /// </summary>
    public static string Encode(string text)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(text);
        if (!encoded.Any(IsBidiControl))
        {
            return encoded;
        }

        var result = new StringBuilder(encoded.Length + 16);
        foreach (var c in encoded)
        {
            if (IsBidiControl(c))
            {
                result.Append("&#x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(';');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// User text as an isolated, encoded run: whatever bidirectional controls it holds (U+202E, U+202D, U+2066…) reorder
    /// only the text itself, never the label or punctuation around it, and its own direction comes from its first strong
    /// letter (an Arabic or Hebrew name stays right to left).
    /// </summary>
    /// <remarks>
    /// Not <c>&lt;bdi&gt;</c>: OneNote's input HTML keeps a fixed set of elements and <c>bdi</c> is not among them (span
    /// is), and Outlook clients differ in what markup they honour. So the isolation travels in the text itself, as the
    /// Unicode Bidirectional Algorithm defines it: FSI (U+2068) before, PDI (U+2069) after, which also ends every
    /// embedding and override the text opened. The text's own unmatched PDIs, which would end the isolate early, are
    /// dropped, and isolates it leaves open are closed. The span's <c>dir="auto"</c> isolates the same way in renderers
    /// that go by the element (HTML gives an element with <c>dir</c> <c>unicode-bidi: isolate</c>).
    /// </remarks>
    public static string Isolate(string text) =>
        "<span dir=\"auto\">" + Encode(FirstStrongIsolate + Balanced(text) + PopDirectionalIsolate) + "</span>";

    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>The text with a PDI for every isolate it opens and none that closes one it did not open.</summary>
    private static string Balanced(string text)
    {
        var open = 0;
        var result = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is >= '\u2066' and <= '\u2068')
            {
                open++;
            }
            else if (c == PopDirectionalIsolate)
            {
                if (open == 0)
                {
                    continue;
                }

                open--;
            }

            result.Append(c);
        }

        return result.Append(PopDirectionalIsolate, open).ToString();
    }
}
