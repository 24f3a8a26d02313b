using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace PeerMentor365.Api.Requests;

/// <summary>
/// A request's JSON object, read field by field against the endpoint's declared <see cref="BodyShape"/> so that every
/// mistake is reported against its field: a malformed body against "body", a wrong type or value against the field's
/// name. Unknown fields are ignored. Every request body of the API is read here (one reader), and only through the
/// field descriptors the OpenAPI document shows.
/// </summary>
internal sealed class JsonBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    private readonly Dictionary<string, JsonElement> _fields;

    private JsonBody(BodyShape shape, Dictionary<string, JsonElement> fields)
    {
        Shape = shape;
        _fields = fields;
    }

    /// <summary>The fields this body may carry.</summary>
    public BodyShape Shape { get; }

    /// <summary>Field name → messages, ready for a validation problem.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// Reads the body of the current endpoint's declared shape (<see cref="BodyShapeEndpoints.AcceptsJson"/>); null
    /// with the errors when it is empty, not JSON or not an object.
    /// </summary>
    public static Task<(JsonBody? Body, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest http, CancellationToken cancellationToken) =>
        ReadAsync(
            http,
            http.HttpContext.GetEndpoint()?.Metadata.GetMetadata<BodyShape>()
                ?? throw new InvalidOperationException($"{http.Path} reads a JSON body but declares no BodyShape (map it with .AcceptsJson(shape))."),
            cancellationToken);

    /// <summary>Reads a body of <paramref name="shape"/> where no endpoint declares it (the Functions host's envelopes, not in the public document).</summary>
    public static async Task<(JsonBody? Body, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest http, BodyShape shape, CancellationToken cancellationToken)
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

            return (new JsonBody(shape, FieldsOf(document.RootElement.Clone())), []);
        }
    }

    public static Dictionary<string, string[]> ObjectRequired() => new() { ["body"] = ["A JSON object is required."] };

    /// <summary>The field is present (null included).</summary>
    public bool Has(BodyField field) => _fields.ContainsKey(Listed(field).Name);

    /// <summary>The field is present and null.</summary>
    public bool IsNull(BodyField field) => _fields.TryGetValue(Listed(field).Name, out var value) && value.ValueKind == JsonValueKind.Null;

    /// <summary>Trimmed text within the field's length; absent or null is null (an error when required).</summary>
    public string? Text(TextField field)
    {
        if (!TryGetText(field, "a string", out var text))
        {
            return null;
        }

        var problem = TextRules.Check(field.Name, text, field.Min, field.Max);
        if (problem is not null)
        {
            Add(field.Name, problem);
            return null;
        }

        return text;
    }

    /// <summary>A whole number within the field's range and steps.</summary>
    public int? Int(IntField field)
    {
        var name = field.Name;
        if (!TryGet(field, JsonValueKind.Number, "a whole number", out var value))
        {
            return null;
        }

        if (!value.TryGetInt32(out var number))
        {
            Add(name, $"{name} must be a whole number.");
            return null;
        }

        if (number < field.Min || number > field.Max || number % field.Step != 0)
        {
            Add(name, field.Step == 1 ? $"{name} must be {field.Min} to {field.Max}." : $"{name} must be {field.Min} to {field.Max}, in steps of {field.Step}.");
            return null;
        }

        return number;
    }

    /// <summary>A local date from <paramref name="earliest"/> to <paramref name="latest"/>.</summary>
    public LocalDate? Date(DateField field, LocalDate earliest, LocalDate latest)
    {
        if (InWireFormat(field, $"a date like {Wire.DateExample}", Wire.TryParseDate) is not { } date)
        {
            return null;
        }

        if (date < earliest || date > latest)
        {
            Add(field.Name, $"{field.Name} must be from {Wire.Format(earliest)} to {Wire.Format(latest)}.");
            return null;
        }

        return date;
    }

    /// <summary>An instant in UTC, like 2026-12-01T15:00:00Z.</summary>
    public Instant? Instant(InstantField field) => InWireFormat(field, $"a UTC time like {Wire.InstantExample}", Wire.TryParseInstant);

    /// <summary>A local date and time without offset, like 2026-12-01T15:00:00 (seconds optional).</summary>
    public LocalDateTime? LocalDateTime(LocalDateTimeField field) =>
        InWireFormat(field, $"a local date and time without offset, like {Wire.LocalDateTimeExample}", Wire.TryParseLocalDateTime);

    /// <summary>An IANA time zone (a Windows name, or anything else, is refused).</summary>
    public DateTimeZone? Zone(ZoneField field)
    {
        var name = field.Name;
        if (!TryGetText(field, "a string", out var id))
        {
            return null;
        }

        var zone = id.Length is > 0 and <= ZoneField.MaxLength ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null;
        if (zone is null)
        {
            Add(name, $"{name} must be an IANA time zone id such as Europe/London.");
        }

        return zone;
    }

    /// <summary>true or false.</summary>
    public bool? Bool(BoolField field)
    {
        var name = field.Name;
        if (!TryGet(field, null, null, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(name, $"{name} must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>One of the field's allowed values (exactly as written there).</summary>
    public string? Choice(ChoiceField field)
    {
        var name = field.Name;
        if (!TryGetText(field, "a string", out var text))
        {
            return null;
        }

        if (!field.Allowed.Contains(text, StringComparer.Ordinal))
        {
            Add(name, $"{name} must be one of {string.Join(", ", field.Allowed)}.");
            return null;
        }

        return text;
    }

    /// <summary>An array of strings (each trimmed), or null with an error. The caller checks the count (its message says why).</summary>
    public IReadOnlyList<string>? Strings(StringsField field)
    {
        var name = field.Name;
        if (!TryGet(field, JsonValueKind.Array, "an array of strings", out var value))
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

            if (StringOf(field, item) is not { } text)
            {
                return null;
            }

            items.Add(text);
        }

        return items;
    }

    /// <summary>A nested object, as its own body of the field's shape (its errors are reported as parent.field).</summary>
    public JsonBody? Object(ObjectField field)
    {
        if (!TryGet(field, JsonValueKind.Object, "an object", out var value))
        {
            return null;
        }

        return new JsonBody(field.Shape, FieldsOf(value));
    }

    /// <summary>
    /// For a PATCH: every field of the shape may be left out to keep it, but not sent as null, and at least one must be
    /// sent.
    /// </summary>
    public void CheckPatch()
    {
        foreach (var field in Shape.Fields.Where(IsNull))
        {
            Add(field.Name, $"{field.Name} cannot be null: leave it out to keep it.");
        }

        if (IsValid && !Shape.Fields.Any(Has))
        {
            Add("body", $"Send at least one of {string.Join(", ", Shape.Fields.Select(field => field.Name))}.");
        }
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

    private static Dictionary<string, JsonElement> FieldsOf(JsonElement element)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        return fields;
    }

    private BodyField Listed(BodyField field) => Shape.Lists(field)
        ? field
        : throw new InvalidOperationException($"The field {field.Name} is read but not listed in the body shape {Shape.Name}: the OpenAPI document would not show it.");

    /// <summary>The field's string parsed by <paramref name="parse"/>; null with "must be <paramref name="like"/>" when it is not one.</summary>
    private T? InWireFormat<T>(BodyField field, string like, Func<string, T?> parse)
        where T : struct
    {
        if (!TryGetText(field, like, out var text))
        {
            return null;
        }

        if (parse(text) is not { } value)
        {
            Add(field.Name, $"{field.Name} must be {like}.");
            return null;
        }

        return value;
    }

    /// <summary>The field's string, trimmed; false (with the error added) when absent, not a string, or not storable text.</summary>
    private bool TryGetText(BodyField field, string expected, out string text)
    {
        text = string.Empty;
        if (!TryGet(field, JsonValueKind.String, expected, out var value) || StringOf(field, value) is not { } read)
        {
            return false;
        }

        text = read;
        return true;
    }

    /// <summary>A JSON string, trimmed; null with the error when it escapes a lone surrogate (no .NET string can hold it as UTF-16 text to store).</summary>
    private string? StringOf(BodyField field, JsonElement value)
    {
        try
        {
            return value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            Add(field.Name, $"{field.Name} contains a character that cannot be stored (a control character or a broken surrogate pair).");
            return null;
        }
    }

    private bool TryGet(BodyField field, JsonValueKind? kind, string? expected, out JsonElement value)
    {
        var name = Listed(field).Name;
        if (!_fields.TryGetValue(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            if (field.Required)
            {
                Add(name, $"{name} is required.");
            }

            return false;
        }

        if (kind is { } expectedKind && value.ValueKind != expectedKind)
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
