using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Create (with transactionId de-duplication), update (series, single event or one occurrence), cancel and delete events.</summary>
internal sealed class EventWrites(GraphContext context, EventStore store, TimeProvider clock, string tenantId)
{
    private static readonly string[] MeetingFields =
    [
        "subject", "body", "start", "end", "recurrence", "location", "attendees", "isOnlineMeeting", "onlineMeetingProvider",
        "allowNewTimeProposals", "responseRequested", "hideAttendees", "importance", "sensitivity",
    ];

    private static readonly string[] CancelParameters = ["comment"];

    private static readonly string[] SeriesOnlyFields = ["attendees", "isOnlineMeeting", "onlineMeetingProvider"];

    private Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public GraphResponse Create(GraphRequest request, Mailbox mailbox)
    {
        if (Payload(request) is not { } body)
        {
            return EmptyPayload(request);
        }

        if (EventInput.CheckProperties(request, body) is { } propertyError)
        {
            return propertyError;
        }

        var zone = GraphFormats.ResolveOutputZone(request);
        if (zone.UnsupportedName is not null)
        {
            return GraphErrors.TimeZoneNotSupported(request, zone.UnsupportedName);
        }

        var transactionId = EventInput.Text(body, "transactionId") is { Length: > 0 } tid ? tid : null;
        var start = EventInput.DateTimeTimeZone(request, body, "start", out var error);
        var end = start is null ? null : EventInput.DateTimeTimeZone(request, body, "end", out error);
        if (error is not null || start is null || end is null)
        {
            return error!;
        }

        if (end.Instant < start.Instant)
        {
            return Invalid(request, "Your request can't be completed. The end of the event must not be before its start.");
        }

        SeriesRecurrence? recurrence = null;
        if (EventInput.Get(body, "recurrence") is { } recurrenceNode)
        {
            recurrence = SeriesRecurrence.Parse(recurrenceNode, start.Local.Date, start.ZoneName, out var recurrenceError, out var bodyRead);
            if (recurrence is null)
            {
                return GraphErrors.BadRequest(request, recurrenceError!, bodyRead ? "RequestBodyRead" : "ErrorInvalidRequest");
            }
        }

        var eventBody = EventInput.Body(request, body, out error);
        var attendees = eventBody is null ? null : EventInput.Attendees(request, body, context.Seed, out error);
        if (error is not null || eventBody is null || attendees is null)
        {
            return error!;
        }

        var online = OnlineMeeting(request, body, out error);
        if (error is not null)
        {
            return error;
        }

        CalendarItem item;
        lock (store.Gate)
        {
            if (transactionId is not null && store.ByTransaction(mailbox, transactionId) is { } existing)
            {
                // A re-sent create: the event made the first time, and nothing new.
                item = store.ItemOf(existing, mailbox);
            }
            else
            {
                var now = Now;
                var uid = Guid.NewGuid();
                var meeting = new Meeting
                {
                    Uid = uid,
                    ICalUId = EventIds.NewICalUId(uid, now),
                    Organizer = mailbox,
                    TransactionId = transactionId,
                    Created = now,
                    LastModified = now,
                    Subject = EventInput.Text(body, "subject") ?? string.Empty,
                    Body = eventBody,
                    Start = start,
                    End = end,
                    Recurrence = recurrence,
                    Attendees = attendees,
                    Location = LocationName(body),
                };
                ApplySimpleFields(meeting, body);
                if (online.IsOnline)
                {
                    EnableOnlineMeeting(meeting);
                }
                else if (online.Provider is { } provider)
                {
                    meeting.OnlineMeetingProvider = provider;
                }

                item = store.Add(meeting, context.Seed);
            }

            return Entity(mailbox, EventJson.Item(item, zone.Zone), zone, 201);
        }
    }

