using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using PeerMentor365.DevTenant.Graph.Events;
using PeerMentor365.DevTenant.Graph.MailboxSettings;
using PeerMentor365.DevTenant.Seed;
using PeerMentor365.DevTenant.TimeZones;

namespace PeerMentor365.DevTenant.Graph.Calendar;

/// <summary>POST /me/calendar/getSchedule and /users/{id}/calendar/getSchedule: free/busy for up to 20 addresses.</summary>
internal sealed class GetScheduleEndpoint(GraphContext context, EventStore events)
{
    public const int MaxSchedules = 20;
    public const int MaxWindowDays = 62;
    public const int MinInterval = 5;
    public const int MaxInterval = 1440;
    public const int DefaultInterval = 30;

    private static readonly string[] Parameters = ["schedules", "startTime", "endTime", "availabilityViewInterval"];

    public GraphResponse Post(GraphRequest request)
    {
        if (request.BodyError is not null || request.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(request,
                "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }

        foreach (var (key, _) in body)
        {
            if (!key.StartsWith('@') && !Parameters.Any(p => string.Equals(p, key, StringComparison.OrdinalIgnoreCase)))
            {
                return GraphErrors.BadRequest(request,
                    $"The parameter '{key}' in the request payload is not a valid parameter for the operation 'getSchedule'.", "RequestBodyRead");
            }
        }

        var outputZone = GraphFormats.ResolveOutputZone(request);
        if (outputZone.UnsupportedName is not null)
        {
            return GraphErrors.TimeZoneNotSupported(request, outputZone.UnsupportedName);
        }

        if (!JsonParameters.TryGet(body, "schedules", out var schedulesNode) || schedulesNode is not JsonArray schedulesArray)
        {
            return GraphErrors.BadRequest(request, "The parameter 'Schedules' is required and must be an array of SMTP addresses.", "ErrorInvalidParameter");
        }

        var schedules = new List<string>();
        foreach (var item in schedulesArray)
        {
            if (JsonParameters.String(item) is not { } address || string.IsNullOrWhiteSpace(address))
            {
                return GraphErrors.BadRequest(request, "Each entry of 'Schedules' must be a non-empty string.", "ErrorInvalidParameter");
            }

            schedules.Add(address.Trim());
        }

        if (schedules.Count == 0)
        {
            return GraphErrors.BadRequest(request, "The parameter 'Schedules' must name at least one address.", "ErrorInvalidParameter");
        }

        if (schedules.Count > MaxSchedules)
        {
            return GraphErrors.BadRequest(request,
                $"The number of schedules requested ({schedules.Count}) exceeds the maximum of {MaxSchedules}.", "ErrorInvalidParameter");
        }

        var start = ReadDateTimeTimeZone(request, body, "startTime", out var startError);
        if (startError is not null)
        {
            return startError;
        }

        var end = ReadDateTimeTimeZone(request, body, "endTime", out var endError);
        if (endError is not null)
        {
            return endError;
        }

        var interval = DefaultInterval;
        if (JsonParameters.TryGet(body, "availabilityViewInterval", out var intervalNode) && intervalNode is not null)
        {
            if (intervalNode is not JsonValue intervalValue || !TryInt(intervalValue, out interval))
            {
                return GraphErrors.BadRequest(request, "Cannot convert the literal in 'availabilityViewInterval' to the expected type 'Edm.Int32'.", "RequestBodyRead");
            }
        }

        if (interval is < MinInterval or > MaxInterval)
        {
            return GraphErrors.BadRequest(request,
                $"The availabilityViewInterval must be between {MinInterval} and {MaxInterval} minutes; {interval} was given.", "ErrorInvalidParameter");
        }

        if (end <= start)
        {
            return GraphErrors.BadRequest(request, "The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.", "ErrorInvalidTimeInterval");
        }

        var window = end - start;
        if (window >= Duration.FromDays(MaxWindowDays))
        {
            var days = (int)Math.Ceiling(window.TotalDays);
            return GraphErrors.BadRequest(request,
                $"The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = {MaxWindowDays} days; the actual limit = {days} days.",
                "ErrorTimeIntervalTooBig");
        }

        var values = new JsonArray();
        foreach (var address in schedules)
        {
            values.Add(ScheduleInformation(address, start, end, interval, outputZone.Zone));
        }

        var response = GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata("Collection(microsoft.graph.scheduleInformation)"),
            ["value"] = values,
        });
        if (outputZone.PreferenceApplied is { } applied)
        {
            response.Headers["Preference-Applied"] = applied;
        }

        return response;
    }

