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

    public static readonly IReadOnlyList<string> Cadences = ["weekly", "every2Weeks", "every3Weeks", "every4Weeks", "monthly"];

    /// <summary>
    /// Reads an agreement; errors go to <paramref name="body"/> with <paramref name="prefix"/> ("agreement." inside a
    /// proposal, "" for the agreement route). The start may be up to a year either side of <paramref name="today"/>.
    /// </summary>
    public static Agreement? Read(JsonBody body, LocalDate today)
    {
        var purpose = body.Text("purpose", 1, MaxPurpose, required: true);
        var cadenceName = body.Choice("cadence", Cadences, required: true);
        var duration = body.Int("durationMinutes", SessionLength.MinMinutes, SessionLength.MaxMinutes, required: true, step: 5);
        var confidentiality = body.Text("confidentiality", 1, MaxConfidentiality, required: true);
        var boundaries = body.Text("boundaries", 0, MaxBoundaries, required: false) ?? string.Empty;
        var start = body.Date("startDate", today.PlusYears(-1), today.PlusYears(1), required: true);
        var end = body.Date("plannedEndDate", today.PlusYears(-1), today.PlusYears(1 + MaxYears), required: true);
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

internal static class ProposalReader
{
    public const int MaxPeers = Pair.MaxMembers - 1;

    public static Proposal? Read(JsonBody body, string proposerMail, LocalDate today)
    {
        var peers = body.Strings("peers", required: true);
        var mails = new List<string>();
        if (peers is not null)
        {
            if (peers.Count == 0)
            {
                body.Add("peers", "peers must name at least one peer.");
            }
            else if (peers.Count > MaxPeers)
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

        var agreementBody = body.Object("agreement", required: true);
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
