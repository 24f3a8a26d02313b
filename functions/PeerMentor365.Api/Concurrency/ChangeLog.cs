using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;

namespace PeerMentor365.Api.Concurrency;

/// <summary>
/// Which fields each of the last writes of an entity changed, keyed by the ETag that write replaced; stored with the
/// entity as JSON. When a client's If-Match is stale, the fields changed since the version it saw are the union of the
/// entries from the one that replaced its ETag onwards (all fields if its ETag has aged out of the log).
/// </summary>
internal static class ChangeLog
{
    /// <summary>Entries kept; older ones fall off (then a client that far behind is told every field changed).</summary>
    public const int MaxEntries = 16;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The log with one more entry: the write that replaces <paramref name="replaced"/> changed <paramref name="fields"/>.</summary>
    public static string Append(string? log, ETag replaced, IEnumerable<string> fields)
    {
        var entries = Read(log);
        entries.Add(new Entry(replaced.ToString(), [.. fields.Distinct(StringComparer.Ordinal)]));
        if (entries.Count > MaxEntries)
        {
            entries.RemoveRange(0, entries.Count - MaxEntries);
        }

        return JsonSerializer.Serialize(entries, Json);
    }

    /// <summary>The fields changed since the version whose ETag is <paramref name="seen"/>, in <paramref name="allFields"/>' order.</summary>
    public static IReadOnlyList<string> ChangedSince(string? log, ETag seen, IReadOnlyList<string> allFields)
    {
        var entries = Read(log);
        var from = entries.FindIndex(entry => entry.Base == seen.ToString());
        if (from < 0)
        {
            return allFields;
        }

        var changed = entries.Skip(from).SelectMany(entry => entry.Fields).ToHashSet(StringComparer.Ordinal);
        return [.. allFields.Where(changed.Contains)];
    }

    private static List<Entry> Read(string? log)
    {
        if (string.IsNullOrEmpty(log))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<Entry>>(log, Json) ?? [];
        }
        catch (JsonException)
        {
            // Unreadable history only costs precision: the caller reports every field as changed.
            return [];
        }
    }

    private sealed record Entry([property: JsonPropertyName("b")] string Base, [property: JsonPropertyName("f")] List<string> Fields);
}
