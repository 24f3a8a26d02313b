using Azure;

namespace PeerMentor365.Tables;

/// <summary>
/// An entity stored in a table: the keys that address it and the two values the service manages.
/// Implement it on a class with public get/set properties to store that class (see <see cref="TableClient"/>
/// for the supported property types), or use <see cref="TableEntity"/> as a property bag.
/// </summary>
public interface ITableEntity
{
    /// <summary>The partition the entity lives in. At most 512 characters; no <c>/ \ # ?</c> or control characters.</summary>
    string PartitionKey { get; set; }

    /// <summary>The entity's key within its partition. Same rules as <see cref="PartitionKey"/>.</summary>
    string RowKey { get; set; }

    /// <summary>When the service last wrote the entity; set by the service, never sent.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version as read; pass it as <c>ifMatch</c> to update only an unchanged entity. Never sent as a property.</summary>
    ETag ETag { get; set; }
}
