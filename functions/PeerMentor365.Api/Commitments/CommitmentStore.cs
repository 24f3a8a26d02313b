using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Commitments;

/// <summary>A commitment row (Pairs table, partition = pair id, row = commitment id c_…).</summary>
internal sealed class CommitmentRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.CommitmentKind;
    public string OwnerId { get; set; } = string.Empty;
    public string Text { get; set; } = string.Empty;
    public string Due { get; set; } = string.Empty;
    public string Status { get; set; } = string.Empty;
    public string? CreatedInSession { get; set; }
    public string? ClosedInSession { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>While open: the nonce of the CommitmentsDue row that speaks for this commitment.</summary>
    public string? DueIndexNonce { get; set; }

    public string? Changes { get; set; }
}

/// <summary>A row of the CommitmentsDue index (partition = due date, row = {pairId}_{commitmentId}_{nonce}). No text.</summary>
internal sealed class DueIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PairId { get; set; } = string.Empty;
    public string CommitmentId { get; set; } = string.Empty;
    public string Nonce { get; set; } = string.Empty;
}

/// <summary>
/// Commitments in their pair's partition, and the due-date index kept in step with them. Each open commitment is
/// indexed by a row unique to the write that made it (a nonce), written before the commitment and removed only after
/// the commitment moved on: a crash can leave a stale index row (readers check the nonce), never a missing one.
/// </summary>
internal sealed class CommitmentStore(MentoringTables tables, PairPartitions partitions)
{
    public const string ListAll = "all";

    /// <summary>The pair's commitments with <paramref name="status"/> (or all), optionally only a session's (created or closed in it).</summary>
    public async Task<IReadOnlyList<Versioned<Commitment>>> ListAsync(string pairId, string status, string? sessionId, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (status != ListAll)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        if (sessionId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedInSession eq {sessionId} or ClosedInSession eq {sessionId}"));
        }

        var rows = await partitions.QueryAsync<CommitmentRow>(
            pairId, Ids.Commitment + "_", filters.Count == 0 ? null : string.Join(" and ", filters.Select(f => $"({f})")), cancellationToken);
        return [.. rows.Select(FromRow).OrderBy(c => c.Value.Due).ThenBy(c => c.Value.CreatedAt)];
    }

    public async Task<Versioned<Commitment>?> FindAsync(string pairId, string commitmentId, CancellationToken cancellationToken) =>
        Ids.IsValid(commitmentId, Ids.Commitment) && await partitions.GetAsync<CommitmentRow>(pairId, PairKeys.ItemRow(commitmentId), cancellationToken) is { } row
            ? FromRow(row)
            : null;

