using System.Globalization;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Me.Calendar.GetSchedule;
using NodaTime;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;
using GraphModels = Microsoft.Graph.Models;

namespace PeerMentor365.Api.Suggestions;

/// <summary>What Graph told us about one person: their busy times and working hours, as the core needs them.</summary>
internal sealed record PersonSchedule(
    string Mail,
    IReadOnlyList<BusyPeriod> Busy,
    WorkingHours? WorkingHours,
    string? TimeZoneNote);

/// <summary>
/// The schedules of everyone asked about, or the addresses Graph could not resolve; and what the directory says about
/// them, by mail (empty when the directory lookup failed: names are nice to have).
/// </summary>
internal sealed record ScheduleReading(
    IReadOnlyList<PersonSchedule> People,
    IReadOnlyList<string> Unresolved,
    IReadOnlyDictionary<string, DirectoryEntry> Directory);

/// <summary>
/// Reads free/busy and working hours for up to 20 people over a span longer than getSchedule's window, and their
/// directory entries: one getSchedule per window and one directory lookup per 15 people, all in ONE $batch, times asked
/// for in UTC. The answers are read as JSON (names and enum values compared case-insensitively, as Graph's casing
/// varies): filling the SDK's models for a few hundred schedule items costs tens of milliseconds.
/// </summary>
internal sealed class ScheduleReader(GraphBatchSender batches)
{
    /// <summary>
    /// Minutes per character of availabilityView: Graph's largest, one character a day. We read scheduleItems, and at the
    /// default 30 minutes the view is a further 3,000 characters per person and 60-day window for Graph to compute and send.
    /// </summary>
    public const int AvailabilityViewInterval = 1440;


    public async Task<ScheduleReading> ReadAsync(GraphServiceClient graph, IReadOnlyList<string> mails, Interval span, CancellationToken cancellationToken)
    {
        var windows = ScheduleWindows.Split(span);
        var steps = windows.Select((window, index) => new GraphBatchStep(
            $"w{index}",
            () => graph.Me.Calendar.GetSchedule.ToPostRequestInformation(
                new GetSchedulePostRequestBody
                {
                    Schedules = [.. mails],
                    StartTime = Utc(window.Start),
                    EndTime = Utc(window.End),
                    AvailabilityViewInterval = AvailabilityViewInterval,
                },
                request => request.Headers.Add("Prefer", "outlook.timezone=\"UTC\"")))).ToList();

        var directorySteps = PeopleDirectory.Steps(graph, mails);
        using var result = await batches.SendAsync(graph, [.. steps, .. directorySteps], cancellationToken);

        var busy = mails.ToDictionary(mail => mail, _ => new HashSet<BusyPeriod>(), StringComparer.OrdinalIgnoreCase);
        var hours = new Dictionary<string, (WorkingHours? Hours, string? Note)>(StringComparer.OrdinalIgnoreCase);
        var unresolved = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps)
        {
            if (!result.Succeeded(step.Id))
            {
                throw new GraphUnavailableException(
                    $"Microsoft Graph answered getSchedule with HTTP {result.StatusOf(step.Id)}.", StatusCodes.Status502BadGateway, null);
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var schedule in GraphJson.Array(result.Body(step.Id), "value"))
            {
                var mail = GraphJson.String(schedule, "scheduleId");
                if (mail is null || !busy.TryGetValue(mail, out var periods))
                {
                    continue;
                }

                seen.Add(mail);
                if (GraphJson.Property(schedule, "error") is { ValueKind: JsonValueKind.Object })
                {
                    unresolved.Add(mail);
                    continue;
                }

                foreach (var item in GraphJson.Array(schedule, "scheduleItems"))
                {
                    if (ToBusyPeriod(item) is { } period)
                    {
                        periods.Add(period);
                    }
                }

                if (!hours.ContainsKey(mail) && GraphJson.Property(schedule, "workingHours") is { ValueKind: JsonValueKind.Object } workingHours)
                {
                    hours[mail] = ToWorkingHours(workingHours);
                }
            }

            unresolved.UnionWith(mails.Where(mail => !seen.Contains(mail)));
        }

