using Azure;

namespace PeerMentor365.Tables;

/// <summary>
/// An entity group transaction was rejected as a whole: nothing in it was written. The status and error code are
/// those of the failing action (for example 409 <c>EntityAlreadyExists</c>, 412 <c>UpdateConditionNotSatisfied</c>).
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception for a failed transaction.</summary>
    /// <param name="status">The failing action's HTTP status.</param>
    /// <param name="message">The service's message, without entity content.</param>
    /// <param name="errorCode">The service's error code, if it gave one.</param>
    /// <param name="failedTransactionActionIndex">The zero-based index of the failing action, if the service named it.</param>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, innerException: null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>The zero-based index, in the submitted order, of the action that failed; null when the service did not say.</summary>
    public int? FailedTransactionActionIndex { get; }
}
