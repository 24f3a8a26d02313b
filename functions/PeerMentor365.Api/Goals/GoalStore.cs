using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Goals;

/// <summary>A goal row (Pairs table, partition = pair id, row = goal id g_…).</summary>
internal sealed class GoalRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.GoalKind;
    public string OwnerId { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Measure { get; set; } = string.Empty;
    public string TargetDate { get; set; } = string.Empty;
    public int Progress { get; set; }
    public string Status { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? Changes { get; set; }
}

/// <summary>Goals in their pair's partition.</summary>
internal sealed class GoalStore(PairPartitions partitions)
{
    /// <summary>Every member's goals, newest first.</summary>
    public async Task<IReadOnlyList<Versioned<Goal>>> ListAsync(string pairId, CancellationToken cancellationToken) =>
        [.. (await partitions.QueryAsync<GoalRow>(pairId, Ids.Goal + "_", null, cancellationToken)).Select(FromRow)];

    public async Task<Versioned<Goal>?> FindAsync(string pairId, string goalId, CancellationToken cancellationToken) =>
        Ids.IsValid(goalId, Ids.Goal) && await partitions.GetAsync<GoalRow>(pairId, PairKeys.ItemRow(goalId), cancellationToken) is { } row
            ? FromRow(row)
            : null;

    public async Task<Versioned<Goal>> AddAsync(Goal goal, CancellationToken cancellationToken) =>
        new(goal, await partitions.AddAsync(ToRow(goal, null), cancellationToken), null);

    public async Task<SaveResult<Goal>> SaveAsync(Versioned<Goal> before, Goal changed, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var changes = ChangeLog.Append(before.Changes, before.ETag, fields);
        var etag = await partitions.ReplaceAsync(ToRow(changed, changes), before.ETag, cancellationToken);
        return etag is { } saved
            ? new SaveResult<Goal>(new Versioned<Goal>(changed, saved, changes), null)
            : new SaveResult<Goal>(null, await FindAsync(before.Value.PairId, before.Value.Id, cancellationToken));
    }

    private static GoalRow ToRow(Goal goal, string? changes) => new()
    {
        PartitionKey = PairKeys.PairPartition(goal.PairId),
        RowKey = PairKeys.ItemRow(goal.Id),
        OwnerId = goal.OwnerId,
        Title = goal.Title,
        Measure = goal.Measure,
        TargetDate = Wire.Format(goal.TargetDate),
        Progress = goal.Progress,
        Status = Goal.StatusName(goal.Status),
        CreatedAt = goal.CreatedAt.ToDateTimeOffset(),
        UpdatedAt = goal.UpdatedAt.ToDateTimeOffset(),
        Changes = changes,
    };

    private static Versioned<Goal> FromRow(GoalRow row) => new(
        new Goal(
            row.RowKey,
            row.PartitionKey,
            row.OwnerId,
            row.Title,
            row.Measure,
            Wire.ParseDate(row.TargetDate),
            row.Progress,
            Goal.ParseStatus(row.Status),
            Instant.FromDateTimeOffset(row.CreatedAt),
            Instant.FromDateTimeOffset(row.UpdatedAt)),
        row.ETag,
        row.Changes);
}
