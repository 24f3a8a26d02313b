using NodaTime;
using NodaTime.Text;
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

    public static SeriesReschedule? ReadSeries(JsonBody body, SeriesRequest schedule, Instant now)
    {
        DateTimeZone? zone = schedule.AnchorZone;
        var zoneName = body.Text("anchorTimeZone", 1, 64, required: false);
        if (zoneName is not null)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneName);
            if (zone is null)
            {
                body.Add("anchorTimeZone", "anchorTimeZone must be an IANA time zone id such as Europe/London.");
            }
        }

        var firstStart = SeriesRequestReader.ReadFirstStart(body, zone, now);
        var cadenceName = body.Choice("cadence", SeriesRequestReader.CadenceNames, required: false);
        var duration = body.Int("durationMinutes", SeriesRequest.MinDuration, SeriesRequest.MaxDuration, required: false, step: 5) ?? schedule.DurationMinutes;
        var accept = body.Bool("acceptWarnings", required: false) ?? false;
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
        var id = body.Text("occurrenceId", 1, MaxOccurrenceIdLength, required: true);
        var start = body.Instant("start", required: true);
        var accept = body.Bool("acceptWarnings", required: false) ?? false;
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
        var id = body.Text("occurrenceId", 1, MaxOccurrenceIdLength, required: true);
        var comment = body.Text("comment", 0, MaxCommentLength, required: false);
        return body.IsValid && id is not null ? new OccurrenceCancel(id, string.IsNullOrEmpty(comment) ? null : comment) : null;
    }

    public static string? ReadEnd(JsonBody body) => body.Text("message", 1, MaxMessageLength, required: true) is { } message && body.IsValid ? message : null;

    /// <summary>?from=&amp;to= (instants; default now … now + 90 days; at most 400 days apart), or the errors by field.</summary>
    public static (Interval? Window, Dictionary<string, string[]> Errors) ReadWindow(HttpRequest request, Instant now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Instant? Read(string name, Instant fallback)
        {
            var values = request.Query[name];
            if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
            {
                return fallback;
            }

            var parsed = InstantPattern.ExtendedIso.Parse(values[0]!.Trim());
            if (values.Count > 1 || !parsed.Success)
            {
                errors[name] = [$"{name} must be one UTC time like 2026-12-01T15:00:00Z."];
                return null;
            }

            return parsed.Value;
        }

        var from = Read("from", now);
        var to = Read("to", (from ?? now) + DefaultListSpan);
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