    public GraphResponse Update(GraphRequest request, Mailbox mailbox, string id)
    {
        if (Payload(request) is not { } body)
        {
            return EmptyPayload(request);
        }

        if (EventInput.CheckProperties(request, body) is { } propertyError)
        {
            return propertyError;
        }

        var zone = GraphFormats.ResolveOutputZone(request);
        if (zone.UnsupportedName is not null)
        {
            return GraphErrors.TimeZoneNotSupported(request, zone.UnsupportedName);
        }

        lock (store.Gate)
        {
            if (Resolve(mailbox, id) is not { } found)
            {
                return EventReads.NotFound(request);
            }

            var (item, occurrence) = found;

            var meeting = item.Meeting;
            if (!item.IsOrganizer)
            {
                if (MeetingFields.Any(f => EventInput.Has(body, f)))
                {
                    return GraphErrors.Create(request, 403, "ErrorAccessDenied",
                        "Access is denied. Only the organizer can change the meeting's time, subject, body, attendees or recurrence.");
                }

                // Personal settings (reminder, categories, showAs) of an attendee's copy are accepted and not simulated.
                return Entity(mailbox, occurrence is null ? EventJson.Item(item, zone.Zone) : EventJson.Occurrence(item, occurrence, zone.Zone), zone, 200);
            }

            var error = occurrence is null ? UpdateMeeting(request, meeting, body) : UpdateOccurrence(request, meeting, occurrence, body);
            if (error is not null)
            {
                return error;
            }

            meeting.Touch(Now);
            if (occurrence is null)
            {
                return Entity(mailbox, EventJson.Item(item, zone.Zone), zone, 200);
            }

            return Entity(mailbox, EventJson.Occurrence(item, meeting.Occurrence(occurrence.OriginalDate)!, zone.Zone), zone, 200);
        }
    }

    public GraphResponse Cancel(GraphRequest request, Mailbox mailbox, string id)
    {
        string? comment = null;
        if (request.HasBody)
        {
            if (Payload(request) is not { } body)
            {
                return EmptyPayload(request);
            }

            foreach (var (name, _) in body)
            {
                if (!name.StartsWith('@') && !CancelParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return GraphErrors.BadRequest(request, $"The parameter '{name}' in the request payload is not a valid parameter for the operation 'cancel'.", "RequestBodyRead");
                }
            }

            comment = EventInput.Text(body, "comment");
        }

        lock (store.Gate)
        {
            if (Resolve(mailbox, id) is not { } found)
            {
                return EventReads.NotFound(request);
            }

            var (item, occurrence) = found;

            if (!item.IsOrganizer)
            {
                return Invalid(request, "Your request can't be completed. You need to be an organizer to cancel a meeting.");
            }

            CancelFor(item.Meeting, occurrence, comment);
            return new GraphResponse { Status = 202 };
        }
    }

    public GraphResponse Delete(GraphRequest request, Mailbox mailbox, string id)
    {
        lock (store.Gate)
        {
            if (Resolve(mailbox, id) is not { } found)
            {
                return EventReads.NotFound(request);
            }

            var (item, occurrence) = found;

            if (item.IsOrganizer)
            {
                // The organizer deleting a meeting sends the cancellation (with no comment).
                CancelFor(item.Meeting, occurrence, null);
            }
            else if (occurrence is not null)
            {
                item.RemovedOccurrences.Add(occurrence.OriginalDate);
            }
            else
            {
                item.Removed = true;
            }

            return new GraphResponse { Status = 204 };
        }
    }

    private void CancelFor(Meeting meeting, SeriesOccurrence? occurrence, string? comment)
    {
        if (occurrence is null)
        {
            meeting.Cancelled = true;
        }
        else
        {
            meeting.Overrides[occurrence.OriginalDate] = new OccurrenceOverride { Cancelled = true };
        }

        meeting.LastCancellationComment = comment;
        meeting.Touch(Now);
    }

