using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.Commitments;

/// <summary>The bodies of POST …/commitments and PATCH …/commitments/{commitmentId} (at least one field; null is refused).</summary>
internal static class CommitmentRequests
{
    private const string DueRange = "A local date from a year ago to two years ahead; by default the day of the pair's session after the one it was made in.";

    public static readonly TextField Text = new("text", 1, Commitment.MaxText, Required: true);
    public static readonly TextField ChangedText = Text with { Required = false };
    public static readonly DateField Due = new("due", Required: false, DueRange);
    public static readonly ChoiceField Status = new("status", Commitment.StatusNames, Required: false);
    public static readonly TextField OwnerId = new("ownerId", 1, 64, Required: false, "The user id of a member of the pair; by default the caller.");
    public static readonly TextField SessionId = new("sessionId", 1, 64, Required: false, "A session of this pair the commitment was made in (new) or closed in (change).");

    public static readonly BodyShape New = new("NewCommitment", "Something a member commits to do.", Text, OwnerId, Due, SessionId);

    public static readonly BodyShape Patch = new(
        "CommitmentChange", "The fields to change (at least one; leave a field out to keep it).", ChangedText, Due, Status, OwnerId, SessionId);
}
