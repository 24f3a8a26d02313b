using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace PeerMentor365.Tables;

/// <summary>
/// An entity as a property bag: any property name to a value of a supported type (string, int, long, double, bool,
/// <see cref="DateTimeOffset"/>, <see cref="DateTime"/>, <see cref="Guid"/>, byte[]; enums are stored as their names).
/// Read back, an <c>Edm.DateTime</c> is a <see cref="DateTimeOffset"/> and an enum is a string. Null values are not
/// stored. Not thread-safe.
/// </summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";
    internal const string ETagName = "odata.etag";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an empty entity (keys empty).</summary>
    public TableEntity()
    {
        PartitionKey = string.Empty;
        RowKey = string.Empty;
    }

    /// <summary>Creates an entity with its keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Creates an entity holding a copy of <paramref name="values"/> (which may include the keys).</summary>
    public TableEntity(IDictionary<string, object?> values)
        : this()
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            this[name] = value;
        }
    }

    /// <inheritdoc />
    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = value;
    }

    /// <inheritdoc />
    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = value;
    }

    /// <inheritdoc />
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <inheritdoc />
    public ETag ETag
    {
        get => _properties.TryGetValue(ETagName, out var value) && value is string text ? new ETag(text) : default;
        set => _properties[ETagName] = value == default ? null : value.ToString();
    }

    /// <summary>The value of a property, or null when the entity has no such property.</summary>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            _properties[key] = value;
        }
    }

    /// <summary>The property as a string; null if absent. Throws <see cref="InvalidOperationException"/> if it holds another type.</summary>
    public string? GetString(string key) => Get<string>(key);

    /// <summary>The property as an int; null if absent.</summary>
    public int? GetInt32(string key) => GetStruct<int>(key);

    /// <summary>The property as a long (an int is widened); null if absent.</summary>
    public long? GetInt64(string key) => this[key] is int small ? small : GetStruct<long>(key);

    /// <summary>The property as a double (an int or long is widened); null if absent.</summary>
    public double? GetDouble(string key) => this[key] switch
    {
        int small => small,
        long large => large,
        _ => GetStruct<double>(key),
    };

    /// <summary>The property as a bool; null if absent.</summary>
    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    /// <summary>The property as a <see cref="DateTimeOffset"/> (a <see cref="DateTime"/> is taken as UTC); null if absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => this[key] is DateTime dateTime
        ? new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc))
        : GetStruct<DateTimeOffset>(key);

    /// <summary>The property as a <see cref="Guid"/>; null if absent.</summary>
    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    /// <summary>The property as bytes; null if absent.</summary>
    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    private T? Get<T>(string key)
        where T : class => this[key] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(key, typeof(T), other),
        };

    private T? GetStruct<T>(string key)
        where T : struct => this[key] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(key, typeof(T), other),
        };

    private static InvalidOperationException WrongType(string key, Type wanted, object actual) =>
        new($"Property '{key}' holds a {actual.GetType().Name}, not a {wanted.Name}.");

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    public int Count => _properties.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc />
    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
