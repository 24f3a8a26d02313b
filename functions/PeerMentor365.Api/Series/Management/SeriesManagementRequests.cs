using NodaTime;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series.Management;

/// <summary>PATCH …/series/{seriesId}: the series' new times (what is not given stays as stored).</summary>
internal sealed record SeriesReschedule(LocalDateTime FirstStart, DateTimeZone Zone, int DurationMinutes, Cadence Cadence, bool AcceptWarnings);

/// <summary>POST …/occurrences/reschedule.</summary>
internal sealed record OccurrenceReschedule(string OccurrenceId, Instant Start, bool AcceptWarnings);

/// <summary>POST …/occurrences/cancel.</summary>
internal sealed record OccurrenceCancel(string OccurrenceId, string? Comment);

/// <summary>Reads and validates the management requests: every mistake is reported against its field, before anything changes.</summary>
internal static class SeriesManagementRequests
{
    public const int MaxOccurrenceIdLength = 512;
    public const int MaxCommentLength = 1000;
    public const int MaxMessageLength = 2000;
    public static readonly Duration DefaultListSpan = Duration.FromDays(90);
    public static readonly Duration MaxListSpan = Duration.FromDays(400);

    /// <summary>GET …/occurrences?from=: where the listed window starts.</summary>
    public static readonly QueryParameter From = new("from", WireText.Instant, "Start of the window (a UTC time); default now.");

    /// <summary>GET …/occurrences?to=: where the listed window ends.</summary>
    public static readonly QueryParameter To = new("to", WireText.Instant, "End of the window (a UTC time, after from, at most 400 days after it); default from + 90 days.");

    public static readonly ZoneField AnchorTimeZone = SeriesRequestReader.AnchorTimeZone with { Required = false, Description = "By default the series' own." };
    public static readonly LocalDateTimeField FirstStart = SeriesRequestReader.FirstStart with
    {
        Description = "The first session's new local start in anchorTimeZone: in the future, within a year, not after the series' end date.",
    };

    public static readonly ChoiceField CadenceName = SeriesRequestReader.CadenceName with { Description = "By default the series' own." };
    public static readonly IntField DurationMinutes = SeriesRequestReader.DurationMinutes with { Description = "By default the series' own." };
    public static readonly BoolField AcceptWarnings = new("acceptWarnings", Required: false, "true to go ahead despite the re-check's warnings (default false: 409 with the warnings).");

    /// <summary>PATCH …/series/{seriesId}.</summary>
    public static readonly BodyShape SeriesChange = new(
        "SeriesReschedule", "The series' new times; what is left out stays as stored.", AnchorTimeZone, FirstStart, CadenceName, DurationMinutes, AcceptWarnings);

    public static readonly TextField OccurrenceId = new("occurrenceId", 1, MaxOccurrenceIdLength, Required: true, "An id from GET …/occurrences.");
    public static readonly InstantField OccurrenceStart = new("start", Required: true, "The session's new start: in the future, within two years.");

    /// <summary>POST …/occurrences/reschedule.</summary>
    public static readonly BodyShape OccurrenceChange = new("OccurrenceReschedule", "One session moved.", OccurrenceId, OccurrenceStart, AcceptWarnings);

    public static readonly TextField Comment = new("comment", 0, MaxCommentLength, Required: false, "Sent to the attendees with the cancellation.");

    /// <summary>POST …/occurrences/cancel.</summary>
    public static readonly BodyShape OccurrenceCancellation = new("OccurrenceCancel", "One session cancelled.", OccurrenceId, Comment);

    public static readonly TextField Message = new("message", 1, MaxMessageLength, Required: true, "Sent to the attendees and added to the agenda.");

    /// <summary>POST …/end.</summary>
    public static readonly BodyShape Ending = new("SeriesEnding", "The series ends after today's sessions.", Message);

    public static SeriesReschedule? ReadSeries(JsonBody body, SeriesRequest schedule, Instant now)
    {
        var zone = body.Has(AnchorTimeZone) && !body.IsNull(AnchorTimeZone) ? body.Zone(AnchorTimeZone) : schedule.AnchorZone;
        var firstStart = SeriesRequestReader.ReadFirstStart(body, FirstStart, zone, now);
        var cadenceName = body.Choice(CadenceName);
        var duration = body.Int(DurationMinutes) ?? schedule.DurationMinutes;
        var accept = body.Bool(AcceptWarnings) ?? false;
        if (firstStart is { } first && schedule.End.Date is { } end && end < first.Date)
        {
            body.Add("firstStart", $"The series ends on {Wire.Format(end)}: firstStart cannot be after that.");
        }

        if (!body.IsValid || zone is null || firstStart is null)
        {
            return null;
        }

        var cadence = cadenceName is null ? schedule.Cadence : SeriesRequestReader.ParseCadence(cadenceName);
        return new SeriesReschedule(firstStart.Value, zone, duration, cadence, accept);
    }

    public static OccurrenceReschedule? ReadOccurrenceReschedule(JsonBody body, Instant now)
    {
        var id = body.Text(OccurrenceId);
        var start = body.Instant(OccurrenceStart);
        var accept = body.Bool(AcceptWarnings) ?? false;
        if (start is { } at && at <= now)
        {
            body.Add("start", "start must be in the future.");
        }
        else if (start is { } later && later > now.Plus(Duration.FromDays(2 * 366)))
        {
            body.Add("start", "start must be within two years from now.");
        }

        return body.IsValid && id is not null && start is not null ? new OccurrenceReschedule(id, start.Value, accept) : null;
    }

    public static OccurrenceCancel? ReadCancel(JsonBody body)
    {
        var id = body.Text(OccurrenceId);
        var comment = body.Text(Comment);
        return body.IsValid && id is not null ? new OccurrenceCancel(id, string.IsNullOrEmpty(comment) ? null : comment) : null;
    }

    public static string? ReadEnd(JsonBody body) => body.Text(Message) is { } message && body.IsValid ? message : null;

    /// <summary>?from=&amp;to= (instants; default now … now + 90 days; at most 400 days apart), or the errors by field.</summary>
    public static (Interval? Window, Dictionary<string, string[]> Errors) ReadWindow(HttpRequest request, Instant now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var from = QueryValues.Instant(request, From, now, errors);
        var to = QueryValues.Instant(request, To, (from ?? now) + DefaultListSpan, errors);
        if (from is { } start && to is { } end)
        {
            if (end <= start)
            {
                errors["to"] = ["to must be after from."];
            }
            else if (end - start > MaxListSpan)
            {
                errors["to"] = ["from and to may be at most 400 days apart."];
            }
        }

        return errors.Count == 0 ? (new Interval(from!.Value, to!.Value), errors) : (null, errors);
    }

}
