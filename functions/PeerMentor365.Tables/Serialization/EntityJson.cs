using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace PeerMentor365.Tables;

/// <summary>Entities to and from the Table service's JSON (odata=minimalmetadata).</summary>
internal static class EntityJson
{
    private const string ODataEtag = "odata.etag";

    /// <summary>The entity as a request body: keys and properties with their Edm annotations; no nulls, no Timestamp or ETag.</summary>
    public static byte[] Serialize(ITableEntity entity)
    {
        TableKeys.Validate(entity.PartitionKey, entity.RowKey);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(TableEntity.PartitionKeyName, entity.PartitionKey);
            writer.WriteString(TableEntity.RowKeyName, entity.RowKey);
            if (entity is TableEntity bag)
            {
                WriteBag(bag, writer);
            }
            else
            {
                EntityWriters.For(entity.GetType()).WriteProperties(entity, writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one entity object; <paramref name="headerETag"/> is used when the body has no <c>odata.etag</c>.</summary>
    public static T Deserialize<T>(JsonElement json, string? headerETag)
        where T : class, ITableEntity, new()
    {
        var annotations = ReadAnnotations(json);
        var entity = new T();
        if (entity is TableEntity bag)
        {
            ReadBag(bag, json, annotations);
        }
        else
        {
            EntityMap<T>.Instance.ReadProperties(entity, json, annotations);
        }

        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case TableEntity.PartitionKeyName:
                    entity.PartitionKey = property.Value.GetString() ?? string.Empty;
                    break;
                case TableEntity.RowKeyName:
                    entity.RowKey = property.Value.GetString() ?? string.Empty;
                    break;
                case TableEntity.TimestampName when property.Value.ValueKind == JsonValueKind.String:
                    entity.Timestamp = EdmTypes.ParseDateTime(property.Value.GetString()!);
                    break;
                case ODataEtag when property.Value.ValueKind == JsonValueKind.String:
                    entity.ETag = new ETag(property.Value.GetString()!);
                    break;
            }
        }

        if (entity.ETag == default && headerETag is not null)
        {
            entity.ETag = new ETag(headerETag);
        }

        return entity;
    }

    private static Dictionary<string, string>? ReadAnnotations(JsonElement json)
    {
        Dictionary<string, string>? annotations = null;
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.EndsWith(EdmTypes.AnnotationSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
                annotations[property.Name[..^EdmTypes.AnnotationSuffix.Length]] = property.Value.GetString()!;
            }
        }

        return annotations;
    }

    private static void WriteBag(TableEntity bag, Utf8JsonWriter writer)
    {
        foreach (var (name, value) in bag)
        {
            if (value is null || name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName or TableEntity.ETagName)
            {
                continue;
            }

            switch (value)
            {
                case string text: writer.WriteString(name, text); break;
                case int number: writer.WriteNumber(name, number); break;
                case long number:
                    writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Int64);
                    writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number: EdmConverters.WriteDouble(writer, name, number); break;
                case bool flag: writer.WriteBoolean(name, flag); break;
                case DateTimeOffset moment: EdmConverters.WriteDateTime(writer, name, moment); break;
                case DateTime moment: EdmConverters.WriteDateTime(writer, name, EdmTypes.FromDateTime(moment)); break;
                case Guid id:
                    writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Guid);
                    writer.WriteString(name, id);
                    break;
                case byte[] bytes:
                    writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Binary);
                    writer.WriteBase64String(name, bytes);
                    break;
                case Enum choice: writer.WriteString(name, choice.ToString()); break;
                default:
                    throw new ArgumentException($"Property '{name}' is a {value.GetType().Name}, which the Table client does not store.");
            }
        }
    }

    private static void ReadBag(TableEntity bag, JsonElement json, Dictionary<string, string>? annotations)
    {
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName or ODataEtag ||
                name.StartsWith("odata.", StringComparison.Ordinal) ||
                name.EndsWith(EdmTypes.AnnotationSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            string? edmType = null;
            annotations?.TryGetValue(name, out edmType);
            var value = property.Value;
            bag[name] = edmType switch
            {
                EdmTypes.Int64 => EdmConverters.ReadInt64(value, edmType, name),
                EdmTypes.Double => EdmConverters.ReadDouble(value, edmType, name),
                EdmTypes.DateTime => EdmTypes.ParseDateTime(value.GetString()!),
                EdmTypes.Guid => value.GetGuid(),
                EdmTypes.Binary => value.GetBytesFromBase64(),
                _ => value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when value.TryGetInt32(out var small) => small,
                    JsonValueKind.Number => value.GetDouble(),
                    _ => null,
                },
            };
        }
    }
}
