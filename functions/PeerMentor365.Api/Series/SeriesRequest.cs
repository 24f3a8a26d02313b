using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series;

/// <summary>How a series ends: after a number of sessions, or on a local date in the anchor zone (exactly one is set).</summary>
internal sealed record SeriesEnd(int? Sessions, LocalDate? Date);

/// <summary>A validated request to create a series, with the pair's defaults filled in.</summary>
internal sealed record SeriesRequest(
    LocalDateTime FirstStart,
    DateTimeZone AnchorZone,
    Cadence Cadence,
    int DurationMinutes,
    SeriesEnd End,
    string FirstFocusUserId)
{
    public const int MinSessions = 1;
    public const int MaxSessions = 100;
    public const int MinDuration = 15;
    public const int MaxDuration = 120;

    /// <summary>The plan of sessions this request describes (pattern, count, every local start).</summary>
    public SeriesPlan Plan() => SeriesPlan.From(this);

    /// <summary>
    /// The request's fingerprint: the same key with the same (resolved) request is a replay, with another one a 422.
    /// 64 hex characters of SHA-256 over the canonical fields.
    /// </summary>
    public string Hash()
    {
        var canonical = string.Join(
            '\n',
            FormatLocal(FirstStart),
            AnchorZone.Id,
            Cadence.ToString(),
            DurationMinutes.ToString(CultureInfo.InvariantCulture),
            End.Sessions?.ToString(CultureInfo.InvariantCulture) ?? "-",
            End.Date is { } date ? Wire.Format(date) : "-",
            FirstFocusUserId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string FormatLocal(LocalDateTime local) => Wire.Format(local);

    public static LocalDateTime ParseLocal(string text) =>
        Wire.TryParseLocalDateTime(text) ?? throw new FormatException("A stored local date-time is not in the wire format.");
}

/// <summary>
/// A create request as read: the series, and what the person confirmed. Neither flag is part of the series (nor of
/// <see cref="SeriesRequest.Hash"/>), so a repeat that confirms what the first attempt's 409 showed is the same Create.
/// </summary>
/// <param name="Series">The series, with the agreement's defaults filled in.</param>
/// <param name="AcceptWarnings">Create even though some session clashes or falls outside someone's working hours.</param>
/// <param name="UpdateAgreement">The series' cadence and length become the agreement's (needs If-Match of the pair).</param>
internal sealed record SeriesCreationRequest(SeriesRequest Series, bool AcceptWarnings, bool UpdateAgreement)
{
    /// <summary>The agreement's fields (as the API names them) this series differs from.</summary>
    public IReadOnlyList<string> DiffersFrom(Agreement agreement)
    {
        var fields = new List<string>();
        if (Series.Cadence != agreement.Cadence)
        {
            fields.Add("cadence");
        }

        if (Series.DurationMinutes != agreement.DurationMinutes)
        {
            fields.Add("durationMinutes");
        }

        return fields;
    }
}

/// <summary>Reads and validates POST /api/pairs/{pairId}/series: every mistake is reported against its field, before anything else happens.</summary>
internal static partial class SeriesRequestReader
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static readonly ZoneField AnchorTimeZone = new("anchorTimeZone", Required: true, "The zone the series keeps its local time in (IANA; the answer adds the Windows name).");
    public static readonly LocalDateTimeField FirstStart = new("firstStart", Required: true, "The first session's local start in anchorTimeZone: in the future, within a year.");
    public static readonly ChoiceField CadenceName = new("cadence", Cadence.AllNames, Required: false, "By default the agreement's.");
    public static readonly IntField DurationMinutes = new("durationMinutes", SeriesRequest.MinDuration, SeriesRequest.MaxDuration, Required: false, Step: 5, "By default the agreement's.");
    public static readonly IntField EndSessions = new("sessions", SeriesRequest.MinSessions, SeriesRequest.MaxSessions, Required: false);
    public static readonly DateField EndDate = new("date", Required: false, "The last local date in anchorTimeZone, at most 2 years after the first session.");
    public static readonly ObjectField End = new(
        "end", new BodyShape("SeriesEnd", "Exactly one of sessions and date.", EndSessions, EndDate), Required: false, "By default the agreement's planned end date.");
    public static readonly TextField FirstFocusUserId = new("firstFocusUserId", 1, 100, Required: false, "The member the first session focuses on; by default the proposer.");
    public static readonly BoolField AcceptWarnings = new(
        "acceptWarnings", Required: false,
        "true to create the series although some session clashes with someone's calendar or falls outside their working hours (default false: 409 with the warnings, nothing created).");
    public static readonly BoolField UpdateAgreement = new(
        "updateAgreement", Required: false,
        "true when cadence or durationMinutes differ from the agreement's: they become the agreement's in the same operation (If-Match: the pair's ETag). Default false: such a series is a 409.");

    /// <summary>POST …/series.</summary>
    public static readonly BodyShape Shape = new(
        "NewSeries", "A recurring series in the members' calendars, with a shared OneNote agenda.",
        AnchorTimeZone, FirstStart, CadenceName, DurationMinutes, End, FirstFocusUserId, AcceptWarnings, UpdateAgreement);

    /// <summary>The Idempotency-Key header, or null with the reason it is not usable.</summary>
    public static (string? Key, string? Problem) ReadKey(HttpRequest http)
    {
        var values = http.Headers[IdempotencyHeader];
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return (null, "The Idempotency-Key header is required: 8-100 characters of A-Z a-z 0-9 _ -, the same on every retry of one Create.");
        }

        return KeyPattern().IsMatch(values[0]!)
            ? (values[0], null)
            : (null, "The Idempotency-Key header must be 8-100 characters of A-Z a-z 0-9 _ -.");
    }

    /// <summary>
    /// The request with defaults from the pair's agreement, or null (the errors are in <paramref name="body"/>). The
    /// series lies within the agreement's dates: its first session not before the start date, its last not after the
    /// planned end date.
    /// </summary>
    public static SeriesCreationRequest? Read(JsonBody body, Pair pair, Instant now)
    {
        var zone = Zone(body);
        var firstStart = ReadFirstStart(body, FirstStart, zone, now);

        var cadenceName = body.Choice(CadenceName);
        var cadence = cadenceName is null ? pair.Agreement.Cadence : ParseCadence(cadenceName);
        var duration = body.Int(DurationMinutes) ?? pair.Agreement.DurationMinutes;

        var end = ReadEnd(body, pair, firstStart);

        var focus = body.Text(FirstFocusUserId);
        if (focus is not null && !pair.IsMember(focus))
        {
            body.Add("firstFocusUserId", "firstFocusUserId must be the user id of a member of this pair.");
        }

        var accept = body.Bool(AcceptWarnings) ?? false;
        var update = body.Bool(UpdateAgreement) ?? false;
        if (!body.IsValid || zone is null || firstStart is null || end is null)
        {
            return null;
        }

        var series = new SeriesRequest(firstStart.Value, zone, cadence, duration, end, focus ?? pair.ProposedBy);
        return WithinAgreement(body, series, pair.Agreement) ? new SeriesCreationRequest(series, accept, update) : null;
    }

    private static bool WithinAgreement(JsonBody body, SeriesRequest series, Agreement agreement)
    {
        if (series.FirstStart.Date < agreement.StartDate)
        {
            body.Add("firstStart", $"The series cannot start ({Wire.Format(series.FirstStart.Date)}) before the agreement's start date ({Wire.Format(agreement.StartDate)}).");
            return false;
        }

        var starts = series.Plan().LocalStarts;
        if (starts.Count == 0 || starts[^1].Date <= agreement.PlannedEndDate)
        {
            return true;
        }

        var field = series.End.Sessions is null ? "end.date" : "end.sessions";
        body.Add(field, $"The series' last session ({Wire.Format(starts[^1].Date)}) would fall after the agreement's planned end date ({Wire.Format(agreement.PlannedEndDate)}): end it by then.");
        return false;
    }

    /// <summary>A cadence name the reader accepted (one of <see cref="CadenceNames"/>).</summary>
    internal static Cadence ParseCadence(string name) => Cadence.TryParse(name, out var cadence) ? cadence : throw new InvalidOperationException("Unknown cadence " + name);

    // IANA only: a Windows name (or anything else) is not accepted here; the answer gives the Windows name.
    private static DateTimeZone? Zone(JsonBody body) => body.Zone(AnchorTimeZone);

    /// <summary>The body's <c>firstStart</c>: a local date-time that exists in <paramref name="zone"/>, after now and within a year; null (with the error added) otherwise.</summary>
    internal static LocalDateTime? ReadFirstStart(JsonBody body, LocalDateTimeField field, DateTimeZone? zone, Instant now)
    {
        if (body.LocalDateTime(field) is not { } local)
        {
            return null;
        }

        if (zone is null)
        {
            return local;
        }

        if (zone.MapLocal(local).Count == 0)
        {
            body.Add("firstStart", $"firstStart {SeriesRequest.FormatLocal(local)} does not exist in {zone.Id} (the clocks skip it).");
            return null;
        }

        var at = LocalTimePolicy.ToInstant(local, zone);
        if (at <= now)
        {
            body.Add("firstStart", $"firstStart must be in the future (it is now {SeriesRequest.FormatLocal(now.InZone(zone).LocalDateTime)} in {zone.Id}).");
            return null;
        }

        if (at > now.Plus(Duration.FromDays(366)))
        {
            body.Add("firstStart", "firstStart must be within a year from now.");
            return null;
        }

        return local;
    }

    private static SeriesEnd? ReadEnd(JsonBody body, Pair pair, LocalDateTime? firstStart)
    {
        if (!body.Has(End) || body.IsNull(End))
        {
            return CheckDate(body, "end", pair.Agreement.PlannedEndDate, firstStart) ? new SeriesEnd(null, pair.Agreement.PlannedEndDate) : null;
        }

        var end = body.Object(End);
        if (end is null)
        {
            return null;
        }

        var hasSessions = end.Has(EndSessions) && !end.IsNull(EndSessions);
        var hasDate = end.Has(EndDate) && !end.IsNull(EndDate);
        if (hasSessions == hasDate)
        {
            body.Add("end", "end must have exactly one of sessions (1-100) and date (yyyy-MM-dd).");
            return null;
        }

        if (hasSessions)
        {
            var sessions = end.Int(EndSessions);
            body.Adopt("end", end);
            return sessions is { } count ? new SeriesEnd(count, null) : null;
        }

        var date = end.Date(EndDate, new LocalDate(1900, 1, 1), new LocalDate(9999, 12, 31));
        body.Adopt("end", end);
        return date is { } until && CheckDate(body, "end.date", until, firstStart) ? new SeriesEnd(null, until) : null;
    }

    private static bool CheckDate(JsonBody body, string field, LocalDate until, LocalDateTime? firstStart)
    {
        if (firstStart is not { } first)
        {
            return true;
        }

        if (until < first.Date)
        {
            body.Add(field, $"The series cannot end ({Wire.Format(until)}) before its first session ({Wire.Format(first.Date)}).");
            return false;
        }

        if (until > first.Date.PlusYears(2))
        {
            body.Add(field, "The series can end at most 2 years after its first session.");
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,100}$")]
    private static partial Regex KeyPattern();
}
