namespace PeerMentor365.Tables;

/// <summary>What one action of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction if the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (If-Match: the action's ETag, or any).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (If-Match: the action's ETag, or any).</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity (If-Match: the action's ETag, or any).</summary>
    Delete,

    /// <summary>Insert, or merge into the entity if it exists.</summary>
    UpsertMerge,

    /// <summary>Insert, or replace the entity if it exists.</summary>
    UpsertReplace,
}
