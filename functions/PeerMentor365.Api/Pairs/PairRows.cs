using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Pairs;

/// <summary>The pair row (Pairs table, partition = pair id, row "pair"): agreement, status and members under one ETag.</summary>
internal sealed class PairRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PairKeys.PairRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.PairKind;
    public string Status { get; set; } = string.Empty;

    /// <summary>JSON array of the members (2-4): userId, mail, displayName, acceptedAt.</summary>
    public string Members { get; set; } = "[]";

    public string Purpose { get; set; } = string.Empty;
    public string Cadence { get; set; } = string.Empty;
    public int DurationMinutes { get; set; }
    public string Confidentiality { get; set; } = string.Empty;
    public string Boundaries { get; set; } = string.Empty;
    public string StartDate { get; set; } = string.Empty;
    public string PlannedEndDate { get; set; } = string.Empty;
    public string ProposedBy { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? ClosingNote { get; set; }

    /// <summary>The change log (see ChangeLog): which fields the recent writes changed.</summary>
    public string? Changes { get; set; }
}

/// <summary>A row of the Memberships table (partition u_{oid}, row = pair id): "this user is in this pair". No text.</summary>
internal sealed class MembershipRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}

internal static class PairMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PairRow ToRow(Pair pair, string? changes) => new()
    {
        PartitionKey = PairKeys.PairPartition(pair.Id),
        Status = StatusName(pair.Status),
        Members = JsonSerializer.Serialize(pair.Members.Select(member => new StoredMember(member.UserId, member.Mail, member.DisplayName, member.AcceptedAt?.ToDateTimeOffset())).ToList(), Json),
        Purpose = pair.Agreement.Purpose,
        Cadence = pair.Agreement.Cadence.ToString(),
        DurationMinutes = pair.Agreement.DurationMinutes,
        Confidentiality = pair.Agreement.Confidentiality,
        Boundaries = pair.Agreement.Boundaries,
        StartDate = Wire.Format(pair.Agreement.StartDate),
        PlannedEndDate = Wire.Format(pair.Agreement.PlannedEndDate),
        ProposedBy = pair.ProposedBy,
        CreatedAt = pair.CreatedAt.ToDateTimeOffset(),
        UpdatedAt = pair.UpdatedAt.ToDateTimeOffset(),
        ClosedAt = pair.ClosedAt?.ToDateTimeOffset(),
        ClosedBy = pair.ClosedBy,
        ClosingNote = pair.ClosingNote,
        Changes = changes,
    };

    public static Versioned<Pair> FromRow(PairRow row)
    {
        var members = JsonSerializer.Deserialize<List<StoredMember>>(row.Members, Json) ?? [];
        if (!Scheduling.Cadence.TryParse(row.Cadence, out var cadence))
        {
            throw new InvalidDataException($"Pair {row.PartitionKey} has an unknown cadence.");
        }

        var pair = new Pair(
            row.PartitionKey,
            ParseStatus(row.Status),
            [.. members.Select(member => new PairMember(member.UserId, member.Mail, member.DisplayName, member.AcceptedAt is { } at ? Instant.FromDateTimeOffset(at) : null))],
            new Agreement(row.Purpose, cadence, row.DurationMinutes, row.Confidentiality, row.Boundaries, Wire.ParseDate(row.StartDate), Wire.ParseDate(row.PlannedEndDate)),
            row.ProposedBy,
            Instant.FromDateTimeOffset(row.CreatedAt),
            Instant.FromDateTimeOffset(row.UpdatedAt),
            row.ClosedAt is { } closedAt ? Instant.FromDateTimeOffset(closedAt) : null,
            row.ClosedBy,
            row.ClosingNote);
        return new Versioned<Pair>(pair, row.ETag, row.Changes);
    }

    public static string StatusName(PairStatus status) => status switch
    {
        PairStatus.Proposed => "proposed",
        PairStatus.Active => "active",
        PairStatus.Paused => "paused",
        _ => "closed",
    };

    public static PairStatus ParseStatus(string status) => status switch
    {
        "proposed" => PairStatus.Proposed,
        "active" => PairStatus.Active,
        "paused" => PairStatus.Paused,
        "closed" => PairStatus.Closed,
        _ => throw new InvalidDataException($"Unknown pair status '{status}'."),
    };

    private sealed record StoredMember(string UserId, string Mail, string DisplayName, DateTimeOffset? AcceptedAt);
}
