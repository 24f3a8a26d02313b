using System.Security.Cryptography;
using NodaTime;

namespace PeerMentor365.Api.Storage;

/// <summary>
/// Ids we generate: a kind letter, '_', then 16 characters of lower-case Crockford base32 (digits and letters, no
/// i, l, o, u), so they are safe in table keys and URLs. The first 9 characters count down from year 3084 in
/// milliseconds, so in ordinal (table) order the latest comes first; the last 7 are random (35 bits).
/// </summary>
internal static class Ids
{
    public const char Pair = 'p';
    public const char Goal = 'g';
    public const char Commitment = 'c';
    public const char Session = 's';
    public const char Series = 'e';

    /// <summary>Characters after the kind and '_'.</summary>
    public const int BodyLength = TimeChars + RandomChars;

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int TimeChars = 9;
    private const int RandomChars = 7;
    private const long MaxMilliseconds = (1L << (5 * TimeChars)) - 1;

    /// <summary>A new id whose order among ids of its kind is latest <paramref name="at"/> first (to the millisecond: pass the clock's full-precision time).</summary>
    public static string NewestFirst(char kind, Instant at)
    {
        var milliseconds = Math.Clamp(at.ToUnixTimeMilliseconds(), 0, MaxMilliseconds);
        Span<char> id = stackalloc char[2 + BodyLength];
        id[0] = kind;
        id[1] = '_';
        var countdown = MaxMilliseconds - milliseconds;
        for (var i = TimeChars - 1; i >= 0; i--)
        {
            id[2 + i] = Alphabet[(int)(countdown & 31)];
            countdown >>= 5;
        }

        Span<byte> random = stackalloc byte[RandomChars];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < RandomChars; i++)
        {
            id[2 + TimeChars + i] = Alphabet[random[i] & 31];
        }

        return new string(id);
    }

    /// <summary>
    /// An id that is the same for the same <paramref name="at"/> and <paramref name="salt"/> (a series session: its
    /// originalStart and series id), ordered like <see cref="NewestFirst"/>; the last 7 characters come from a SHA-256
    /// of the salt, so two writers preparing the same occurrence collide on insert.
    /// </summary>
    public static string Deterministic(char kind, Instant at, string salt)
    {
        var id = NewestFirst(kind, at).ToCharArray();
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(salt));
        for (var i = 0; i < RandomChars; i++)
        {
            id[2 + TimeChars + i] = Alphabet[hash[i] & 31];
        }

        return new string(id);
    }

    /// <summary>Lower-case Crockford base32 of <paramref name="bytes"/> (5 bits a character), for hashes in keys.</summary>
    public static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    /// <summary>A random suffix for keys that must be unique per write (see the due-date index).</summary>
    public static string Nonce()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[random.Length];
        for (var i = 0; i < random.Length; i++)
        {
            text[i] = Alphabet[random[i] & 31];
        }

        return new string(text);
    }

    /// <summary>True when <paramref name="id"/> has the shape of an id of <paramref name="kind"/> (it may still not exist).</summary>
    public static bool IsValid(string? id, char kind)
    {
        if (id is null || id.Length != 2 + BodyLength || id[0] != kind || id[1] != '_')
        {
            return false;
        }

        foreach (var c in id.AsSpan(2))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
