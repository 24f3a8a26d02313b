using System.Globalization;
using System.Text.Json;

namespace PeerMentor365.Tables;

/// <summary>Writes one CLR type as a Table property (with its Edm annotation when the service needs one) and reads it back.</summary>
internal abstract class EdmConverter<TValue>
{
    /// <summary>Null values are not sent (the service does not store nulls).</summary>
    public virtual bool IsNull(TValue value) => value is null;

    public abstract void Write(Utf8JsonWriter writer, string name, TValue value);

    /// <param name="element">The JSON value (never null).</param>
    /// <param name="edmType">The value's <c>@odata.type</c> annotation, if it had one.</param>
    /// <param name="name">The property name, for error messages only.</param>
    public abstract TValue Read(JsonElement element, string? edmType, string name);

    protected static InvalidOperationException Mismatch(string name, JsonElement element, string? edmType, string wanted) =>
        new($"Property '{name}' is stored as {edmType ?? element.ValueKind.ToString()}, which cannot be read as {wanted}.");
}

internal static class EdmConverters
{
    /// <summary>The converter for a property type, or null if the type is not supported.</summary>
    public static object? For(Type type)
    {
        if (type == typeof(string)) return new StringConverter();
        if (type == typeof(byte[])) return new BinaryConverter();
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            var innerConverter = For(inner);
            return innerConverter is null
                ? null
                : Activator.CreateInstance(typeof(NullableConverter<>).MakeGenericType(inner), innerConverter);
        }

        if (type.IsEnum) return Activator.CreateInstance(typeof(EnumConverter<>).MakeGenericType(type));
        if (type == typeof(int)) return new Int32Converter();
        if (type == typeof(long)) return new Int64Converter();
        if (type == typeof(double)) return new DoubleConverter();
        if (type == typeof(bool)) return new BooleanConverter();
        if (type == typeof(DateTimeOffset)) return new DateTimeOffsetConverter();
        if (type == typeof(DateTime)) return new DateTimeConverter();
        if (type == typeof(Guid)) return new GuidConverter();
        return null;
    }

    internal static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Double);
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            // Invariant culture spells these NaN, Infinity and -Infinity, as the service expects.
            writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    internal static double ReadDouble(JsonElement element, string? edmType, string name) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when element.GetString() is "NaN" => double.NaN,
        JsonValueKind.String when element.GetString() is "Infinity" or "INF" => double.PositiveInfinity,
        JsonValueKind.String when element.GetString() is "-Infinity" or "-INF" => double.NegativeInfinity,
        JsonValueKind.String when edmType == EdmTypes.Int64 => long.Parse(element.GetString()!, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Property '{name}' is stored as {edmType ?? element.ValueKind.ToString()}, which cannot be read as a double."),
    };

    internal static void WriteDateTime(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        if (value < EdmTypes.MinDateTime)
        {
            throw new ArgumentException($"Property '{name}' is before 1601-01-01, the earliest date the Table service stores.");
        }

        writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.DateTime);
        writer.WriteString(name, EdmTypes.FormatDateTime(value));
    }

    internal static long ReadInt64(JsonElement element, string? edmType, string name) => element.ValueKind switch
    {
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        JsonValueKind.Number when element.TryGetInt64(out var value) => value,
        _ => throw new InvalidOperationException($"Property '{name}' is stored as {edmType ?? element.ValueKind.ToString()}, which cannot be read as a long."),
    };
}

internal sealed class StringConverter : EdmConverter<string>
{
    public override void Write(Utf8JsonWriter writer, string name, string value) => writer.WriteString(name, value);

    public override string Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Mismatch(name, element, edmType, "a string");
}

internal sealed class BinaryConverter : EdmConverter<byte[]>
{
    public override void Write(Utf8JsonWriter writer, string name, byte[] value)
    {
        writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Binary);
        writer.WriteBase64String(name, value);
    }

    public override byte[] Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.String && element.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw Mismatch(name, element, edmType, "bytes");
}

