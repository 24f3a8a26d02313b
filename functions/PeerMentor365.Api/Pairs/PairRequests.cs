using System.Net.Mail;
using NodaTime;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Pairs;

/// <summary>The agreement as sent (PUT …/agreement, or inside a proposal), validated field by field.</summary>
internal static class AgreementRules
{
    public const int MaxPurpose = 500;
    public const int MaxConfidentiality = 2000;
    public const int MaxBoundaries = 2000;
    public const int MaxYears = 2;

    public static readonly TextField Purpose = new("purpose", 1, MaxPurpose, Required: true);
    public static readonly ChoiceField CadenceName = new("cadence", Cadence.AllNames, Required: true);
    public static readonly IntField DurationMinutes = new("durationMinutes", SessionLength.MinMinutes, SessionLength.MaxMinutes, Required: true, Step: 5);
    public static readonly TextField Confidentiality = new("confidentiality", 1, MaxConfidentiality, Required: true);
    public static readonly TextField Boundaries = new("boundaries", 0, MaxBoundaries, Required: false);
    public static readonly DateField StartDate = new("startDate", Required: true, "Up to a year either side of today.");
    public static readonly DateField PlannedEndDate = new("plannedEndDate", Required: true, $"After startDate, at most {MaxYears} years after it.");

    /// <summary>PUT …/agreement, and the agreement inside a proposal.</summary>
    public static readonly BodyShape Shape = new(
        "Agreement", "What the members agree to: purpose, cadence, session length, confidentiality, boundaries, dates.",
        Purpose, CadenceName, DurationMinutes, Confidentiality, Boundaries, StartDate, PlannedEndDate);

    /// <summary>
    /// Reads an agreement; errors go to <paramref name="body"/> with <paramref name="prefix"/> ("agreement." inside a
    /// proposal, "" for the agreement route). The start may be up to a year either side of <paramref name="today"/>.
    /// </summary>
    public static Agreement? Read(JsonBody body, LocalDate today)
    {
        var purpose = body.Text(Purpose);
        var cadenceName = body.Choice(CadenceName);
        var duration = body.Int(DurationMinutes);
        var confidentiality = body.Text(Confidentiality);
        var boundaries = body.Text(Boundaries) ?? string.Empty;
        var start = body.Date(StartDate, today.PlusYears(-1), today.PlusYears(1));
        var end = body.Date(PlannedEndDate, today.PlusYears(-1), today.PlusYears(1 + MaxYears));
        if (start is { } s && end is { } e && (e <= s || e > s.PlusYears(MaxYears)))
        {
            body.Add("plannedEndDate", $"plannedEndDate must be after startDate and at most {MaxYears} years after it.");
        }

        return body.IsValid && Cadence.TryParse(cadenceName, out var cadence)
            ? new Agreement(purpose!, cadence, duration!.Value, confidentiality!, boundaries, start!.Value, end!.Value)
            : null;
    }
}

/// <summary>POST /api/pairs: the peers (by mail) and the agreement.</summary>
internal sealed record Proposal(IReadOnlyList<string> PeerMails, Agreement Agreement);

/// <summary>POST …/close: an optional note to the others (the body itself is optional).</summary>
internal static class ClosingRequest
{
    public static readonly TextField Note = new("note", 0, Pair.MaxClosingNoteLength, Required: false);

    public static readonly BodyShape Shape = new("ClosePair", "Why the pair closes, if you want to say.", Note) { BodyOptional = true };
}

internal static class ProposalReader
{
    public const int MaxPeers = Pair.MaxMembers - 1;

    public static readonly StringsField PeerMails = new("peers", MaxPeers, Required: true, ItemFormat: "email", Description: "Your peers' mail addresses (not yours).");
    public static readonly ObjectField AgreementObject = new("agreement", AgreementRules.Shape, Required: true);

    /// <summary>POST /api/pairs.</summary>
    public static readonly BodyShape Shape = new("Proposal", "A new pair or group: the peers by mail, and the agreement they are asked to accept.", PeerMails, AgreementObject);

    public static Proposal? Read(JsonBody body, string proposerMail, LocalDate today)
    {
        var peers = body.Strings(PeerMails);
        var mails = new List<string>();
        if (peers is not null)
        {
            if (peers.Count == 0)
            {
                body.Add("peers", "peers must name at least one peer.");
            }
            else if (peers.Count > PeerMails.MaxItems)
            {
                body.Add("peers", $"A pair or group has at most {Pair.MaxMembers} members: you and up to {MaxPeers} peers.");
            }
            else
            {
                foreach (var mail in peers)
                {
                    if (!IsMailAddress(mail))
                    {
                        body.Add("peers", $"'{Truncate(mail)}' is not a mail address.");
                    }
                    else if (string.Equals(mail, proposerMail, StringComparison.OrdinalIgnoreCase))
                    {
                        body.Add("peers", $"{mail} is you: list only your peers.");
                    }
                    else if (mails.Contains(mail, StringComparer.OrdinalIgnoreCase))
                    {
                        body.Add("peers", $"{mail} is listed twice.");
                    }
                    else
                    {
                        mails.Add(mail);
                    }
                }
            }
        }

        var agreementBody = body.Object(AgreementObject);
        Agreement? agreement = null;
        if (agreementBody is not null)
        {
            agreement = AgreementRules.Read(agreementBody, today);
            body.Adopt("agreement", agreementBody);
        }

        return body.IsValid && agreement is not null ? new Proposal(mails, agreement) : null;
    }

    private static bool IsMailAddress(string text) =>
        text.Length is > 2 and <= 254
        && MailAddress.TryCreate(text, out var address)
        && string.Equals(address.Address, text, StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