    /// <summary>Indexes the new (open) commitment, then stores it; if storing fails, the index row goes again.</summary>
    public async Task<Versioned<Commitment>> AddAsync(Commitment commitment, CancellationToken cancellationToken)
    {
        var indexed = commitment with { DueIndexNonce = Ids.Nonce() };
        var index = await IndexAsync(indexed, cancellationToken);
        try
        {
            return new Versioned<Commitment>(indexed, await partitions.AddAsync(ToRow(indexed, null), cancellationToken), null);
        }
        catch
        {
            await UnindexAsync(indexed, index, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="changed"/> if the stored commitment is still at <paramref name="before"/>'s ETag. A new
    /// index row is written first when it becomes (or stays) open with another due date; the old row is removed after.
    /// </summary>
    public async Task<SaveResult<Commitment>> SaveAsync(Versioned<Commitment> before, Commitment changed, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var old = before.Value;
        var keepsIndexRow = old.IsOpen && changed.IsOpen && old.Due == changed.Due && old.DueIndexNonce is not null;
        var next = changed with { DueIndexNonce = keepsIndexRow ? old.DueIndexNonce : changed.IsOpen ? Ids.Nonce() : null };
        var newIndex = next.IsOpen && !keepsIndexRow ? await IndexAsync(next, cancellationToken) : (ETag?)null;

        var changes = ChangeLog.Append(before.Changes, before.ETag, fields);
        ETag? saved;
        try
        {
            saved = await partitions.ReplaceAsync(ToRow(next, changes), before.ETag, cancellationToken);
        }
        catch when (newIndex is not null)
        {
            await UnindexAsync(next, newIndex, CancellationToken.None);
            throw;
        }

        if (saved is null)
        {
            if (newIndex is not null)
            {
                await UnindexAsync(next, newIndex, cancellationToken);
            }

            return new SaveResult<Commitment>(null, await FindAsync(old.PairId, old.Id, cancellationToken));
        }

        if (!keepsIndexRow && old.DueIndexNonce is not null)
        {
            await UnindexAsync(old, null, cancellationToken);
        }

        return new SaveResult<Commitment>(new Versioned<Commitment>(next, saved.Value, changes), null);
    }

    /// <summary>
    /// Index rows due before <paramref name="before"/> (the nightly sweep's read): one range over the date partitions.
    /// A row is current only if its commitment is open and still carries its nonce.
    /// </summary>
    public async Task<IReadOnlyList<DueIndexRow>> DueBeforeAsync(LocalDate before, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        var rows = new List<DueIndexRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {PairKeys.DuePartition(before)}");
        await foreach (var row in table.DueCommitments.QueryAsync<DueIndexRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<ETag> IndexAsync(Commitment commitment, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        var response = await table.DueCommitments.AddEntityAsync(
            new DueIndexRow
            {
                PartitionKey = PairKeys.DuePartition(commitment.Due),
                RowKey = PairKeys.DueRow(commitment.PairId, commitment.Id, commitment.DueIndexNonce!),
                PairId = commitment.PairId,
                CommitmentId = commitment.Id,
                Nonce = commitment.DueIndexNonce!,
            },
            cancellationToken);
        return response.Headers.ETag ?? default;
    }

    // Each index row belongs to one write (its nonce), so deleting it can never remove another write's row.
    private async Task UnindexAsync(Commitment commitment, ETag? etag, CancellationToken cancellationToken)
    {
        if (commitment.DueIndexNonce is null)
        {
            return;
        }

        var table = await tables.GetAsync(cancellationToken);
        try
        {
            await table.DueCommitments.DeleteEntityAsync(
                PairKeys.DuePartition(commitment.Due),
                PairKeys.DueRow(commitment.PairId, commitment.Id, commitment.DueIndexNonce),
                etag ?? ETag.All,
                cancellationToken);
        }
        catch (RequestFailedException failed) when (failed.Status == StatusCodes.Status412PreconditionFailed)
        {
        }
    }

    private static CommitmentRow ToRow(Commitment commitment, string? changes) => new()
    {
        PartitionKey = PairKeys.PairPartition(commitment.PairId),
        RowKey = PairKeys.ItemRow(commitment.Id),
        OwnerId = commitment.OwnerId,
        Text = commitment.Text,
        Due = Wire.Format(commitment.Due),
        Status = Commitment.StatusName(commitment.Status),
        CreatedInSession = commitment.CreatedInSession,
        ClosedInSession = commitment.ClosedInSession,
        CreatedAt = commitment.CreatedAt.ToDateTimeOffset(),
        UpdatedAt = commitment.UpdatedAt.ToDateTimeOffset(),
        ClosedAt = commitment.ClosedAt?.ToDateTimeOffset(),
        DueIndexNonce = commitment.DueIndexNonce,
        Changes = changes,
    };

    private static Versioned<Commitment> FromRow(CommitmentRow row) => new(
        new Commitment(
            row.RowKey,
            row.PartitionKey,
            row.OwnerId,
            row.Text,
            Wire.ParseDate(row.Due),
            Commitment.ParseStatus(row.Status),
            row.CreatedInSession,
            row.ClosedInSession,
            Instant.FromDateTimeOffset(row.CreatedAt),
            Instant.FromDateTimeOffset(row.UpdatedAt),
            row.ClosedAt is { } closedAt ? Instant.FromDateTimeOffset(closedAt) : null,
            row.DueIndexNonce),
        row.ETag,
        row.Changes);
}
