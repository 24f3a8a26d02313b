using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Suggestions;

/// <summary>The body of POST /api/suggestions, as sent (see docs/api.md). Everything but peers is optional.</summary>
internal sealed record SuggestionRequest(
    IReadOnlyList<string?>? Peers,
    int? DurationMinutes,
    string? Cadence,
    int? HorizonMonths,
    string? EarliestStart,
    int? MaxSuggestions);

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

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    public static async Task<(ValidSuggestionRequest? Request, Dictionary<string, string[]> Errors)> ReadAsync(
        HttpRequest http, string organizer, LocalDate todayUtc, CancellationToken cancellationToken)
    {
        // Syntax first (a malformed body is the body's fault), then shape (a wrong type is its field's fault).
        JsonDocument document;
        try
        {
            if (http.ContentLength == 0)
            {
                return (null, BodyRequired());
            }

            document = await JsonDocument.ParseAsync(http.Body, DocumentOptions, cancellationToken);
        }
        catch (JsonException)
        {
            return (null, new() { ["body"] = ["The body is not valid JSON."] });
        }

        SuggestionRequest? body;
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, BodyRequired());
            }

            try
            {
                body = document.RootElement.Deserialize<SuggestionRequest>(Strict);
            }
            catch (JsonException error)
            {
                return (null, new() { [FieldOf(error.Path)] = [DescribeJsonError(error)] });
            }
        }

        if (body is null)
        {
            return (null, BodyRequired());
        }

        var errors = new Dictionary<string, string[]>();
        var peers = ValidatePeers(body.Peers, organizer, errors);

        SessionLength? length = null;
        var minutes = body.DurationMinutes ?? DefaultDurationMinutes;
        if (minutes is < SessionLength.MinMinutes or > SessionLength.MaxMinutes || minutes % 5 != 0)
        {
            errors["durationMinutes"] = [$"durationMinutes must be {SessionLength.MinMinutes} to {SessionLength.MaxMinutes}, in steps of 5."];
        }
        else
        {
            length = SessionLength.FromMinutes(minutes);
        }

        if (!Scheduling.Cadence.TryParse(body.Cadence ?? DefaultCadence, out var cadence))
        {
            errors["cadence"] = ["cadence must be one of weekly, every2Weeks, every3Weeks, every4Weeks, monthly."];
        }

        var horizon = body.HorizonMonths ?? DefaultHorizonMonths;
        if (horizon is < 1 or > MaxHorizonMonths)
        {
            errors["horizonMonths"] = [$"horizonMonths must be 1 to {MaxHorizonMonths} (a year at most)."];
        }

        LocalDate? earliest = null;
        if (body.EarliestStart is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(body.EarliestStart.Trim());
            if (!parsed.Success)
            {
                errors["earliestStart"] = ["earliestStart must be a date like 2026-12-01."];
            }
            // The organizer's zone is not known yet: allow a day either side of UTC; checked exactly later.
            else if (parsed.Value < todayUtc.PlusDays(-1) || parsed.Value > todayUtc.PlusDays(MaxLeadDays + 1))
            {
                errors["earliestStart"] = [$"earliestStart must be today or later, and within {MaxLeadDays} days."];
            }
            else
            {
                earliest = parsed.Value;
            }
        }

        var max = body.MaxSuggestions ?? DefaultMaxSuggestions;
        if (max is < 1 or > MaxMaxSuggestions)
        {
            errors["maxSuggestions"] = [$"maxSuggestions must be 1 to {MaxMaxSuggestions}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidSuggestionRequest(peers, length!, cadence!, horizon, earliest, max), errors);
    }

    private static List<string> ValidatePeers(IReadOnlyList<string?>? given, string organizer, Dictionary<string, string[]> errors)
    {
        var peers = new List<string>();
        if (given is null || given.Count == 0)
        {
            errors["peers"] = ["peers is required: one or more mail addresses."];
            return peers;
        }

        if (given.Count > MaxPeers)
        {
            errors["peers"] = [$"At most {MaxPeers} peers (getSchedule reads 20 people, you included)."];
            return peers;
        }

        var problems = new List<string>();
        foreach (var peer in given)
        {
            var mail = peer?.Trim() ?? string.Empty;
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

        if (problems.Count > 0)
        {
            errors["peers"] = [.. problems];
        }

        return peers;
    }

    private static Dictionary<string, string[]> BodyRequired() =>
        new() { ["body"] = ["A JSON object is required, e.g. {\"peers\": [\"ben@contoso.com\"]}."] };

    private static bool IsMailAddress(string text) =>
        text.Length is > 2 and <= 254
        && MailAddress.TryCreate(text, out var address)
        && string.Equals(address.Address, text, StringComparison.OrdinalIgnoreCase);

    // "$.durationMinutes" → "durationMinutes"; "$.peers[0]" → "peers"; the document itself → "body".
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return "body";
        }

        var field = path[2..];
        var end = field.IndexOfAny(['.', '[']);
        field = end < 0 ? field : field[..end];
        return field.Length == 0 ? "body" : char.ToLower(field[0], CultureInfo.InvariantCulture) + field[1..];
    }

    private static string DescribeJsonError(JsonException error) => FieldOf(error.Path) switch
    {
        "body" => "The body is not valid JSON for this request.",
        "peers" => "peers must be an array of mail address strings.",
        "cadence" or "earliestStart" => $"{FieldOf(error.Path)} must be a string.",
        var field => $"{field} must be a whole number.",
    };
}
