using System.Security.Cryptography;
using System.Text;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Drive;

/// <summary>Ids of drives and drive items, shaped like OneDrive for Business's ("b!…" drives, "01…" items).</summary>
internal static class DriveItemIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string New() => "01" + Base32(Guid.NewGuid().ToByteArray());

    /// <summary>A stable id for one of a user's fixed folders ("root", "Notebooks").</summary>
    public static string Fixed(SeedUser user, string folder) =>
        "01" + Base32(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id}/{folder}"))[..16]);

    public static string Drive(SeedUser user) =>
        "b!" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("drive/" + user.Id))[..24]).Replace('+', '-').Replace('/', '_');

    private static string Base32(byte[] bytes)
    {
        var builder = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                builder.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            builder.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return builder.ToString();
    }
}

/// <summary>Graph's sharing tokens for URLs: "u!" + base64url(url) without padding.</summary>
internal static class ShareToken
{
    public static string Encode(string url) =>
        "u!" + Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string token)
    {
        if (!token.StartsWith("u!", StringComparison.Ordinal))
        {
            return null;
        }

        var text = token[2..].Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
