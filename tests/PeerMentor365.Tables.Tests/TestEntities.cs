using System.Runtime.Serialization;
using Azure;

namespace PeerMentor365.Tables.Tests;

public enum CommitmentState
{
    Open,
    Done,
    Dropped,
}

/// <summary>Every supported property type, plain and nullable.</summary>
public sealed class AllTypesEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Text { get; set; }
    public int Small { get; set; }
    public long Large { get; set; }
    public double Ratio { get; set; }
    public bool Flag { get; set; }
    public DateTimeOffset Moment { get; set; } = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public DateTime UtcTime { get; set; } = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public Guid Id { get; set; }
    public byte[]? Bytes { get; set; }
    public CommitmentState State { get; set; }

    public int? MaybeSmall { get; set; }
    public long? MaybeLarge { get; set; }
    public double? MaybeRatio { get; set; }
    public bool? MaybeFlag { get; set; }
    public DateTimeOffset? MaybeMoment { get; set; }
    public DateTime? MaybeUtcTime { get; set; }
    public Guid? MaybeId { get; set; }
    public CommitmentState? MaybeState { get; set; }

    [IgnoreDataMember]
    public string? NotStored { get; set; }

    public string Computed => Text + " (never stored: no setter)";
}

public sealed class NoteEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Owner { get; set; }
    public string? Text { get; set; }
    public int Order { get; set; }
}

/// <summary>Reads only part of what <see cref="AllTypesEntity"/> stores.</summary>
public sealed class NarrowEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Text { get; set; }
}

public sealed class UnsupportedEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public decimal Price { get; set; }
}
