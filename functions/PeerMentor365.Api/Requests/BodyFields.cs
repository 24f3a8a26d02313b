using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PeerMentor365.Api.Requests;

/// <summary>
/// One field of a request body: its wire name, whether it is required, and what it may hold. <see cref="JsonBody"/>
/// reads a field only through its descriptor, and the OpenAPI document describes the same descriptors
/// (<see cref="BodyShape"/>), so what the API reads and what it documents cannot drift apart.
/// </summary>
internal abstract record BodyField(string Name, bool Required, string? Description)
{
    /// <summary>The field's JSON schema as the OpenAPI document shows it.</summary>
    public OpenApiSchema Schema()
    {
        var schema = DescribeValue();
        schema.Description ??= Description;
        return schema;
    }

    protected abstract OpenApiSchema DescribeValue();

    protected static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Text, trimmed, of <see cref="Min"/> to <see cref="Max"/> characters.</summary>
internal sealed record TextField(string Name, int Min, int Max, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new() { Type = JsonSchemaType.String, MinLength = Min, MaxLength = Max };
}

/// <summary>A whole number from <see cref="Min"/> to <see cref="Max"/>, in steps of <see cref="Step"/>.</summary>
internal sealed record IntField(string Name, int Min, int Max, bool Required, int Step = 1, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = Number(Min),
        Maximum = Number(Max),
        MultipleOf = Step == 1 ? null : Step,
    };
}

/// <summary>A local date (yyyy-MM-dd, <see cref="Wire"/>); the allowed range depends on today, so the reader is given it.</summary>
internal sealed record DateField(string Name, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new() { Type = JsonSchemaType.String, Format = "date", Examples = [JsonValue.Create(Wire.DateExample)!] };
}

/// <summary>An instant in UTC with Z (<see cref="Wire"/>).</summary>
internal sealed record InstantField(string Name, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new() { Type = JsonSchemaType.String, Format = "date-time", Examples = [JsonValue.Create(Wire.InstantExample)!] };
}

/// <summary>A local date and time without offset (<see cref="Wire"/>); the zone it belongs to travels beside it.</summary>
internal sealed record LocalDateTimeField(string Name, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = Wire.LocalDateTimeRegex,
        Examples = [JsonValue.Create(Wire.LocalDateTimeExample)!],
    };
}

/// <summary>An IANA time zone id.</summary>
internal sealed record ZoneField(string Name, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    public const int MaxLength = 64;

    protected override OpenApiSchema DescribeValue() => new()
    {
        Type = JsonSchemaType.String,
        MinLength = 1,
        MaxLength = MaxLength,
        Description = "An IANA time zone id such as Europe/London.",
        Examples = [JsonValue.Create("Europe/London")!],
    };
}

/// <summary>true or false.</summary>
internal sealed record BoolField(string Name, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new() { Type = JsonSchemaType.Boolean };
}

/// <summary>One of <see cref="Allowed"/>, exactly as written there.</summary>
internal sealed record ChoiceField(string Name, IReadOnlyList<string> Allowed, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Allowed.Select(value => (JsonNode)JsonValue.Create(value))],
    };
}

/// <summary>An array of strings (mail addresses when <see cref="ItemFormat"/> is "email"), at most <see cref="MaxItems"/>.</summary>
internal sealed record StringsField(string Name, int MaxItems, bool Required, string? ItemFormat = null, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => new()
    {
        Type = JsonSchemaType.Array,
        MinItems = Required ? 1 : null,
        MaxItems = MaxItems,
        Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = ItemFormat },
    };
}

/// <summary>A nested object with its own fields (its errors are reported as name.field).</summary>
internal sealed record ObjectField(string Name, BodyShape Shape, bool Required, string? Description = null) : BodyField(Name, Required, Description)
{
    protected override OpenApiSchema DescribeValue() => Shape.Schema();
}

/// <summary>
/// The fields a request body may carry (unknown fields are ignored). Endpoints declare theirs with
/// <see cref="BodyShapeEndpoints.AcceptsJson"/>; <see cref="JsonBody.ReadAsync"/> reads the body against the
/// declared shape and refuses (a programming error) to read a field the shape does not list.
/// </summary>
internal sealed class BodyShape(string name, string? description, params BodyField[] fields)
{
    public string Name => name;

    public string? Description => description;

    public IReadOnlyList<BodyField> Fields => fields;

    /// <summary>The whole body may be left out (POST …/close with no note).</summary>
    public bool BodyOptional { get; init; }

    public bool Lists(BodyField field) => fields.Contains(field);

    /// <summary>The shape with its field names, types, formats and required list.</summary>
    public OpenApiSchema Schema()
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = name,
            Description = description,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var field in fields)
        {
            schema.Properties[field.Name] = field.Schema();
            if (field.Required)
            {
                schema.Required.Add(field.Name);
            }
        }

        return schema;
    }
}

internal static class BodyShapeEndpoints
{
    /// <summary>The endpoint reads a JSON body of <paramref name="shape"/> (documented, and what the reader checks against).</summary>
    public static RouteHandlerBuilder AcceptsJson(this RouteHandlerBuilder endpoint, BodyShape shape) =>
        endpoint.Accepts<object>("application/json").WithMetadata(shape);
}
