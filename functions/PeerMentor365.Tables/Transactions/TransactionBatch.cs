using System.Text;

namespace PeerMentor365.Tables;

/// <summary>
/// Writes an entity group transaction as the <c>$batch</c> multipart body: one changeset, one inner HTTP request per
/// action (absolute URLs, CRLF line endings, inner requests unsigned).
/// </summary>
internal static class TransactionBatch
{
    public const int MaxActions = 100;

    /// <summary>Checks what the service would refuse, and what Azurite would wrongly accept (actions in different partitions).</summary>
    public static List<TableTransactionAction> Validate(IEnumerable<TableTransactionAction> transactionActions)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(transactionActions));
        }

        if (actions.Count > MaxActions)
        {
            throw new ArgumentException($"A transaction holds at most {MaxActions} actions; this one has {actions.Count}.", nameof(transactionActions));
        }

        var partitionKey = actions[0]?.Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (action is null)
            {
                throw new ArgumentException("A transaction action is null.", nameof(transactionActions));
            }

            TableKeys.Validate(action.Entity.PartitionKey, action.Entity.RowKey);
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("All actions of a transaction must be in one partition.", nameof(transactionActions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException("A transaction may touch each entity (RowKey) only once.", nameof(transactionActions));
            }
        }

        return actions;
    }

    public static byte[] Write(IReadOnlyList<TableTransactionAction> actions, string tableUrl, Func<ITableEntity, string> entityUrl, string batchBoundary, string changesetBoundary)
    {
        var body = new StringBuilder(actions.Count * 400);
        body.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            var (method, ifMatch, sendsBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", IfMatch(action), true),
                TableTransactionActionType.UpdateReplace => ("PUT", IfMatch(action), true),
                TableTransactionActionType.Delete => ("DELETE", IfMatch(action), false),
                TableTransactionActionType.UpsertMerge => ("MERGE", null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", null, true),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action type."),
            };
            var url = action.ActionType == TableTransactionActionType.Add ? tableUrl : entityUrl(action.Entity);

            body.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableClient.AcceptJson).Append("\r\n")
                .Append("DataServiceVersion: 3.0\r\n");
            if (method == "POST")
            {
                body.Append("Prefer: return-no-content\r\n");
            }

            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (sendsBody)
            {
                body.Append("Content-Type: application/json\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(EntityJson.Serialize(action.Entity))).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static string IfMatch(TableTransactionAction action) => action.ETag == default ? "*" : action.ETag.ToString();
}
