using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Serialization;
using System.Text.Json;

namespace PeerMentor365.Tables;

/// <summary>Writes an entity of a type known only at run time (transactions hold <see cref="ITableEntity"/>).</summary>
internal interface IEntityWriter
{
    void WriteProperties(object entity, Utf8JsonWriter writer);
}

/// <summary>
/// The mapping between a POCO entity type and its Table properties, built once per type from compiled accessors so
/// reading and writing cost no reflection. Thread-safe once built.
/// </summary>
internal sealed class EntityMap<TEntity> : IEntityWriter
{
    private static EntityMap<TEntity>? _instance;

    /// <summary>The map of <typeparamref name="TEntity"/>; throws <see cref="InvalidOperationException"/> naming an unsupported property.</summary>
    public static EntityMap<TEntity> Instance => _instance ??= new EntityMap<TEntity>();

    private readonly PropertyCodec<TEntity>[] _codecs;
    private readonly FrozenDictionary<string, PropertyCodec<TEntity>> _byName;

    private EntityMap()
    {
        _codecs = typeof(TEntity)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(IsStoredProperty)
            .Select(CreateCodec)
            .ToArray();
        _byName = _codecs.ToFrozenDictionary(codec => codec.Name, StringComparer.Ordinal);
    }

    public void WriteProperties(object entity, Utf8JsonWriter writer) => WriteProperties((TEntity)entity, writer);

    public void WriteProperties(TEntity entity, Utf8JsonWriter writer)
    {
        foreach (var codec in _codecs)
        {
            codec.Write(entity, writer);
        }
    }

    /// <summary>Sets the properties this type has from a JSON entity; others are ignored.</summary>
    public void ReadProperties(TEntity entity, JsonElement json, Dictionary<string, string>? annotations)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null && _byName.TryGetValue(property.Name, out var codec))
            {
                string? edmType = null;
                annotations?.TryGetValue(property.Name, out edmType);
                codec.Read(entity, property.Value, edmType);
            }
        }
    }

    private static bool IsStoredProperty(PropertyInfo property) =>
        property.GetMethod is { IsPublic: true } &&
        property.SetMethod is { IsPublic: true } &&
        property.GetIndexParameters().Length == 0 &&
        property.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)) &&
        property.GetCustomAttribute<IgnoreDataMemberAttribute>() is null;

    private static PropertyCodec<TEntity> CreateCodec(PropertyInfo property)
    {
        var converter = EdmConverters.For(property.PropertyType)
            ?? throw new InvalidOperationException(
                $"{typeof(TEntity).Name}.{property.Name} is a {property.PropertyType.Name}, which the Table client does not store. " +
                "Use string, int, long, double, bool, DateTimeOffset, DateTime, Guid, byte[], an enum (or their nullable forms), or mark it [IgnoreDataMember].");
        var codecType = typeof(PropertyCodec<,>).MakeGenericType(typeof(TEntity), property.PropertyType);
        return (PropertyCodec<TEntity>)Activator.CreateInstance(codecType, property, converter)!;
    }
}

internal abstract class PropertyCodec<TEntity>(string name)
{
    public string Name { get; } = name;

    public abstract void Write(TEntity entity, Utf8JsonWriter writer);

    public abstract void Read(TEntity entity, JsonElement value, string? edmType);
}

internal sealed class PropertyCodec<TEntity, TValue> : PropertyCodec<TEntity>
{
    private readonly Func<TEntity, TValue> _get;
    private readonly Action<TEntity, TValue> _set;
    private readonly EdmConverter<TValue> _converter;

    public PropertyCodec(PropertyInfo property, EdmConverter<TValue> converter)
        : base(property.Name)
    {
        var entity = Expression.Parameter(typeof(TEntity), "entity");
        var value = Expression.Parameter(typeof(TValue), "value");
        _get = Expression.Lambda<Func<TEntity, TValue>>(Expression.Property(entity, property), entity).Compile();
        _set = Expression.Lambda<Action<TEntity, TValue>>(Expression.Assign(Expression.Property(entity, property), value), entity, value).Compile();
        _converter = converter;
    }

    public override void Write(TEntity entity, Utf8JsonWriter writer)
    {
        var value = _get(entity);
        if (!_converter.IsNull(value))
        {
            _converter.Write(writer, Name, value);
        }
    }

    public override void Read(TEntity entity, JsonElement value, string? edmType) => _set(entity, _converter.Read(value, edmType, Name));
}

/// <summary>Finds the writer for an entity's run-time type, building its map once.</summary>
internal static class EntityWriters
{
    private static readonly ConcurrentDictionary<Type, IEntityWriter> Writers = new();

    public static IEntityWriter For(Type type) => Writers.GetOrAdd(type, static t =>
    {
        try
        {
            return (IEntityWriter)typeof(EntityMap<>).MakeGenericType(t).GetProperty(nameof(EntityMap<object>.Instance))!.GetValue(null)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    });
}
