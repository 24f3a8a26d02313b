using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Api.Storage;

/// <summary>
/// Every partition and row key of the mentoring tables, in one place (docs/storage-design.md explains the reads).
/// Keys hold only ids we generate, Entra object ids and ISO dates: letters, digits, '_' and '-'.
/// </summary>
internal static class PairKeys
{
    /// <summary>Pairs table: the pair itself (agreement, status and members) in its own partition.</summary>
    public const string PairRow = "pair";

    /// <summary>Pairs table: whose turn it is to take the focus of the next session.</summary>
    public const string FocusRow = "focus";

    /// <summary>The row kinds, stored as the Kind property so a scan can tell rows apart without parsing keys.</summary>
    public const string PairKind = "pair";
    public const string GoalKind = "goal";
    public const string CommitmentKind = "commitment";
    public const string SessionKind = "session";
    public const string RatingKind = "rating";
    public const string SeriesKind = "series";
    public const string IdempotencyKind = "idempotency";
    public const string NotebookKind = "notebook";

    /// <summary>Pairs table: the pair's shared OneNote notebook (docs/series-api.md).</summary>
    public const string NotebookRow = "notebook";

    /// <summary>Pairs table: which series of the pair is creating or active, so two keys cannot start two at once.</summary>
    public const string CurrentSeriesRow = "seriescurrent";

    /// <summary>SeriesIndex table: the partition of series the nightly job prepares.</summary>
    public const string ActiveSeriesPartition = "active";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Pairs table partition: everything of one pair.</summary>
    public static string PairPartition(string pairId) => pairId;

    /// <summary>Goals, commitments and sessions use their id as the row key: g_…, c_…, s_….</summary>
    public static string ItemRow(string id) => id;

    /// <summary>A rating sorts right after its session (s_…_r_{oid}), so one range reads a session with its ratings.</summary>
    public static string RatingRow(string sessionId, string userId) => $"{sessionId}_r_{userId}";

    /// <summary>Memberships table partition: one per user.</summary>
    public static string MemberPartition(string userId) => "u_" + userId;

    /// <summary>CommitmentsDue table partition: one per due date, yyyy-MM-dd, so ordinal order is date order.</summary>
    public static string DuePartition(LocalDate due) => DatePattern.Format(due);

    /// <summary>CommitmentsDue row: unique per write (the nonce), so concurrent writers never share an index row.</summary>
    public static string DueRow(string pairId, string commitmentId, string nonce) => $"{pairId}_{commitmentId}_{nonce}";

    /// <summary>Pairs table: an Idempotency-Key seen for the pair, k_ + base32(SHA-256 of the key).</summary>
    public static string IdempotencyRow(string idempotencyKey) =>
        "k_" + Ids.Base32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)));

    /// <summary>SeriesIndex partition finding a series from any attendee's copy: ical_ + 32 hex of SHA-256 of the master's iCalUId.</summary>
    public static string ICalPartition(string iCalUId) =>
        "ical_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(iCalUId)))[..32];

    /// <summary>SeriesIndex row in the active partition.</summary>
    public static string ActiveSeriesRow(string pairId, string seriesId) => $"{pairId}_{seriesId}";

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> ("c_" → "c`").</summary>
    public static string AfterPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>PartitionKey eq <paramref name="partition"/> and the row key starts with <paramref name="prefix"/>.</summary>
    public static string PartitionRange(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {AfterPrefix(prefix)}");
}
