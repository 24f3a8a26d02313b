using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.Pairs;

internal sealed record PairListResponse(IReadOnlyList<PairResponse> Pairs);

/// <summary>A pair as docs/pairs-api.md shows it.</summary>
internal sealed record PairResponse(
    string Id,
    string Etag,
    string Status,
    IReadOnlyList<MemberResponse> Members,
    AgreementResponse Agreement,
    string ProposedBy,
    [property: WireText(WireText.Instant)] string CreatedAt,
    [property: WireText(WireText.Instant)] string UpdatedAt,
    [property: WireText(WireText.Instant)] string? ClosedAt,
    string? ClosedBy,
    string? ClosingNote)
{
    public static PairResponse From(Versioned<Pair> stored)
    {
        var pair = stored.Value;
        var agreement = pair.Agreement;
        return new PairResponse(
            pair.Id,
            ApiETag.From(stored.ETag),
            PairMapping.StatusName(pair.Status),
            [.. pair.Members.Select(member => new MemberResponse(member.UserId, member.Mail, member.DisplayName, Wire.Format(member.AcceptedAt)))],
            new AgreementResponse(
                agreement.Purpose,
                agreement.Cadence.ToString(),
                agreement.DurationMinutes,
                agreement.Confidentiality,
                agreement.Boundaries,
                Wire.Format(agreement.StartDate),
                Wire.Format(agreement.PlannedEndDate)),
            pair.ProposedBy,
            Wire.Format(pair.CreatedAt),
            Wire.Format(pair.UpdatedAt),
            Wire.Format(pair.ClosedAt),
            pair.ClosedBy,
            pair.ClosingNote);
    }
}

internal sealed record MemberResponse(string UserId, string Mail, string DisplayName, [property: WireText(WireText.Instant)] string? AcceptedAt);

internal sealed record AgreementResponse(
    string Purpose,
    string Cadence,
    int DurationMinutes,
    string Confidentiality,
    string Boundaries,
    [property: WireText(WireText.Date)] string StartDate,
    [property: WireText(WireText.Date)] string PlannedEndDate);
