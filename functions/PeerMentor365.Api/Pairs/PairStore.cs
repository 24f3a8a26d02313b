using Azure;
using Azure.Data.Tables;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Pairs;

/// <summary>Pairs in Table storage: the pair row in the pair's partition, and one membership row per member.</summary>
internal sealed class PairStore(MentoringTables tables)
{
    private const int ParallelReads = 8;

    /// <summary>The pair, if it exists and <paramref name="userId"/> is a member; null otherwise (the caller answers 404 either way).</summary>
    public async Task<Versioned<Pair>?> FindForMemberAsync(string pairId, string userId, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(pairId, cancellationToken);
        return stored is not null && stored.Value.IsMember(userId) ? stored : null;
    }

    public async Task<Versioned<Pair>?> FindAsync(string pairId, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(pairId, Ids.Pair))
        {
            return null;
        }

        var table = await tables.GetAsync(cancellationToken);
        var found = await table.Pairs.GetEntityIfExistsAsync<PairRow>(PairKeys.PairPartition(pairId), PairKeys.PairRow, cancellationToken: cancellationToken);
        return found.HasValue ? PairMapping.FromRow(found.Value!) : null;
    }

    /// <summary>
    /// Membership rows first, then the pair: a failure in between leaves a membership row that points at no pair
    /// (skipped when listing), never a pair a member cannot find.
    /// </summary>
    public async Task<Versioned<Pair>> CreateAsync(Pair pair, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        await Task.WhenAll(pair.Members.Select(member => table.Memberships.UpsertEntityAsync(
            new MembershipRow { PartitionKey = PairKeys.MemberPartition(member.UserId), RowKey = pair.Id },
            TableUpdateMode.Replace,
            cancellationToken)));
        var row = PairMapping.ToRow(pair, changes: null);
        var response = await table.Pairs.AddEntityAsync(row, cancellationToken);
        return new Versioned<Pair>(pair, response.Headers.ETag ?? default, null);
    }

    /// <summary>The user's pairs, newest first (pair ids sort newest first).</summary>
    public async Task<IReadOnlyList<Versioned<Pair>>> ListForMemberAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        var pairIds = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PairKeys.MemberPartition(userId)}");
        await foreach (var membership in table.Memberships.QueryAsync<MembershipRow>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            pairIds.Add(membership.RowKey);
        }

        var pairs = new Versioned<Pair>?[pairIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, pairIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (index, token) => pairs[index] = await FindForMemberAsync(pairIds[index], userId, token));
        return [.. pairs.OfType<Versioned<Pair>>()];
    }

    /// <summary>Writes the changed pair if the stored one is still at <paramref name="before"/>'s ETag; else returns the current one.</summary>
    public async Task<SaveResult<Pair>> SaveAsync(Versioned<Pair> before, PairChange change, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        var changes = ChangeLog.Append(before.Changes, before.ETag, change.Fields);
        var row = PairMapping.ToRow(change.Changed!, changes);
        try
        {
            var response = await table.Pairs.UpdateEntityAsync(row, before.ETag, TableUpdateMode.Replace, cancellationToken);
            return new SaveResult<Pair>(new Versioned<Pair>(change.Changed!, response.Headers.ETag ?? default, changes), null);
        }
        catch (RequestFailedException failed) when (failed.Status == StatusCodes.Status412PreconditionFailed)
        {
            return new SaveResult<Pair>(null, await FindAsync(before.Value.Id, cancellationToken));
        }
    }
}
