using Azure.Data.Tables;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>Reads of the SeriesIndex table that the series code writes (docs/series-api.md, storage).</summary>
internal sealed class SeriesIndexReader(MentoringTables tables)
{
    /// <summary>Our series whose master has <paramref name="iCalUId"/> (normally one; the same meeting is never two series).</summary>
    public Task<IReadOnlyList<SeriesIndexRow>> FindByICalUIdAsync(string iCalUId, CancellationToken cancellationToken) =>
        ReadPartitionAsync(PairKeys.ICalPartition(iCalUId), cancellationToken);

    /// <summary>Every active series, for the nightly preparation.</summary>
    public Task<IReadOnlyList<SeriesIndexRow>> ListActiveAsync(CancellationToken cancellationToken) =>
        ReadPartitionAsync(PairKeys.ActiveSeriesPartition, cancellationToken);

    private async Task<IReadOnlyList<SeriesIndexRow>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var table = (await tables.GetAsync(cancellationToken)).SeriesIndex;
        var rows = new List<SeriesIndexRow>();
        await foreach (var row in table.QueryAsync<SeriesIndexRow>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
