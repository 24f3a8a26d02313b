using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Me.Calendar.GetSchedule;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Graph;
using PeerMentor365.Scheduling;
using GraphModels = Microsoft.Graph.Models;

namespace PeerMentor365.Api.Suggestions;

/// <summary>What Graph told us about one person: their busy times and working hours, as the core needs them.</summary>
internal sealed record PersonSchedule(
    string Mail,
    IReadOnlyList<BusyPeriod> Busy,
    WorkingHours? WorkingHours,
    string? TimeZoneNote);

/// <summary>The schedules of everyone asked about, or the addresses Graph could not resolve.</summary>
internal sealed record ScheduleReading(IReadOnlyList<PersonSchedule> People, IReadOnlyList<string> Unresolved);

/// <summary>
/// Reads free/busy and working hours for up to 20 people over a span longer than getSchedule's window:
/// one getSchedule per window, all in ONE $batch, times asked for in UTC.
/// </summary>
internal sealed class ScheduleReader(GraphBatchSender batches)
{
    /// <summary>Minutes per character of availabilityView; we read scheduleItems, so coarse is fine.</summary>
    public const int AvailabilityViewInterval = 30;

    private static readonly LocalDateTimePattern GraphDateTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

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

        var result = await batches.SendAsync(graph, steps, cancellationToken);

        var busy = mails.ToDictionary(mail => mail, _ => new HashSet<BusyPeriod>(), StringComparer.OrdinalIgnoreCase);
        var hours = new Dictionary<string, GraphModels.WorkingHours>(StringComparer.OrdinalIgnoreCase);
        var unresolved = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps)
        {
            if (!result.Succeeded(step.Id))
            {
                throw new GraphUnavailableException(
                    $"Microsoft Graph answered getSchedule with HTTP {result.StatusOf(step.Id)}.", StatusCodes.Status502BadGateway, null);
            }

            var answer = await result.ReadAsync<GetSchedulePostResponse>(step.Id);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var schedule in answer?.Value ?? [])
            {
                var mail = schedule.ScheduleId;
                if (mail is null || !busy.TryGetValue(mail, out var periods))
                {
                    continue;
                }

                seen.Add(mail);
                if (schedule.Error is not null)
                {
                    unresolved.Add(mail);
                    continue;
                }

                foreach (var item in schedule.ScheduleItems ?? [])
                {
                    if (ToBusyPeriod(item) is { } period)
                    {
                        periods.Add(period);
                    }
                }

                if (schedule.WorkingHours is { } workingHours && !hours.ContainsKey(mail))
                {
                    hours[mail] = workingHours;
                }
            }

            unresolved.UnionWith(mails.Where(mail => !seen.Contains(mail)));
        }

        var people = mails.Select(mail =>
        {
            var (workingHours, note) = hours.TryGetValue(mail, out var graphHours) ? ToWorkingHours(graphHours) : (null, null);
            return new PersonSchedule(mail, [.. busy[mail].OrderBy(period => period.Interval.Start)], workingHours, note);
        }).ToList();
        return new ScheduleReading(people, [.. unresolved]);
    }

    private static GraphModels.DateTimeTimeZone Utc(Instant instant) => new()
    {
        DateTime = GraphDateTime.Format(instant.InUtc().LocalDateTime),
        TimeZone = "UTC",
    };

    private static BusyPeriod? ToBusyPeriod(GraphModels.ScheduleItem item)
    {
        var status = item.Status switch
        {
            GraphModels.FreeBusyStatus.Free or null => (FreeBusyStatus?)null,
            GraphModels.FreeBusyStatus.Tentative => FreeBusyStatus.Tentative,
            GraphModels.FreeBusyStatus.Busy => FreeBusyStatus.Busy,
            GraphModels.FreeBusyStatus.Oof => FreeBusyStatus.OutOfOffice,
            GraphModels.FreeBusyStatus.WorkingElsewhere => FreeBusyStatus.WorkingElsewhere,
            _ => FreeBusyStatus.Unknown,
        };
        var start = GraphTimes.ToInstant(item.Start);
        var end = GraphTimes.ToInstant(item.End);
        return status is { } known && start is { } from && end is { } to && to > from
            ? new BusyPeriod(new Interval(from, to), known)
            : null;
    }

    private static (WorkingHours? Hours, string? Note) ToWorkingHours(GraphModels.WorkingHours graph)
    {
        var (zone, note) = GraphTimes.ToZone(graph.TimeZone);
        if (zone is null || graph.StartTime is not { } start || graph.EndTime is not { } end)
        {
            return (null, note);
        }

        var days = (graph.DaysOfWeek ?? []).OfType<GraphModels.DayOfWeekObject>().Select(ToIsoDay).ToList();
        try
        {
            return (WorkingHours.Create(days, new LocalTime(start.Hour, start.Minute, start.Second), new LocalTime(end.Hour, end.Minute, end.Second), zone), note);
        }
        catch (ArgumentException)
        {
            // No days, or hours that end before they start: as good as unknown.
            return (null, note);
        }
    }

    private static IsoDayOfWeek ToIsoDay(GraphModels.DayOfWeekObject day) => day switch
    {
        GraphModels.DayOfWeekObject.Monday => IsoDayOfWeek.Monday,
        GraphModels.DayOfWeekObject.Tuesday => IsoDayOfWeek.Tuesday,
        GraphModels.DayOfWeekObject.Wednesday => IsoDayOfWeek.Wednesday,
        GraphModels.DayOfWeekObject.Thursday => IsoDayOfWeek.Thursday,
        GraphModels.DayOfWeekObject.Friday => IsoDayOfWeek.Friday,
        GraphModels.DayOfWeekObject.Saturday => IsoDayOfWeek.Saturday,
        _ => IsoDayOfWeek.Sunday,
    };
}

