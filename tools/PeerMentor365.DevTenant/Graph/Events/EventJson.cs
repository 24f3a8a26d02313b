using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Graph's event JSON for a mailbox's copy of a meeting, or for one of its occurrences.</summary>
internal static class EventJson
{
    /// <summary>The event's properties in v1.0 (navigation properties included, so $select accepts them).</summary>
    public static readonly IReadOnlySet<string> Properties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "transactionId", "originalStartTimeZone",
        "originalEndTimeZone", "iCalUId", "uid", "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "hideAttendees",
        "subject", "bodyPreview", "importance", "sensitivity", "isAllDay", "isCancelled", "isDraft", "isOrganizer",
        "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting",
        "onlineMeetingProvider", "onlineMeeting", "allowNewTimeProposals", "responseStatus", "body", "start", "end",
        "originalStart", "location", "locations", "recurrence", "attendees", "organizer",
        "attachments", "calendar", "extensions", "instances", "multiValueExtendedProperties", "singleValueExtendedProperties",
    };

    private static readonly InstantPattern UtcSeconds = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");
    private static readonly InstantPattern UtcTicks = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'");

    /// <summary>A series master or single event as <paramref name="item"/>'s mailbox sees it.</summary>
    public static JsonObject Item(CalendarItem item, OutputZone zone)
    {
        var meeting = item.Meeting;
        var json = Common(item, item.Id, meeting.ICalUId, meeting.Subject, meeting.Body, meeting.Start, meeting.End, zone);
        json["seriesMasterId"] = null;
        json["type"] = meeting.IsSeries ? "seriesMaster" : "singleInstance";
        json["recurrence"] = meeting.Recurrence?.ToJson();
        return json;
    }

    /// <summary>One occurrence or exception of a series as <paramref name="item"/>'s mailbox sees it.</summary>
    public static JsonObject Occurrence(CalendarItem item, SeriesOccurrence occurrence, OutputZone zone)
    {
        var meeting = item.Meeting;
        var json = Common(item, EventIds.OccurrenceId(item.IdCore, occurrence.OriginalDate),
            EventIds.OccurrenceICalUId(meeting.ICalUId, occurrence.OriginalDate), occurrence.Subject ?? meeting.Subject,
            occurrence.Body ?? meeting.Body, occurrence.StartTime, occurrence.EndTime, zone);
        json["seriesMasterId"] = item.Id;
        json["type"] = occurrence.IsException ? "exception" : "occurrence";
        json["originalStart"] = UtcSeconds.Format(occurrence.OriginalStart);
        json["recurrence"] = null;
        return json;
    }

    /// <summary>Keeps only the selected properties (plus id and @odata.etag, which Graph always returns).</summary>
    public static JsonObject Select(JsonObject json, IReadOnlyList<string>? select)
    {
        if (select is null)
        {
            return json;
        }

        var selected = new JsonObject();
        foreach (var (name, value) in json)
        {
            // As in Exchange, selecting location brings locations along.
            var wanted = select.Contains(name, StringComparer.OrdinalIgnoreCase)
                || (name == "locations" && select.Contains("location", StringComparer.OrdinalIgnoreCase));
            if (name is "@odata.etag" or "id" || wanted)
            {
                selected[name] = value?.DeepClone();
            }
        }

        return selected;
    }

    public static string Etag(Meeting meeting) => $"W/\"{meeting.ChangeKey}\"";

    private static JsonObject Common(CalendarItem item, string id, string iCalUId, string subject, EventBody body, ZonedTime start, ZonedTime end, OutputZone zone)
    {
        var meeting = item.Meeting;
        var json = new JsonObject
        {
            ["@odata.etag"] = Etag(meeting),
            ["id"] = id,
            ["createdDateTime"] = UtcTicks.Format(meeting.Created),
            ["lastModifiedDateTime"] = UtcTicks.Format(meeting.LastModified),
            ["changeKey"] = meeting.ChangeKey,
            ["categories"] = new JsonArray([.. meeting.Categories.Select(c => (JsonNode?)c)]),
        };
        if (meeting.TransactionId is { } transactionId && item.IsOrganizer)
        {
            json["transactionId"] = transactionId;
        }

        json["originalStartTimeZone"] = meeting.Start.ZoneName;
        json["originalEndTimeZone"] = meeting.End.ZoneName;
        json["iCalUId"] = iCalUId;
        json["uid"] = iCalUId;
        json["reminderMinutesBeforeStart"] = meeting.ReminderMinutesBeforeStart;
        json["isReminderOn"] = meeting.IsReminderOn;
        json["hasAttachments"] = false;
        json["hideAttendees"] = meeting.HideAttendees;
        json["subject"] = subject;
        json["bodyPreview"] = EventBodies.Preview(body);
        json["importance"] = meeting.Importance;
        json["sensitivity"] = meeting.Sensitivity;
        json["isAllDay"] = false;
        json["isCancelled"] = meeting.Cancelled;
        json["isDraft"] = false;
        json["isOrganizer"] = item.IsOrganizer;
        json["responseRequested"] = meeting.ResponseRequested;
        json["showAs"] = meeting.ShowAs;
        json["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(id)}&exvsurl=1&path=/calendar/item";
        json["onlineMeetingUrl"] = null;
        json["isOnlineMeeting"] = meeting.IsOnlineMeeting;
        json["onlineMeetingProvider"] = meeting.OnlineMeetingProvider;
        json["allowNewTimeProposals"] = meeting.AllowNewTimeProposals;
        json["responseStatus"] = new JsonObject
        {
            ["response"] = item.IsOrganizer ? "organizer" : "none",
            ["time"] = "0001-01-01T00:00:00Z",
        };
        json["body"] = new JsonObject { ["contentType"] = body.ContentType, ["content"] = body.Content };
        json["start"] = GraphFormats.DateTimeTimeZone(start.Instant, zone);
        json["end"] = GraphFormats.DateTimeTimeZone(end.Instant, zone);
        json["location"] = Location(meeting.Location);
        json["locations"] = meeting.Location is { } place
            ? new JsonArray(Location(place))
            : new JsonArray();
        json["attendees"] = new JsonArray([.. meeting.Attendees.Select(a => (JsonNode?)new JsonObject
        {
            ["type"] = a.Type,
            ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
            ["emailAddress"] = new JsonObject { ["name"] = a.Name, ["address"] = a.Address },
        })]);
        json["organizer"] = new JsonObject
        {
            ["emailAddress"] = new JsonObject { ["name"] = meeting.Organizer.User.DisplayName, ["address"] = meeting.Organizer.User.Mail },
        };
        json["onlineMeeting"] = meeting.JoinUrl is { } joinUrl
            ? new JsonObject { ["joinUrl"] = joinUrl, ["conferenceId"] = meeting.ConferenceId, ["tollNumber"] = "+1 425 555 0100" }
            : null;
        return json;
    }

    private static JsonObject Location(string? displayName) => displayName is null
        ? new JsonObject { ["displayName"] = string.Empty, ["locationType"] = "default", ["uniqueIdType"] = "unknown" }
        : new JsonObject { ["displayName"] = displayName, ["locationType"] = "default", ["uniqueId"] = displayName, ["uniqueIdType"] = "private" };

    public static string Format(Instant instant) => UtcTicks.Format(instant);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
