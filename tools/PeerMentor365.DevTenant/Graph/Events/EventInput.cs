using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Seed;
using PeerMentor365.DevTenant.TimeZones;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Reads the parts of an event request body, answering bad values with Graph's errors.</summary>
internal static class EventInput
{
    /// <summary>Properties a client may send that the dev tenant ignores (read-only ones Graph accepts and drops, and unsimulated ones).</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "originalStartTimeZone", "originalEndTimeZone", "iCalUId", "uid",
        "hasAttachments", "bodyPreview", "isCancelled", "isDraft", "isOrganizer", "seriesMasterId", "type", "webLink", "onlineMeetingUrl",
        "onlineMeeting", "responseStatus", "organizer", "originalStart", "locations", "isAllDay", "attachments", "calendar", "extensions",
        "instances", "multiValueExtendedProperties", "singleValueExtendedProperties",
    };

    public static GraphResponse? CheckProperties(GraphRequest request, JsonObject body)
    {
        foreach (var (name, _) in body)
        {
            if (!name.StartsWith('@') && !EventJson.Properties.Contains(name) && !Ignored.Contains(name))
            {
                return GraphErrors.BadRequest(request,
                    $"The property '{name}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.",
                    "RequestBodyRead");
            }
        }

        return null;
    }

    public static bool Has(JsonObject body, string name) => JsonParameters.TryGet(body, name, out _);

    public static JsonNode? Get(JsonObject body, string name) => JsonParameters.TryGet(body, name, out var node) ? node : null;

    public static string? Text(JsonObject body, string name) => JsonParameters.String(Get(body, name));

    public static bool? Bool(JsonObject body, string name) =>
        Get(body, name) is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static ZonedTime? DateTimeTimeZone(GraphRequest request, JsonObject body, string name, out GraphResponse? error)
    {
        error = null;
        if (Get(body, name) is not JsonObject value)
        {
            error = GraphErrors.BadRequest(request, $"Your request can't be completed. The event needs a {name} (a dateTimeTimeZone).", "ErrorInvalidRequest");
            return null;
        }

        var zoneName = Text(value, "timeZone");
        if (!GraphTimeZones.TryResolve(zoneName, out var zone))
        {
            error = GraphErrors.TimeZoneNotSupported(request, zoneName ?? string.Empty);
            return null;
        }

        var text = Text(value, "dateTime");
        if (!GraphFormats.TryParseLocalDateTime(text, out var local))
        {
            error = GraphErrors.BadRequest(request,
                $"Cannot convert the literal '{text}' in '{name}.dateTime' to a local date and time: send yyyy-MM-ddTHH:mm:ss without an offset; the zone goes in timeZone.",
                "RequestBodyRead");
            return null;
        }

        // Exchange's calendar spans the years 1601 to 4500.
        if (local.Year is < 1601 or > 4500)
        {
            error = GraphErrors.BadRequest(request, $"Your request can't be completed. The {name} must be between the years 1601 and 4500.", "ErrorInvalidRequest");
            return null;
        }

        return new ZonedTime(local, zoneName!.Trim(), zone);
    }

    public static EventBody? Body(GraphRequest request, JsonObject body, out GraphResponse? error)
    {
        error = null;
        var node = Get(body, "body");
        if (node is null)
        {
            return new EventBody("html", string.Empty);
        }

        if (node is not JsonObject value)
        {
            error = GraphErrors.BadRequest(request, "Cannot convert the literal to the expected type 'microsoft.graph.itemBody'.", "RequestBodyRead");
            return null;
        }

        var contentType = Text(value, "contentType") ?? "text";
        if (!string.Equals(contentType, "html", StringComparison.OrdinalIgnoreCase) && !string.Equals(contentType, "text", StringComparison.OrdinalIgnoreCase))
        {
            error = GraphErrors.BadRequest(request, $"'{contentType}' is not a valid bodyType: use text or html.", "RequestBodyRead");
            return null;
        }

        return EventBodies.FromRequest(contentType, Text(value, "content"));
    }

    public static List<Attendee>? Attendees(GraphRequest request, JsonObject body, TenantSeed seed, out GraphResponse? error)
    {
        error = null;
        var node = Get(body, "attendees");
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            error = GraphErrors.BadRequest(request, "Cannot convert the literal to the expected type 'Collection(microsoft.graph.attendee)'.", "RequestBodyRead");
            return null;
        }

        var attendees = new List<Attendee>();
        foreach (var entry in array)
        {
            var address = entry is JsonObject attendee && Get(attendee, "emailAddress") is JsonObject email ? Text(email, "address")?.Trim() : null;
            if (string.IsNullOrEmpty(address) || !address.Contains('@', StringComparison.Ordinal))
            {
                error = GraphErrors.BadRequest(request, "At least one recipient isn't valid: every attendee needs an emailAddress.address.", "ErrorInvalidRecipients");
                return null;
            }

            var type = (Text((JsonObject)entry!, "type") ?? "required").ToLowerInvariant();
            if (type is not ("required" or "optional" or "resource"))
            {
                error = GraphErrors.BadRequest(request, $"'{type}' is not a valid attendeeType: use required, optional or resource.", "RequestBodyRead");
                return null;
            }

            var name = Text((JsonObject)Get((JsonObject)entry!, "emailAddress")!, "name");
            var known = seed.Find(address);
            if (attendees.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            attendees.Add(new Attendee(known?.User.Mail ?? address, string.IsNullOrEmpty(name) ? known?.User.DisplayName ?? address : name, type));
        }

        return attendees;
    }

    /// <summary>The $select list (null when absent); an unknown property is Graph's 400.</summary>
    public static IReadOnlyList<string>? Select(GraphRequest request, out GraphResponse? error)
    {
        error = null;
        if (request.Option("select") is not { Length: > 0 } text)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (!EventJson.Properties.Contains(name))
            {
                error = GraphErrors.BadRequest(request, $"Could not find a property named '{name}' on type 'microsoft.graph.event'.", "RequestBroker--ParseUri");
                return null;
            }
        }

        return names;
    }
}
