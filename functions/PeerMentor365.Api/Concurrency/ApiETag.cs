using System.Buffers.Text;
using System.Text;
using Azure;

namespace PeerMentor365.Api.Concurrency;

/// <summary>
/// The API's ETag is the table entity's ETag, base64url-encoded inside a weak ETag: <c>W/"&lt;base64url&gt;"</c>.
/// Decoding gives back the entity's ETag verbatim, which is sent to Table storage as If-Match, so the stored
/// entity's version alone decides whether a change conflicts. Clients treat it as opaque.
/// </summary>
internal static class ApiETag
{
    private const int MaxEncodedLength = 512;

    public static string From(ETag tableETag) =>
        $"W/\"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tableETag.ToString()))}\"";

    /// <summary>Reads an ETag this API issued (the W/ may have been dropped on the way); false for anything else.</summary>
    public static bool TryParse(string? value, out ETag tableETag)
    {
        tableETag = default;
        var text = value?.Trim() ?? string.Empty;
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.Length is < 3 or > MaxEncodedLength || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        var encoded = text[1..^1];
        if (!Base64Url.IsValid(encoded) || encoded.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (FormatException)
        {
            return false;
        }

        // Table storage's ETags are quoted (weak) strings of printable ASCII, e.g. W/"datetime'2026-11-22T10%3A00%3A00.1Z'".
        var quoted = decoded.StartsWith("W/\"", StringComparison.Ordinal) ? decoded[2..] : decoded;
        if (quoted.Length < 3 || quoted[0] != '"' || quoted[^1] != '"' || quoted.Any(c => c is < '!' or > '~'))
        {
            return false;
        }

        tableETag = new ETag(decoded);
        return true;
    }
}