    private static GraphResponse? UpdateOccurrence(GraphRequest request, Meeting meeting, SeriesOccurrence occurrence, JsonObject body)
    {
        if (EventInput.Get(body, "recurrence") is not null)
        {
            return Invalid(request, "Your request can't be completed. The recurrence can only be set on the series master.");
        }

        if (SeriesOnlyFields.FirstOrDefault(f => EventInput.Has(body, f)) is { } seriesOnly)
        {
            return Invalid(request, $"Your request can't be completed. '{seriesOnly}' can only be changed on the series master.");
        }

        GraphResponse? error = null;
        var start = EventInput.Has(body, "start") ? EventInput.DateTimeTimeZone(request, body, "start", out error) : null;
        if (error is not null)
        {
            return error;
        }

        var end = EventInput.Has(body, "end") ? EventInput.DateTimeTimeZone(request, body, "end", out error) : null;
        if (error is not null)
        {
            return error;
        }

        var newStart = start ?? occurrence.StartTime;
        var newEnd = end ?? (start is not null ? new ZonedTime(start.Local.Plus(meeting.Length), start.ZoneName, start.Zone) : occurrence.EndTime);
        if (newEnd.Instant < newStart.Instant)
        {
            return Invalid(request, "Your request can't be completed. The end of the event must not be before its start.");
        }

        if (start is not null && CrossesNeighbour(meeting, occurrence.OriginalDate, newStart.Instant))
        {
            return GraphErrors.BadRequest(request,
                "Your request can't be completed. An occurrence can't be moved to or beyond the day of the previous or the next occurrence.",
                "ErrorOccurrenceCrossingBoundary");
        }

        EventBody? newBody = null;
        if (EventInput.Has(body, "body"))
        {
            newBody = EventInput.Body(request, body, out error);
            if (error is not null)
            {
                return error;
            }
        }

        if (!meeting.Overrides.TryGetValue(occurrence.OriginalDate, out var change))
        {
            change = new OccurrenceOverride();
            meeting.Overrides[occurrence.OriginalDate] = change;
        }

        if (start is not null || end is not null)
        {
            change.Start = newStart;
            change.End = newEnd;
        }

        if (EventInput.Has(body, "subject"))
        {
            change.Subject = EventInput.Text(body, "subject") ?? string.Empty;
        }

        if (newBody is not null)
        {
            change.Body = newBody;
        }

        return null;
    }

    // Outlook keeps occurrences in order: one may move only within the days strictly between its neighbours' days.
    private static bool CrossesNeighbour(Meeting meeting, LocalDate originalDate, Instant newStart)
    {
        var zone = meeting.SeriesZone;
        var newDate = newStart.InZone(zone).Date;
        SeriesOccurrence? previous = null;
        SeriesOccurrence? next = null;
        foreach (var date in meeting.Recurrence!.Dates())
        {
            if (date < originalDate)
            {
                previous = meeting.Occurrence(date) ?? previous;
            }
            else if (date > originalDate && meeting.Occurrence(date) is { } following)
            {
                next = following;
                break;
            }
        }

        return (previous is not null && newDate <= previous.Start.InZone(zone).Date)
            || (next is not null && newDate >= next.Start.InZone(zone).Date);
    }

