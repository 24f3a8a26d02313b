using NodaTime;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Pairs;

/// <summary>Where a pair is: proposed until every member accepts the agreement; active ↔ paused; closed for good.</summary>
internal enum PairStatus
{
    Proposed,
    Active,
    Paused,
    Closed,
}

/// <summary>A member of a pair and when they accepted the current agreement (null: not yet).</summary>
internal sealed record PairMember(string UserId, string Mail, string DisplayName, Instant? AcceptedAt);

/// <summary>The mentoring agreement every member accepts. Build it with <see cref="AgreementRules.Read"/>, which validates.</summary>
internal sealed record Agreement(
    string Purpose,
    Cadence Cadence,
    int DurationMinutes,
    string Confidentiality,
    string Boundaries,
    LocalDate StartDate,
    LocalDate PlannedEndDate);

/// <summary>The result of asking a pair to change: the changed pair and the fields that changed, or why it cannot.</summary>
internal sealed record PairChange(Pair? Changed, IReadOnlyList<string> Fields, string? Refusal)
{
    public static PairChange Refused(string reason) => new(null, [], reason);
}

/// <summary>
/// A pair or small group (2-4 peers) with one agreement. Immutable: every change returns a new pair and the names of
/// the fields it changed (as the API names them), or a refusal when the status does not allow it.
/// </summary>
internal sealed record Pair(
    string Id,
    PairStatus Status,
    IReadOnlyList<PairMember> Members,
    Agreement Agreement,
    string ProposedBy,
    Instant CreatedAt,
    Instant UpdatedAt,
    Instant? ClosedAt,
    string? ClosedBy,
    string? ClosingNote)
{
    public const int MinMembers = 2;
    public const int MaxMembers = 4;
    public const int MaxClosingNoteLength = 500;

    /// <summary>Every field a change can touch, in the order the API lists them in a 412's <c>changed</c>.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "status", "members", "agreement.purpose", "agreement.cadence", "agreement.durationMinutes", "agreement.confidentiality",
        "agreement.boundaries", "agreement.startDate", "agreement.plannedEndDate", "closedAt", "closedBy", "closingNote",
    ];

    /// <summary>A new proposal: the proposer has accepted it, the peers not yet.</summary>
    public static Pair Propose(string id, PairMember proposer, IReadOnlyList<PairMember> peers, Agreement agreement, Instant now)
    {
        if (peers.Count is < MinMembers - 1 or > MaxMembers - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(peers), peers.Count, $"A pair has {MinMembers} to {MaxMembers} members.");
        }

        var members = new List<PairMember> { proposer with { AcceptedAt = now } };
        members.AddRange(peers.Select(peer => peer with { AcceptedAt = null }));
        return new Pair(id, PairStatus.Proposed, members, agreement, proposer.UserId, now, now, null, null, null);
    }

    public bool IsMember(string userId) => Members.Any(member => member.UserId == userId);

    public PairMember? Member(string userId) => Members.FirstOrDefault(member => member.UserId == userId);

    /// <summary>A new agreement: the editor accepts it, everyone else must accept again; an active pair goes back to proposed.</summary>
    public PairChange ChangeAgreement(string by, Agreement agreement, Instant now)
    {
        if (Status == PairStatus.Closed)
        {
            return ClosedRefusal();
        }

        var fields = AgreementFieldsChanged(Agreement, agreement);
        if (fields.Count == 0)
        {
            return new PairChange(this, [], null);
        }

        var members = Members.Select(member => member with { AcceptedAt = member.UserId == by ? now : null }).ToList();
        var status = Status == PairStatus.Active ? PairStatus.Proposed : Status;
        fields.Add("members");
        if (status != Status)
        {
            fields.Add("status");
        }

        return new PairChange(this with { Agreement = agreement, Members = members, Status = status, UpdatedAt = now }, fields, null);
    }

    /// <summary>
    /// The cadence and length of a series its organizer creates become the agreement's. Unlike other agreement changes
    /// this keeps everyone's acceptance and an active pair active: every member is invited to that very series and
    /// accepts or declines it in their calendar, and the series could not be created for a pair sent back to proposed.
    /// </summary>
    public PairChange AdoptSeriesSchedule(Cadence cadence, int durationMinutes, Instant now)
    {
        if (Status != PairStatus.Active)
        {
            return Status == PairStatus.Closed ? ClosedRefusal() : PairChange.Refused("A series can be created only for an active pair.");
        }

        var agreement = Agreement with { Cadence = cadence, DurationMinutes = durationMinutes };
        var fields = AgreementFieldsChanged(Agreement, agreement);
        return fields.Count == 0 ? new PairChange(this, [], null) : new PairChange(this with { Agreement = agreement, UpdatedAt = now }, fields, null);
    }

    /// <summary>The member accepts the current agreement; when all have, a proposed pair becomes active.</summary>
    public PairChange Accept(string by, Instant now)
    {
        if (Status == PairStatus.Closed)
        {
            return ClosedRefusal();
        }

        if (Member(by)?.AcceptedAt is not null)
        {
            return new PairChange(this, [], null);
        }

        var members = Members.Select(member => member.UserId == by ? member with { AcceptedAt = now } : member).ToList();
        var status = Status == PairStatus.Proposed && members.All(member => member.AcceptedAt is not null) ? PairStatus.Active : Status;
        List<string> fields = status == Status ? ["members"] : ["members", "status"];
        return new PairChange(this with { Members = members, Status = status, UpdatedAt = now }, fields, null);
    }

    public PairChange Pause(Instant now) => Status switch
    {
        PairStatus.Active => new PairChange(this with { Status = PairStatus.Paused, UpdatedAt = now }, ["status"], null),
        PairStatus.Closed => ClosedRefusal(),
        PairStatus.Paused => PairChange.Refused("The pair is already paused."),
        _ => PairChange.Refused("Only an active pair can be paused; this one still waits for everyone to accept the agreement."),
    };

    /// <summary>Back from a pause: active, or proposed if the agreement changed meanwhile and not everyone has accepted it.</summary>
    public PairChange Resume(Instant now) => Status switch
    {
        PairStatus.Paused => new PairChange(
            this with { Status = Members.All(member => member.AcceptedAt is not null) ? PairStatus.Active : PairStatus.Proposed, UpdatedAt = now },
            ["status"],
            null),
        PairStatus.Closed => ClosedRefusal(),
        _ => PairChange.Refused("Only a paused pair can be resumed."),
    };

    /// <summary>No-fault close by any member, from any status but closed; final.</summary>
    public PairChange Close(string by, string? note, Instant now) => Status == PairStatus.Closed
        ? ClosedRefusal()
        : new PairChange(
            this with { Status = PairStatus.Closed, ClosedAt = now, ClosedBy = by, ClosingNote = string.IsNullOrEmpty(note) ? null : note, UpdatedAt = now },
            ["status", "closedAt", "closedBy", "closingNote"],
            null);

    public static PairChange ClosedRefusal() => PairChange.Refused("The pair is closed; closing is final, so nothing in it can change.");

    private static List<string> AgreementFieldsChanged(Agreement before, Agreement after)
    {
        var fields = new List<string>();
        Check(before.Purpose != after.Purpose, "agreement.purpose");
        Check(before.Cadence != after.Cadence, "agreement.cadence");
        Check(before.DurationMinutes != after.DurationMinutes, "agreement.durationMinutes");
        Check(before.Confidentiality != after.Confidentiality, "agreement.confidentiality");
        Check(before.Boundaries != after.Boundaries, "agreement.boundaries");
        Check(before.StartDate != after.StartDate, "agreement.startDate");
        Check(before.PlannedEndDate != after.PlannedEndDate, "agreement.plannedEndDate");
        return fields;

        void Check(bool differs, string field)
        {
            if (differs)
            {
                fields.Add(field);
            }
        }
    }
}
