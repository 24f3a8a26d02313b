using NodaTime;

namespace PeerMentor365.Api.Commitments;

internal enum CommitmentStatus
{
    Open,
    Done,
    Dropped,
}

/// <summary>
/// Something a member of a pair commits to: owner, text, due date, status, the session that created it and the one
/// that closed it. <see cref="DueIndexNonce"/> names the row of the due-date index that speaks for it while it is open.
/// </summary>
internal sealed record Commitment(
    string Id,
    string PairId,
    string OwnerId,
    string Text,
    LocalDate Due,
    CommitmentStatus Status,
    string? CreatedInSession,
    string? ClosedInSession,
    Instant CreatedAt,
    Instant UpdatedAt,
    Instant? ClosedAt,
    string? DueIndexNonce)
{
    public const int MaxText = 1000;

    /// <summary>The fields a change can touch, in the order a 412's <c>changed</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Fields = ["text", "due", "status", "ownerId", "closedInSession", "closedAt"];

    public static readonly IReadOnlyList<string> StatusNames = ["open", "done", "dropped"];

    public bool IsOpen => Status == CommitmentStatus.Open;

    public static string StatusName(CommitmentStatus status) => StatusNames[(int)status];

    public static CommitmentStatus ParseStatus(string name) => name switch
    {
        "open" => CommitmentStatus.Open,
        "done" => CommitmentStatus.Done,
        "dropped" => CommitmentStatus.Dropped,
        _ => throw new InvalidDataException($"Unknown commitment status '{name}'."),
    };

    /// <summary>
    /// The day that has begun everywhere on Earth (UTC-12): a commitment is overdue only once its due day is over in
    /// every time zone, so nobody sees theirs marked overdue while it is still the due date where they are.
    /// </summary>
    public static LocalDate TodayEverywhere(Instant now) => now.Minus(Duration.FromHours(12)).InUtc().Date;

    public bool IsOverdue(Instant now) => IsOpen && Due < TodayEverywhere(now);

    /// <summary>
    /// The commitment with the patch applied and the fields that changed. Closing (done, dropped) stamps closedAt and
    /// takes the patch's session as the closing one; reopening clears both. Null with a reason when the patch names a
    /// closing session for a commitment that stays open.
    /// </summary>
    public (Commitment? Changed, IReadOnlyList<string> Fields, string? Problem) Apply(CommitmentPatch patch, Instant now)
    {
        var status = patch.Status ?? Status;
        if (patch.SessionId is not null && status == CommitmentStatus.Open)
        {
            return (null, [], "sessionId names the session that closes the commitment: send it with status done or dropped.");
        }

        var changed = this with
        {
            Text = patch.Text ?? Text,
            Due = patch.Due ?? Due,
            OwnerId = patch.OwnerId ?? OwnerId,
            Status = status,
        };
        if (status != Status)
        {
            changed = status == CommitmentStatus.Open
                ? changed with { ClosedAt = null, ClosedInSession = null }
                : changed with { ClosedAt = now, ClosedInSession = patch.SessionId ?? (IsOpen ? null : ClosedInSession) };
        }
        else if (patch.SessionId is not null)
        {
            changed = changed with { ClosedInSession = patch.SessionId };
        }

        var fields = new List<string>();
        Compare(Text != changed.Text, "text");
        Compare(Due != changed.Due, "due");
        Compare(Status != changed.Status, "status");
        Compare(OwnerId != changed.OwnerId, "ownerId");
        Compare(ClosedInSession != changed.ClosedInSession, "closedInSession");
        Compare(ClosedAt != changed.ClosedAt, "closedAt");
        return (fields.Count == 0 ? this : changed with { UpdatedAt = now }, fields, null);

        void Compare(bool differs, string field)
        {
            if (differs)
            {
                fields.Add(field);
            }
        }
    }
}

/// <summary>A PATCH of a commitment: null fields stay as they are; SessionId is the session that closes it.</summary>
internal sealed record CommitmentPatch(string? Text, LocalDate? Due, CommitmentStatus? Status, string? OwnerId, string? SessionId);
