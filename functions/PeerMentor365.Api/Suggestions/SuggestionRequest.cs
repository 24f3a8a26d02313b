using System.Net.Mail;
using NodaTime;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Suggestions;

/// <summary>A request that passed validation, with its defaults filled in.</summary>
internal sealed record ValidSuggestionRequest(
    IReadOnlyList<string> Peers,
    SessionLength Length,
    Cadence Cadence,
    int HorizonMonths,
    LocalDate? EarliestStart,
    int MaxSuggestions);

/// <summary>Reads and validates the request body; every mistake is reported against its field.</summary>
internal static class SuggestionRequestReader
{
    public const int MaxPeers = SuggestionQuery.MaxParticipants - 1;

    public const int DefaultDurationMinutes = 60;

    public const int DefaultHorizonMonths = 6;

    public const int MaxHorizonMonths = 12;

    public const int MaxLeadDays = 60;

    public const int DefaultMaxSuggestions = 10;

    public const int MaxMaxSuggestions = 25;

    public const string DefaultCadence = "every2Weeks";

    public static readonly StringsField PeerMails = new("peers", MaxPeers, Required: true, ItemFormat: "email", Description: "Your peers' mail addresses (not yours).");
    public static readonly IntField DurationMinutes = new(
        "durationMinutes", SessionLength.MinMinutes, SessionLength.MaxMinutes, Required: false, Step: 5, Description: $"Default {DefaultDurationMinutes}.");
    public static readonly ChoiceField CadenceName = new("cadence", Cadence.AllNames, Required: false, $"Default {DefaultCadence}.");
    public static readonly IntField HorizonMonths = new("horizonMonths", 1, MaxHorizonMonths, Required: false, Description: $"How far ahead the series must keep fitting; default {DefaultHorizonMonths}.");
    public static readonly DateField EarliestStart = new(
        "earliestStart", Required: false, $"A local date in the organizer's zone: today or later, within {MaxLeadDays} days; default tomorrow.");
    public static readonly IntField MaxSuggestions = new("maxSuggestions", 1, MaxMaxSuggestions, Required: false, Description: $"Default {DefaultMaxSuggestions}.");

    /// <summary>POST /api/suggestions.</summary>
    public static readonly BodyShape Shape = new(
        "SuggestionRequest", "Who meets, for how long, how often and how far ahead. Everything but peers is optional.",
        PeerMails, DurationMinutes, CadenceName, HorizonMonths, EarliestStart, MaxSuggestions);

    public static async Task<(ValidSuggestionRequest? Request, Dictionary<string, string[]> Errors)> ReadAsync(
        HttpRequest http, string organizer, LocalDate todayUtc, CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonBody.ReadAsync(http, cancellationToken);
        if (body is null)
        {
            return (null, bodyErrors);
        }

        var peers = ValidatePeers(body, organizer);
        var minutes = body.Int(DurationMinutes) ?? DefaultDurationMinutes;
        var cadence = Cadence.TryParse(body.Choice(CadenceName) ?? DefaultCadence, out var parsed) ? parsed : null;
        var horizon = body.Int(HorizonMonths) ?? DefaultHorizonMonths;

        // The organizer's zone is not known yet: allow a day either side of UTC; checked exactly later.
        var earliest = body.Date(EarliestStart, LocalDate.MinIsoValue, LocalDate.MaxIsoValue);
        if (earliest is { } first && (first < todayUtc.PlusDays(-1) || first > todayUtc.PlusDays(MaxLeadDays + 1)))
        {
            body.Add(EarliestStart.Name, $"earliestStart must be today or later, and within {MaxLeadDays} days.");
        }

        var max = body.Int(MaxSuggestions) ?? DefaultMaxSuggestions;
        return body.IsValid
            ? (new ValidSuggestionRequest(peers, SessionLength.FromMinutes(minutes), cadence!, horizon, earliest, max), body.Errors)
            : (null, body.Errors);
    }

    private static List<string> ValidatePeers(JsonBody body, string organizer)
    {
        var peers = new List<string>();
        var given = body.Strings(PeerMails);
        if (given is null)
        {
            return peers;
        }

        if (given.Count == 0)
        {
            body.Add(PeerMails.Name, "peers is required: one or more mail addresses.");
            return peers;
        }

        if (given.Count > PeerMails.MaxItems)
        {
            body.Add(PeerMails.Name, $"At most {MaxPeers} peers (getSchedule reads 20 people, you included).");
            return peers;
        }

        var problems = new List<string>();
        foreach (var mail in given)
        {
            if (!IsMailAddress(mail))
            {
                problems.Add($"'{mail}' is not a mail address.");
            }
            else if (string.Equals(mail, organizer, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{mail} is you, the organizer: list only your peers.");
            }
            else if (peers.Contains(mail, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{mail} is listed twice.");
            }
            else
            {
                peers.Add(mail);
            }
        }

        foreach (var problem in problems)
        {
            body.Add(PeerMails.Name, problem);
        }

        return peers;
    }

    private static bool IsMailAddress(string text) =>
        text.Length is > 2 and <= 254
        && MailAddress.TryCreate(text, out var address)
        && string.Equals(address.Address, text, StringComparison.OrdinalIgnoreCase);
}
