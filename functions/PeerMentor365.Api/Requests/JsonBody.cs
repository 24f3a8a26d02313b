using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Api.Requests;

/// <summary>
/// A request's JSON object, read field by field so that every mistake is reported against its field: a malformed
/// body against "body", a wrong type or value against the field's name. Unknown fields are ignored.
/// </summary>
internal sealed class JsonBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    private readonly Dictionary<string, JsonElement> _fields;

    private JsonBody(Dictionary<string, JsonElement> fields) => _fields = fields;

    /// <summary>Field name → messages, ready for a validation problem.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    /// <summary>Reads the body; null with the errors when it is empty, not JSON or not an object.</summary>
    public static async Task<(JsonBody? Body, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            if (http.ContentLength == 0)
            {
                return (null, ObjectRequired());
            }

            document = await JsonDocument.ParseAsync(http.Body, DocumentOptions, cancellationToken);
        }
        catch (JsonException)
        {
            return (null, new() { ["body"] = ["The body is not valid JSON."] });
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ObjectRequired());
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.Clone();
            }

            return (new JsonBody(fields), []);
        }
    }

    public static Dictionary<string, string[]> ObjectRequired() => new() { ["body"] = ["A JSON object is required."] };

    /// <summary>The field is present (null included).</summary>
    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>The field is present and null.</summary>
    public bool IsNull(string name) => _fields.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Null;

    /// <summary>Trimmed text of <paramref name="min"/>-<paramref name="max"/> characters; absent or null is null (an error when required).</summary>
    public string? Text(string name, int min, int max, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a string", out var value))
        {
            return null;
        }

        var text = value.GetString()!.Trim();
        var problem = TextRules.Check(name, text, min, max);
        if (problem is not null)
        {
            Add(name, problem);
            return null;
        }

        return text;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Int(string name, int min, int max, bool required, int step = 1)
    {
        if (!TryGet(name, required, JsonValueKind.Number, "a whole number", out var value))
        {
            return null;
        }

        if (!value.TryGetInt32(out var number))
        {
            Add(name, $"{name} must be a whole number.");
            return null;
        }

        if (number < min || number > max || number % step != 0)
        {
            Add(name, step == 1 ? $"{name} must be {min} to {max}." : $"{name} must be {min} to {max}, in steps of {step}.");
            return null;
        }

        return number;
    }

    /// <summary>A yyyy-MM-dd date from <paramref name="earliest"/> to <paramref name="latest"/>.</summary>
    public LocalDate? Date(string name, LocalDate earliest, LocalDate latest, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a date like 2026-12-01", out var value))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(value.GetString()!.Trim());
        if (!parsed.Success)
        {
            Add(name, $"{name} must be a date like 2026-12-01.");
            return null;
        }

        if (parsed.Value < earliest || parsed.Value > latest)
        {
            Add(name, $"{name} must be from {Wire.Format(earliest)} to {Wire.Format(latest)}.");
            return null;
        }

        return parsed.Value;
    }

    /// <summary>An instant in UTC, like 2026-12-01T15:00:00Z.</summary>
    public Instant? Instant(string name, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a UTC time like 2026-12-01T15:00:00Z", out var value))
        {
            return null;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(value.GetString()!.Trim());
        if (!parsed.Success)
        {
            Add(name, $"{name} must be a UTC time like 2026-12-01T15:00:00Z.");
            return null;
        }

        return parsed.Value;
    }

    /// <summary>true or false.</summary>
    public bool? Bool(string name, bool required)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Add(name, $"{name} is required.");
            }

            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(name, $"{name} must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>One of <paramref name="allowed"/> (exactly as written there).</summary>
    public string? Choice(string name, IReadOnlyList<string> allowed, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a string", out var value))
        {
            return null;
        }

        var text = value.GetString()!.Trim();
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            Add(name, $"{name} must be one of {string.Join(", ", allowed)}.");
            return null;
        }

        return text;
    }

    /// <summary>An array of strings (each trimmed), or null with an error.</summary>
    public IReadOnlyList<string>? Strings(string name, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.Array, "an array of strings", out var value))
        {
            return null;
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Add(name, $"{name} must be an array of strings.");
                return null;
            }

            items.Add(item.GetString()!.Trim());
        }

        return items;
    }

    /// <summary>A nested object, as its own body (its errors are reported as parent.field).</summary>
    public JsonBody? Object(string name, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.Object, "an object", out var value))
        {
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        return new JsonBody(fields);
    }

    /// <summary>Copies a nested body's errors as <paramref name="prefix"/>.field.</summary>
    public void Adopt(string prefix, JsonBody nested)
    {
        foreach (var (field, messages) in nested.Errors)
        {
            Errors[$"{prefix}.{field}"] = messages;
        }
    }

    public void Add(string name, string message) =>
        Errors[name] = Errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];

    private bool TryGet(string name, bool required, JsonValueKind kind, string expected, out JsonElement value)
    {
        if (!_fields.TryGetValue(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Add(name, $"{name} is required.");
            }

            return false;
        }

        if (value.ValueKind != kind)
        {
            Add(name, $"{name} must be {expected}.");
            return false;
        }

        return true;
    }
}

/// <summary>What stored text may be: trimmed, within its length, no control characters but line breaks and tabs.</summary>
internal static class TextRules
{
    /// <summary>A message naming the field, or null when <paramref name="text"/> is acceptable.</summary>
    public static string? Check(string name, string text, int min, int max)
    {
        if (text.Length < min || text.Length > max)
        {
            return min == 0
                ? $"{name} must be at most {max.ToString(CultureInfo.InvariantCulture)} characters."
                : $"{name} must be {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} characters.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                || (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i])))
                || char.IsLowSurrogate(c))
            {
                return $"{name} contains a character that cannot be stored (a control character or a broken surrogate pair).";
            }
        }

        return null;
    }
}