    private GraphResponse? UpdateMeeting(GraphRequest request, Meeting meeting, JsonObject body)
    {
        GraphResponse? error = null;
        var start = EventInput.Has(body, "start") ? EventInput.DateTimeTimeZone(request, body, "start", out error) : null;
        if (error is not null)
        {
            return error;
        }

        var end = EventInput.Has(body, "end") ? EventInput.DateTimeTimeZone(request, body, "end", out error) : null;
        if (error is not null)
        {
            return error;
        }

        var newStart = start ?? meeting.Start;
        var newEnd = end ?? meeting.End;
        if (newEnd.Instant < newStart.Instant)
        {
            return Invalid(request, "Your request can't be completed. The end of the event must not be before its start.");
        }

        var recurrence = meeting.Recurrence;
        if (EventInput.Has(body, "recurrence"))
        {
            var node = EventInput.Get(body, "recurrence");
            if (node is null)
            {
                recurrence = null;
            }
            else
            {
                recurrence = SeriesRecurrence.Parse(node, newStart.Local.Date, newStart.ZoneName, out var recurrenceError, out var bodyRead);
                if (recurrence is null)
                {
                    return GraphErrors.BadRequest(request, recurrenceError!, bodyRead ? "RequestBodyRead" : "ErrorInvalidRequest");
                }
            }
        }
        else if (recurrence is not null && recurrence.StartDate != newStart.Local.Date)
        {
            return Invalid(request,
                $"The recurrence range's startDate ({recurrence.StartDate:yyyy-MM-dd}) must be the date of the event's start ({newStart.Local.Date:yyyy-MM-dd}): send the recurrence with the new start.");
        }

        EventBody? newBody = null;
        if (EventInput.Has(body, "body"))
        {
            newBody = EventInput.Body(request, body, out error);
            if (error is not null)
            {
                return error;
            }
        }

        List<Attendee>? attendees = null;
        if (EventInput.Has(body, "attendees"))
        {
            attendees = EventInput.Attendees(request, body, context.Seed, out error);
            if (error is not null)
            {
                return error;
            }
        }

        var online = OnlineMeeting(request, body, out error);
        if (error is not null)
        {
            return error;
        }

        // Changing only the range (ending a series early) keeps moved occurrences; a new time or pattern does not.
        var timeChanged = newStart != meeting.Start || newEnd != meeting.End
            || (recurrence is null) != (meeting.Recurrence is null)
            || (recurrence is not null && !recurrence.SamePattern(meeting.Recurrence!));
        meeting.Start = newStart;
        meeting.End = newEnd;
        meeting.Recurrence = recurrence;
        KeepValidOverrides(meeting, timeChanged);

        if (EventInput.Has(body, "subject"))
        {
            meeting.Subject = EventInput.Text(body, "subject") ?? string.Empty;
        }

        if (newBody is not null)
        {
            // As in Exchange, the new body replaces the old one wholesale (a Teams join block in it is gone).
            meeting.Body = newBody;
        }

        if (EventInput.Has(body, "location"))
        {
            meeting.Location = LocationName(body);
        }

        ApplySimpleFields(meeting, body);
        if (online.IsOnline && meeting.JoinUrl is null)
        {
            EnableOnlineMeeting(meeting);
        }

        if (attendees is not null)
        {
            meeting.Attendees = attendees;
            store.SyncAttendeeCopies(meeting, context.Seed);
        }

        return null;
    }

    // When the series' time or pattern changes, moved occurrences snap back to the pattern (their time changes are
    // dropped); cancellations and retitled occurrences stay where their date is still one of the pattern's.
    private static void KeepValidOverrides(Meeting meeting, bool timeChanged)
    {
        foreach (var (date, change) in meeting.Overrides.ToList())
        {
            if (timeChanged)
            {
                change.Start = null;
                change.End = null;
            }

            if (!meeting.IsPatternDate(date) || (!change.Cancelled && !change.IsException))
            {
                meeting.Overrides.Remove(date);
            }
        }
    }