internal sealed class Int32Converter : EdmConverter<int>
{
    public override bool IsNull(int value) => false;

    public override void Write(Utf8JsonWriter writer, string name, int value) => writer.WriteNumber(name, value);

    public override int Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) ? value : throw Mismatch(name, element, edmType, "an int");
}

internal sealed class Int64Converter : EdmConverter<long>
{
    public override bool IsNull(long value) => false;

    public override void Write(Utf8JsonWriter writer, string name, long value)
    {
        writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Int64);
        writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
    }

    public override long Read(JsonElement element, string? edmType, string name) => EdmConverters.ReadInt64(element, edmType, name);
}

internal sealed class DoubleConverter : EdmConverter<double>
{
    public override bool IsNull(double value) => false;

    public override void Write(Utf8JsonWriter writer, string name, double value) => EdmConverters.WriteDouble(writer, name, value);

    public override double Read(JsonElement element, string? edmType, string name) => EdmConverters.ReadDouble(element, edmType, name);
}

internal sealed class BooleanConverter : EdmConverter<bool>
{
    public override bool IsNull(bool value) => false;

    public override void Write(Utf8JsonWriter writer, string name, bool value) => writer.WriteBoolean(name, value);

    public override bool Read(JsonElement element, string? edmType, string name) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(name, element, edmType, "a bool"),
    };
}

internal sealed class DateTimeOffsetConverter : EdmConverter<DateTimeOffset>
{
    public override bool IsNull(DateTimeOffset value) => false;

    public override void Write(Utf8JsonWriter writer, string name, DateTimeOffset value) => EdmConverters.WriteDateTime(writer, name, value);

    public override DateTimeOffset Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.String ? EdmTypes.ParseDateTime(element.GetString()!) : throw Mismatch(name, element, edmType, "a DateTimeOffset");
}

internal sealed class DateTimeConverter : EdmConverter<DateTime>
{
    public override bool IsNull(DateTime value) => false;

    public override void Write(Utf8JsonWriter writer, string name, DateTime value) =>
        EdmConverters.WriteDateTime(writer, name, EdmTypes.FromDateTime(value));

    public override DateTime Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.String
            ? EdmTypes.ParseDateTime(element.GetString()!).UtcDateTime
            : throw Mismatch(name, element, edmType, "a DateTime");
}

internal sealed class GuidConverter : EdmConverter<Guid>
{
    public override bool IsNull(Guid value) => false;

    public override void Write(Utf8JsonWriter writer, string name, Guid value)
    {
        writer.WriteString(name + EdmTypes.AnnotationSuffix, EdmTypes.Guid);
        writer.WriteString(name, value);
    }

    public override Guid Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.String && element.TryGetGuid(out var value) ? value : throw Mismatch(name, element, edmType, "a Guid");
}

/// <summary>Enums are stored as their names, so reordering an enum never changes stored meaning.</summary>
internal sealed class EnumConverter<TEnum> : EdmConverter<TEnum>
    where TEnum : struct, Enum
{
    public override bool IsNull(TEnum value) => false;

    public override void Write(Utf8JsonWriter writer, string name, TEnum value) => writer.WriteString(name, value.ToString());

    public override TEnum Read(JsonElement element, string? edmType, string name) =>
        element.ValueKind == JsonValueKind.String && Enum.TryParse<TEnum>(element.GetString(), ignoreCase: false, out var value)
            ? value
            : throw new InvalidOperationException($"Property '{name}' does not hold a {typeof(TEnum).Name} name.");
}

internal sealed class NullableConverter<T>(EdmConverter<T> inner) : EdmConverter<T?>
    where T : struct
{
    public override bool IsNull(T? value) => value is null;

    public override void Write(Utf8JsonWriter writer, string name, T? value) => inner.Write(writer, name, value!.Value);

    public override T? Read(JsonElement element, string? edmType, string name) => inner.Read(element, edmType, name);
}
