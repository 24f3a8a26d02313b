using Azure;
using Azure.Data.Tables;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Series;

/// <summary>
/// The series, idempotency, notebook and "current series" rows in the pair's partition, and the SeriesIndex rows.
/// Writes to a series or notebook row are conditional on the ETag the caller read (updated on success).
/// </summary>
internal sealed class SeriesStore(PairPartitions partitions, MentoringTables tables)
{
    public Task<IdempotencyRow?> FindKeyAsync(string pairId, string keyRow, CancellationToken cancellationToken) =>
        partitions.GetAsync<IdempotencyRow>(pairId, keyRow, cancellationToken);

    /// <summary>The series <paramref name="seriesId"/> of the pair; null when the id is malformed or no series has it.</summary>
    public async Task<Versioned<PairSeries>?> FindAsync(string pairId, string seriesId, CancellationToken cancellationToken) =>
        await FindRowAsync(pairId, seriesId, cancellationToken) is { } row ? SeriesMapping.FromRow(row) : null;

    /// <summary>The pair's series, newest first (series ids count down).</summary>
    public async Task<IReadOnlyList<Versioned<PairSeries>>> ListAsync(string pairId, CancellationToken cancellationToken) =>
        [.. (await partitions.QueryAsync<SeriesRow>(pairId, Ids.Series + "_", TableClient.CreateQueryFilter($"Kind eq {PairKeys.SeriesKind}"), cancellationToken))
            .OrderBy(row => row.RowKey, StringComparer.Ordinal)
            .Select(SeriesMapping.FromRow)];

    private async Task<SeriesRow?> FindRowAsync(string pairId, string seriesId, CancellationToken cancellationToken) =>
        Ids.IsValid(seriesId, Ids.Series) && await partitions.GetAsync<SeriesRow>(pairId, PairKeys.ItemRow(seriesId), cancellationToken) is { Kind: PairKeys.SeriesKind } row
            ? row
            : null;

    public Task<CurrentSeriesRow?> FindCurrentAsync(string pairId, CancellationToken cancellationToken) =>
        partitions.GetAsync<CurrentSeriesRow>(pairId, PairKeys.CurrentSeriesRow, cancellationToken);

    /// <summary>
    /// Inserts the idempotency row and the series, and makes the series the pair's current one, in one transaction: the
    /// series as stored, or null when the key was inserted meanwhile or another series became current (the caller re-reads).
    /// </summary>
    /// <param name="current">The current-series row as read (null: there was none) — replaced only if still at its ETag.</param>
    public async Task<Versioned<PairSeries>?> TryStartAsync(IdempotencyRow key, PairSeries series, CurrentSeriesRow? current, CancellationToken cancellationToken)
    {
        var row = SeriesMapping.ToRow(series, default);
        var next = new CurrentSeriesRow { PartitionKey = row.PartitionKey, SeriesId = row.RowKey };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, key),
            new(TableTransactionActionType.Add, row),
            current is null
                ? new(TableTransactionActionType.Add, next)
                : new(TableTransactionActionType.UpdateReplace, next, current.ETag),
        ];
        var responses = await partitions.TrySubmitAsync(actions, cancellationToken);
        return responses is null ? null : new Versioned<PairSeries>(series, responses[1].Headers.ETag ?? default, null);
    }

    /// <summary>Replaces the series if it is still at <paramref name="etag"/>: the series as saved, or null when another writer came first.</summary>
    public async Task<Versioned<PairSeries>?> TrySaveAsync(PairSeries series, ETag etag, CancellationToken cancellationToken) =>
        await partitions.ReplaceAsync(SeriesMapping.ToRow(series, etag), etag, cancellationToken) is { } saved
            ? new Versioned<PairSeries>(series, saved, null)
            : null;

    public Task<NotebookRow?> FindNotebookAsync(string pairId, CancellationToken cancellationToken) =>
        partitions.GetAsync<NotebookRow>(pairId, PairKeys.NotebookRow, cancellationToken);

    /// <summary>Adds (never stored yet) or replaces (at its ETag) the notebook row; false when another writer came first.</summary>
    public async Task<bool> TrySaveNotebookAsync(NotebookRow row, CancellationToken cancellationToken)
    {
        if (row.ETag == default)
        {
            try
            {
                row.ETag = await partitions.AddAsync(row, cancellationToken);
                return true;
            }
            catch (RequestFailedException failed) when (failed.Status == StatusCodes.Status409Conflict)
            {
                return false;
            }
        }

        var etag = await partitions.ReplaceAsync(row, row.ETag, cancellationToken);
        if (etag is not { } saved)
        {
            return false;
        }

        row.ETag = saved;
        return true;
    }

    /// <summary>The SeriesIndex rows of an active series: ical_{hash} (from any attendee's copy) and active (for the nightly job).</summary>
    public async Task WriteIndexAsync(PairSeries series, CancellationToken cancellationToken)
    {
        var table = (await tables.GetAsync(cancellationToken)).SeriesIndex;
        var pairId = series.PairId;
        await table.UpsertEntityAsync(
            new SeriesIndexRow { PartitionKey = PairKeys.ICalPartition(series.Event.ICalUId!), RowKey = PairKeys.ItemRow(series.Id), PairId = pairId },
            TableUpdateMode.Replace,
            cancellationToken);
        await table.UpsertEntityAsync(
            new SeriesIndexRow
            {
                PartitionKey = PairKeys.ActiveSeriesPartition,
                RowKey = PairKeys.ActiveSeriesRow(pairId, series.Id),
                PairId = pairId,
                SeriesId = series.Id,
                OrganizerId = series.OrganizerId,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }
}
