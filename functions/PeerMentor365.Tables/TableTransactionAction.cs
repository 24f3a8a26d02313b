using Azure;

namespace PeerMentor365.Tables;

/// <summary>One action of an entity group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public sealed class TableTransactionAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="actionType">What to do with <paramref name="entity"/>.</param>
    /// <param name="entity">The entity; for <see cref="TableTransactionActionType.Delete"/> only its keys are used.</param>
    /// <param name="etag">For updates and deletes, the version the entity must still have; <c>default</c> means any version.</param>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!Enum.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "Unknown transaction action type.");
        }

        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>What the action does.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>The entity the action applies to.</summary>
    public ITableEntity Entity { get; }

    /// <summary>The version an update or delete requires; <c>default</c> for any.</summary>
    public ETag ETag { get; }
}
