using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace PeerMentor365.Api.Storage;

/// <summary>The tables of mentoring data (docs/storage-design.md), once they exist.</summary>
/// <param name="Pairs">One partition per pair: the pair, its goals, commitments, sessions and ratings.</param>
/// <param name="Memberships">One partition per user: the ids of their pairs.</param>
/// <param name="DueCommitments">One partition per due date: a row per open commitment, for the nightly overdue sweep.</param>
/// <param name="SeriesIndex">Series found by iCalUId (any attendee's copy) and the active ones (docs/series-api.md).</param>
internal sealed record TableSet(TableClient Pairs, TableClient Memberships, TableClient DueCommitments, TableClient SeriesIndex);

/// <summary>The table clients, built from <see cref="StorageOptions"/>; the tables are created on first use, once.</summary>
internal sealed partial class MentoringTables(IOptions<StorageOptions> options, ILogger<MentoringTables> logger) : IDisposable
{
    public const string PairsTable = "Pairs";
    public const string MembershipsTable = "PairMemberships";
    public const string DueCommitmentsTable = "CommitmentsDue";
    public const string SeriesIndexTable = "SeriesIndex";

    private readonly CreatedOnce<TableSet> _tables = new(async cancellationToken =>
    {
        var settings = options.Value;
        var prefix = settings.TablePrefix ?? string.Empty;
        var service = StorageAccount.Connect(settings);
        var tables = new TableSet(
            service.GetTableClient(prefix + PairsTable),
            service.GetTableClient(prefix + MembershipsTable),
            service.GetTableClient(prefix + DueCommitmentsTable),
            service.GetTableClient(prefix + SeriesIndexTable));
        await Task.WhenAll(
            tables.Pairs.CreateIfNotExistsAsync(cancellationToken),
            tables.Memberships.CreateIfNotExistsAsync(cancellationToken),
            tables.DueCommitments.CreateIfNotExistsAsync(cancellationToken),
            tables.SeriesIndex.CreateIfNotExistsAsync(cancellationToken));
        LogTablesReady(logger, prefix.Length > 0);
        return tables;
    });

    public bool IsConfigured => options.Value.IsConfigured;

    /// <exception cref="StorageNotConfiguredException">No Storage:ConnectionString or Storage:TableEndpoint is set.</exception>
    public ValueTask<TableSet> GetAsync(CancellationToken cancellationToken) => _tables.GetAsync(cancellationToken);

    public void Dispose() => _tables.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Mentoring tables ready (prefixed: {Prefixed})")]
    private static partial void LogTablesReady(ILogger logger, bool prefixed);
}
