using Azure;
using Azure.Data.Tables;

namespace PeerMentor365.Api.Storage;

/// <summary>Reads and writes of rows in pair partitions (the Pairs table), shared by the goal, commitment and session stores.</summary>
internal sealed class PairPartitions(MentoringTables tables)
{
    public async Task<TRow?> GetAsync<TRow>(string pairId, string rowKey, CancellationToken cancellationToken)
        where TRow : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(cancellationToken);
        var found = await table.Pairs.GetEntityIfExistsAsync<TRow>(PairKeys.PairPartition(pairId), rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Rows of one pair whose row key starts with <paramref name="prefix"/>, with an optional extra filter.</summary>
    public async Task<List<TRow>> QueryAsync<TRow>(string pairId, string prefix, string? andFilter, CancellationToken cancellationToken)
        where TRow : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(cancellationToken);
        var filter = PairKeys.PartitionRange(PairKeys.PairPartition(pairId), prefix);
        if (andFilter is not null)
        {
            filter = $"{filter} and ({andFilter})";
        }

        var rows = new List<TRow>();
        await foreach (var row in table.Pairs.QueryAsync<TRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Inserts a new row; returns its ETag.</summary>
    public async Task<ETag> AddAsync<TRow>(TRow row, CancellationToken cancellationToken)
        where TRow : ITableEntity
    {
        var table = await tables.GetAsync(cancellationToken);
        var response = await table.Pairs.AddEntityAsync(row, cancellationToken);
        return response.Headers.ETag ?? default;
    }

    /// <summary>Inserts or replaces the row, whatever its version.</summary>
    public async Task<ETag> UpsertAsync<TRow>(TRow row, CancellationToken cancellationToken)
        where TRow : ITableEntity
    {
        var table = await tables.GetAsync(cancellationToken);
        var response = await table.Pairs.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag ?? default;
    }

    /// <summary>Replaces the row if it is still at <paramref name="ifMatch"/>; null when another write came first.</summary>
    public async Task<ETag?> ReplaceAsync<TRow>(TRow row, ETag ifMatch, CancellationToken cancellationToken)
        where TRow : ITableEntity
    {
        var table = await tables.GetAsync(cancellationToken);
        try
        {
            var response = await table.Pairs.UpdateEntityAsync(row, ifMatch, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException failed) when (failed.Status == StatusCodes.Status412PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Runs actions on one pair's partition atomically; false when a condition failed (412) or a row already existed (409).</summary>
    public async Task<IReadOnlyList<Response>?> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        try
        {
            return (await table.Pairs.SubmitTransactionAsync(actions, cancellationToken)).Value;
        }
        catch (RequestFailedException failed) when (failed.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
        {
            return null;
        }
    }
}