/// <summary>Graph's dateTimeTimeZone and timeZoneBase, read defensively.</summary>
internal static class GraphTimes
{
    // Graph sends "2025-03-10T12:00:00.0000000"; other producers omit the fraction. Both parse.
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFF");

    /// <summary>The instant of a local dateTime in its timeZone (UTC when the name is unknown: we asked for UTC).</summary>
    public static Instant? ToInstant(GraphModels.DateTimeTimeZone? value)
    {
        var text = value?.DateTime?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.EndsWith('Z'))
        {
            text = text[..^1];
        }

        var parsed = Local.Parse(text);
        if (!parsed.Success)
        {
            return null;
        }

        var zone = TimeZoneNames.Resolve(value!.TimeZone) ?? DateTimeZone.Utc;
        return parsed.Value.InZoneLeniently(zone).ToInstant();
    }

    /// <summary>A named zone (Windows or IANA), or a custom zone approximated by its bias, with a note saying so.</summary>
    public static (DateTimeZone? Zone, string? Note) ToZone(GraphModels.TimeZoneBase? timeZone)
    {
        if (timeZone is GraphModels.CustomTimeZone custom)
        {
            if (custom.Bias is not { } bias)
            {
                return (null, "Custom time zone without a bias: working hours treated as unknown.");
            }

            // Windows bias is minutes to ADD to local time to get UTC, so the offset is its negation.
            var offset = Offset.FromSeconds(-bias * 60);
            return (DateTimeZone.ForOffset(offset),
                string.Create(CultureInfo.InvariantCulture, $"Custom time zone read as a fixed UTC{offset:+HH:mm}: daylight-saving changes are not applied."));
        }

        var zone = TimeZoneNames.Resolve(timeZone?.Name);
        return zone is null
            ? (null, timeZone?.Name is null ? null : $"Unknown time zone '{timeZone.Name}': working hours treated as unknown.")
            : (zone, null);
    }
}
