namespace PeerMentor365.Api.Tests.OneNote;

/// <summary>
/// Checks on text as a renderer applies the Unicode Bidirectional Algorithm to it (UAX #9): whether a user's
/// bidirectional controls are confined to their isolate and so cannot reorder the text around them.
/// </summary>
internal static class Bidi
{
    public const char FirstStrongIsolate = '\u2068';
    public const char PopDirectionalIsolate = '\u2069';

    /// <summary>How a user's text reads inside the app's isolate: FSI, the text, PDI.</summary>
    public static string Isolated(string text) => FirstStrongIsolate + text + PopDirectionalIsolate;

    /// <summary>
    /// Asserts that in one paragraph of shown text every embedding and override (U+202A-U+202E) and every isolate
    /// initiator (U+2066-U+2068) lies inside an isolate that is closed within the paragraph, matching isolates as UAX #9
    /// does (BD9: an initiator's PDI is the first one at its own depth). Text outside every isolate (labels, names of
    /// other things, punctuation) then keeps its own order whatever the isolated text holds.
    /// </summary>
    public static void AssertConfined(string paragraph)
    {
        var depth = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c is >= '\u2066' and <= '\u2068')
            {
                depth++;
            }
            else if (c == PopDirectionalIsolate)
            {
                // A PDI matching no initiator is ignored by the algorithm (X6a).
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && c is >= '\u202A' and <= '\u202E')
            {
                Assert.Fail($"U+{(int)c:X4} at {i} is outside every isolate and reorders what follows it: {Escape(paragraph)}");
            }
        }

        Assert.True(depth == 0, $"An isolate is left open to the end of the paragraph, taking in what follows it: {Escape(paragraph)}");
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= '\u2000' and <= '\u206F' ? $"<U+{(int)c:X4}>" : c.ToString()));
}