    private JsonObject ScheduleInformation(string address, Instant start, Instant end, int interval, OutputZone zone)
    {
        var mailbox = context.Seed.Find(address);
        if (mailbox is null || !address.Contains('@', StringComparison.Ordinal))
        {
            return new JsonObject
            {
                ["scheduleId"] = address,
                ["error"] = new JsonObject
                {
                    ["message"] = $"Unable to resolve e-mail address {address} to an Active Directory object.",
                    ["responseCode"] = "5009",
                },
            };
        }

        // Seeded calendar items and the events created through Graph (every attendee's copy counts).
        var occurrences = Occurrences.Overlapping(mailbox.Events, start, end).Concat(events.BusyIn(mailbox, start, end))
            .OrderBy(o => o.Start).ThenBy(o => o.End).ToList();
        var items = new JsonArray();
        foreach (var occurrence in occurrences)
        {
            var item = new JsonObject
            {
                ["isPrivate"] = occurrence.Event.IsPrivate,
                ["status"] = Status(occurrence.Event.ShowAs),
            };
            if (!occurrence.Event.IsPrivate)
            {
                item["subject"] = occurrence.Event.Subject;
                item["location"] = occurrence.Event.Location ?? string.Empty;
            }

            item["start"] = GraphFormats.DateTimeTimeZone(occurrence.Start, zone);
            item["end"] = GraphFormats.DateTimeTimeZone(occurrence.End, zone);
            items.Add(item);
        }

        return new JsonObject
        {
            ["scheduleId"] = address,
            ["availabilityView"] = AvailabilityView(occurrences, start, end, interval),
            ["scheduleItems"] = items,
            ["workingHours"] = MailboxSettingsEndpoint.WorkingHours(mailbox.User.WorkingHours),
        };
    }

    /// <summary>One digit per interval from the window start: the most severe status overlapping it (0 free or working elsewhere, 1 tentative, 2 busy, 3 oof).</summary>
    internal static string AvailabilityView(IReadOnlyList<Occurrence> occurrences, Instant start, Instant end, int interval)
    {
        var step = Duration.FromMinutes(interval);
        var slots = (int)Math.Ceiling((end - start) / step);
        var view = new char[slots];
        Array.Fill(view, '0');
        foreach (var occurrence in occurrences)
        {
            // The slots an item overlaps: from the one holding its start to the last one starting before its end.
            var first = Math.Max(0, (int)Math.Floor((occurrence.Start - start) / step));
            var last = Math.Min(slots - 1, (int)Math.Ceiling((occurrence.End - start) / step) - 1);
            var digit = (char)('0' + Severity(occurrence.Event.ShowAs));
            for (var slot = first; slot <= last; slot++)
            {
                if (digit > view[slot])
                {
                    view[slot] = digit;
                }
            }
        }

        return new string(view);
    }

    private static int Severity(FreeBusyStatus status) => status switch
    {
        FreeBusyStatus.Tentative => 1,
        FreeBusyStatus.Busy => 2,
        FreeBusyStatus.Oof => 3,
        _ => 0,
    };

    private static string Status(FreeBusyStatus status) => status switch
    {
        FreeBusyStatus.Free => "free",
        FreeBusyStatus.Tentative => "tentative",
        FreeBusyStatus.Busy => "busy",
        FreeBusyStatus.Oof => "oof",
        FreeBusyStatus.WorkingElsewhere => "workingElsewhere",
        _ => "unknown",
    };

    private static Instant ReadDateTimeTimeZone(GraphRequest request, JsonObject body, string name, out GraphResponse? error)
    {
        error = null;
        if (!JsonParameters.TryGet(body, name, out var node) || node is not JsonObject value)
        {
            error = GraphErrors.BadRequest(request, $"The parameter '{name}' is required and must be a dateTimeTimeZone.", "ErrorInvalidParameter");
            return default;
        }

        JsonParameters.TryGet(value, "timeZone", out var zoneNode);
        var zoneName = JsonParameters.String(zoneNode);
        if (!GraphTimeZones.TryResolve(zoneName, out var zone))
        {
            error = GraphErrors.TimeZoneNotSupported(request, zoneName ?? string.Empty);
            return default;
        }

        JsonParameters.TryGet(value, "dateTime", out var dateTimeNode);
        var text = JsonParameters.String(dateTimeNode);
        if (!GraphFormats.TryParseLocalDateTime(text, out var local))
        {
            error = GraphErrors.BadRequest(request,
                $"'{text}' is not a valid local date and time for '{name}': send yyyy-MM-ddTHH:mm:ss without an offset; the zone goes in timeZone.",
                "ErrorInvalidParameter");
            return default;
        }

        return Occurrences.ToInstant(local, zone);
    }

    private static bool TryInt(JsonValue value, out int result)
    {
        if (value.TryGetValue(out result))
        {
            return true;
        }

        if (value.TryGetValue<double>(out var number) && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            result = (int)number;
            return true;
        }

        return value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }
}