    private static void ApplySimpleFields(Meeting meeting, JsonObject body)
    {
        if (EventInput.Bool(body, "allowNewTimeProposals") is { } allow)
        {
            meeting.AllowNewTimeProposals = allow;
        }

        if (EventInput.Bool(body, "responseRequested") is { } responseRequested)
        {
            meeting.ResponseRequested = responseRequested;
        }

        if (EventInput.Bool(body, "hideAttendees") is { } hide)
        {
            meeting.HideAttendees = hide;
        }

        if (EventInput.Bool(body, "isReminderOn") is { } reminder)
        {
            meeting.IsReminderOn = reminder;
        }

        if (EventInput.Get(body, "reminderMinutesBeforeStart") is JsonValue minutes && minutes.TryGetValue<int>(out var reminderMinutes))
        {
            meeting.ReminderMinutesBeforeStart = reminderMinutes;
        }

        if (EventInput.Text(body, "showAs") is { Length: > 0 } showAs)
        {
            meeting.ShowAs = showAs.Equals("workingElsewhere", StringComparison.OrdinalIgnoreCase) ? "workingElsewhere" : showAs.ToLowerInvariant();
        }

        if (EventInput.Text(body, "importance") is { Length: > 0 } importance)
        {
            meeting.Importance = importance.ToLowerInvariant();
        }

        if (EventInput.Text(body, "sensitivity") is { Length: > 0 } sensitivity)
        {
            meeting.Sensitivity = sensitivity.ToLowerInvariant();
        }

        if (EventInput.Get(body, "categories") is JsonArray categories)
        {
            meeting.Categories = [.. categories.Select(JsonParameters.String).OfType<string>()];
        }
    }

    private static string? LocationName(JsonObject body) =>
        EventInput.Get(body, "location") is JsonObject location && EventInput.Text(location, "displayName") is { Length: > 0 } name ? name : null;

    private static (bool IsOnline, string? Provider) OnlineMeeting(GraphRequest request, JsonObject body, out GraphResponse? error)
    {
        error = null;
        var provider = EventInput.Text(body, "onlineMeetingProvider");
        if (provider is not null && !(provider.Equals("teamsForBusiness", StringComparison.OrdinalIgnoreCase) || provider.Equals("unknown", StringComparison.OrdinalIgnoreCase)))
        {
            error = Invalid(request, $"Your request can't be completed. The online meeting provider '{provider}' is not allowed for this calendar (allowedOnlineMeetingProviders: teamsForBusiness).");
            return default;
        }

        var teams = provider is not null && provider.Equals("teamsForBusiness", StringComparison.OrdinalIgnoreCase);
        return (EventInput.Bool(body, "isOnlineMeeting") == true, teams ? "teamsForBusiness" : null);
    }

    private void EnableOnlineMeeting(Meeting meeting)
    {
        var thread = Convert.ToBase64String(meeting.Uid.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        meeting.IsOnlineMeeting = true;
        meeting.OnlineMeetingProvider = "teamsForBusiness";
        meeting.JoinUrl = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{thread}%40thread.v2/0?context=%7b%22Tid%22%3a%22{tenantId}%22%2c%22Oid%22%3a%22{meeting.Organizer.User.Id}%22%7d";
        meeting.ConferenceId = (BitConverter.ToUInt32(meeting.Uid.ToByteArray(), 0) % 900_000_000 + 100_000_000).ToString(CultureInfo.InvariantCulture);
        meeting.Body = EventBodies.WithJoinBlock(meeting.Body, meeting.JoinUrl, meeting.ConferenceId);
    }

    private (CalendarItem Item, SeriesOccurrence? Occurrence)? Resolve(Mailbox mailbox, string id) =>
        new EventReads(context, store).Resolve(mailbox, id);

    private GraphResponse Entity(Mailbox mailbox, JsonObject json, OutputZoneResult zone, int status)
    {
        var result = new JsonObject { ["@odata.context"] = context.Metadata($"users('{mailbox.User.Id}')/events/$entity") };
        foreach (var (name, value) in json)
        {
            result[name] = value?.DeepClone();
        }

        return EventReads.WithPreference(GraphResponse.Ok(result, status), zone);
    }

    private static JsonObject? Payload(GraphRequest request) => request.BodyError is null ? request.Body as JsonObject : null;

    private static GraphResponse EmptyPayload(GraphRequest request) =>
        GraphErrors.BadRequest(request, "Empty Payload. JSON content expected.", "BadRequest");

    private static GraphResponse Invalid(GraphRequest request, string message) => GraphErrors.BadRequest(request, message, "ErrorInvalidRequest");
}