        var people = mails.Select(mail =>
        {
            var (workingHours, note) = hours.TryGetValue(mail, out var known) ? known : (null, null);
            return new PersonSchedule(mail, [.. busy[mail].OrderBy(period => period.Interval.Start)], workingHours, note);
        }).ToList();
        return new ScheduleReading(people, [.. unresolved], PeopleDirectory.Read(result, directorySteps));
    }

    private static GraphModels.DateTimeTimeZone Utc(Instant instant) => new()
    {
        DateTime = Wire.Graph.Format(instant.InUtc().LocalDateTime),
        TimeZone = "UTC",
    };

    private static BusyPeriod? ToBusyPeriod(JsonElement item)
    {
        FreeBusyStatus? status = GraphJson.String(item, "status")?.ToUpperInvariant() switch
        {
            "FREE" or null => null,
            "TENTATIVE" => FreeBusyStatus.Tentative,
            "BUSY" => FreeBusyStatus.Busy,
            "OOF" => FreeBusyStatus.OutOfOffice,
            "WORKINGELSEWHERE" => FreeBusyStatus.WorkingElsewhere,
            _ => FreeBusyStatus.Unknown,
        };
        var start = GraphTimes.ToInstant(GraphJson.Property(item, "start"));
        var end = GraphTimes.ToInstant(GraphJson.Property(item, "end"));
        return status is { } known && start is { } from && end is { } to && to > from
            ? new BusyPeriod(new Interval(from, to), known)
            : null;
    }

    private static (WorkingHours? Hours, string? Note) ToWorkingHours(JsonElement graph)
    {
        var (zone, note) = GraphTimes.ToZone(GraphJson.Property(graph, "timeZone"));
        var start = GraphTimes.ToLocalTime(GraphJson.String(graph, "startTime"));
        var end = GraphTimes.ToLocalTime(GraphJson.String(graph, "endTime"));
        if (zone is null || start is null || end is null)
        {
            return (null, note);
        }

        var days = GraphJson.Array(graph, "daysOfWeek").Select(day => ToIsoDay(day.GetString())).OfType<IsoDayOfWeek>().ToList();
        try
        {
            return (WorkingHours.Create(days, start.Value, end.Value, zone), note);
        }
        catch (ArgumentException)
        {
            // No days, or hours that end before they start: as good as unknown.
            return (null, note);
        }
    }

    private static IsoDayOfWeek? ToIsoDay(string? day) =>
        Enum.TryParse<IsoDayOfWeek>(day, ignoreCase: true, out var iso) && iso != IsoDayOfWeek.None ? iso : null;
}

/// <summary>Reading Graph JSON whose property names and casing vary between answers.</summary>
internal static class GraphJson
{
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static int? Int(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];
}

/// <summary>Graph's dateTimeTimeZone, Edm.TimeOfDay and timeZoneBase, read defensively.</summary>
internal static class GraphTimes
{
    /// <summary>The instant of a local dateTime in its timeZone (UTC when the name is unknown: we asked for UTC).</summary>
    public static Instant? ToInstant(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } dateTimeTimeZone)
        {
            return null;
        }

        var text = GraphJson.String(dateTimeTimeZone, "dateTime")?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.EndsWith('Z'))
        {
            text = text[..^1];
        }

        var parsed = Wire.Graph.ParseDateTime(text);
        if (!parsed.Success)
        {
            return null;
        }

        var zone = TimeZoneNames.Resolve(GraphJson.String(dateTimeTimeZone, "timeZone")) ?? DateTimeZone.Utc;
        return parsed.Value.InZoneLeniently(zone).ToInstant();
    }

    /// <summary>"08:30:00.0000000" (Graph) or "08:30".</summary>
    public static LocalTime? ToLocalTime(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var parsed = Wire.Graph.ParseTimeOfDay(trimmed);
        return parsed.Success ? parsed.Value : null;
    }

    /// <summary>A named zone (Windows or IANA), or a custom zone approximated by its bias, with a note saying so.</summary>
    public static (DateTimeZone? Zone, string? Note) ToZone(JsonElement? timeZone)
    {
        if (timeZone is not { ValueKind: JsonValueKind.Object } zoneObject)
        {
            return (null, null);
        }

        var type = GraphJson.String(zoneObject, "@odata.type");
        if (type is not null && type.EndsWith("customTimeZone", StringComparison.OrdinalIgnoreCase))
        {
            if (GraphJson.Int(zoneObject, "bias") is not { } bias)
            {
                return (null, "Custom time zone without a bias: working hours treated as unknown.");
            }

            // Windows bias is minutes to ADD to local time to get UTC, so the offset is its negation.
            var offset = Offset.FromSeconds(-bias * 60);
            return (DateTimeZone.ForOffset(offset),
                string.Create(CultureInfo.InvariantCulture, $"Custom time zone read as a fixed UTC{offset:+HH:mm}: daylight-saving changes are not applied."));
        }

        var name = GraphJson.String(zoneObject, "name");
        var zone = TimeZoneNames.Resolve(name);
        return zone is null
            ? (null, name is null ? null : $"Unknown time zone '{name}': working hours treated as unknown.")
            : (zone, null);
    }
}
