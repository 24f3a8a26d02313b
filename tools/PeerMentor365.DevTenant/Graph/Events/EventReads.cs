using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>GET an event, list a mailbox's events ($filter on iCalUId), list a series' instances in a window.</summary>
internal sealed partial class EventReads(GraphContext context, EventStore store)
{
    /// <summary>The Calendar API's default page size.</summary>
    public const int DefaultPageSize = 10;

    public const int MaxPageSize = 1000;

    public GraphResponse Get(GraphRequest request, Mailbox mailbox, string id)
    {
        var select = EventInput.Select(request, out var selectError);
        if (selectError is not null)
        {
            return selectError;
        }

        var zone = GraphFormats.ResolveOutputZone(request);
        if (zone.UnsupportedName is not null)
        {
            return GraphErrors.TimeZoneNotSupported(request, zone.UnsupportedName);
        }

        JsonObject json;
        lock (store.Gate)
        {
            var found = Resolve(mailbox, id);
            if (found is null)
            {
                return NotFound(request);
            }

            var (item, occurrence) = found.Value;
            json = occurrence is null ? EventJson.Item(item, zone.Zone) : EventJson.Occurrence(item, occurrence, zone.Zone);
        }

        var result = new JsonObject { ["@odata.context"] = context.Metadata($"users('{mailbox.User.Id}')/events{SelectSuffix(select)}/$entity") };
        foreach (var (name, value) in EventJson.Select(json, select))
        {
            result[name] = value?.DeepClone();
        }

        return WithPreference(GraphResponse.Ok(result), zone);
    }

    public GraphResponse List(GraphRequest request, Mailbox mailbox)
    {
        var select = EventInput.Select(request, out var selectError);
        if (selectError is not null)
        {
            return selectError;
        }

        var zone = GraphFormats.ResolveOutputZone(request);
        if (zone.UnsupportedName is not null)
        {
            return GraphErrors.TimeZoneNotSupported(request, zone.UnsupportedName);
        }

        string? iCalUId = null;
        if (request.Option("filter") is { Length: > 0 } filter)
        {
            var match = ICalUIdFilter().Match(filter);
            if (!match.Success)
            {
                return GraphErrors.BadRequest(request, $"Invalid filter clause: the dev tenant filters events only with iCalUId eq '…' (got '{filter}').", "ErrorInvalidUrlQueryFilter");
            }

            iCalUId = match.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
        }

        var paging = Paging(request, out var pagingError);
        if (pagingError is not null)
        {
            return pagingError;
        }

        List<JsonObject> all;
        lock (store.Gate)
        {
            all = [.. store.ItemsOf(mailbox)
                .Where(i => iCalUId is null || string.Equals(i.Meeting.ICalUId, iCalUId, StringComparison.OrdinalIgnoreCase))
                .Select(i => EventJson.Item(i, zone.Zone))];
        }

        return Page(request, $"users('{mailbox.User.Id}')/events{SelectSuffix(select)}", all, select, paging, zone);
    }

    public GraphResponse Instances(GraphRequest request, Mailbox mailbox, string id)
    {
        var select = EventInput.Select(request, out var selectError);
        if (selectError is not null)
        {
            return selectError;
        }

        var zone = GraphFormats.ResolveOutputZone(request);
        if (zone.UnsupportedName is not null)
        {
            return GraphErrors.TimeZoneNotSupported(request, zone.UnsupportedName);
        }

        var startText = request.Option("startDateTime");
        var endText = request.Option("endDateTime");
        if (string.IsNullOrWhiteSpace(startText) || string.IsNullOrWhiteSpace(endText))
        {
            return GraphErrors.BadRequest(request, "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.", "ErrorInvalidParameter");
        }

        if (!TryInstant(startText, out var from) || !TryInstant(endText, out var to))
        {
            return GraphErrors.BadRequest(request, "The value of the query string parameter StartDateTime or EndDateTime is not a valid date and time.", "ErrorInvalidParameter");
        }

        var paging = Paging(request, out var pagingError);
        if (pagingError is not null)
        {
            return pagingError;
        }

        List<JsonObject> all;
        lock (store.Gate)
        {
            var found = Resolve(mailbox, id);
            if (found is null)
            {
                return NotFound(request);
            }

            var (item, occurrence) = found.Value;
            all = occurrence is not null || !item.Meeting.IsSeries
                ? []
                : [.. item.Meeting.OccurrencesOverlapping(from, to)
                    .Where(o => !item.RemovedOccurrences.Contains(o.OriginalDate))
                    .OrderBy(o => o.Start)
                    .Select(o => EventJson.Occurrence(item, o, zone.Zone))];
        }

        return Page(request, $"users('{mailbox.User.Id}')/events('{id}')/instances{SelectSuffix(select)}", all, select, paging, zone);
    }

    /// <summary>The mailbox's item and, for an occurrence id, the occurrence; null when the mailbox has no such (visible) event.</summary>
    public (CalendarItem Item, SeriesOccurrence? Occurrence)? Resolve(Mailbox mailbox, string id)
    {
        if (!EventIds.TryParse(id, out var core, out var date) || store.Find(core) is not { } item
            || !ReferenceEquals(item.Mailbox, mailbox) || !item.Visible)
        {
            return null;
        }

        if (date is not { } originalDate)
        {
            return (item, null);
        }

        if (!item.Meeting.IsSeries || item.RemovedOccurrences.Contains(originalDate) || !item.Meeting.IsPatternDate(originalDate)
            || item.Meeting.Occurrence(originalDate) is not { } occurrence)
        {
            return null;
        }

        return (item, occurrence);
    }

    public static GraphResponse NotFound(GraphRequest request) =>
        GraphErrors.Create(request, 404, "ErrorItemNotFound", "The specified object was not found in the store.");

    public static GraphResponse WithPreference(GraphResponse response, OutputZoneResult zone)
    {
        if (zone.PreferenceApplied is { } applied)
        {
            response.Headers["Preference-Applied"] = applied;
        }

        return response;
    }

    private GraphResponse Page(GraphRequest request, string contextPath, List<JsonObject> all, IReadOnlyList<string>? select, (int Top, int Skip) paging, OutputZoneResult zone)
    {
        var values = new JsonArray();
        foreach (var json in all.Skip(paging.Skip).Take(paging.Top))
        {
            values.Add(EventJson.Select(json, select));
        }

        var result = new JsonObject { ["@odata.context"] = context.Metadata(contextPath) };
        if (paging.Skip + paging.Top < all.Count)
        {
            var query = request.Query
                .Where(p => !string.Equals(p.Key.TrimStart('$'), "skip", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
            query["$skip"] = (paging.Skip + paging.Top).ToString(CultureInfo.InvariantCulture);
            result["@odata.nextLink"] = QueryHelpers.AddQueryString(context.GraphBaseUrl + request.Path, query);
        }

        result["value"] = values;
        return WithPreference(GraphResponse.Ok(result), zone);
    }

    private static (int Top, int Skip) Paging(GraphRequest request, out GraphResponse? error)
    {
        error = null;
        var top = DefaultPageSize;
        if (request.Option("top") is { Length: > 0 } topText
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxPageSize))
        {
            error = GraphErrors.BadRequest(request, $"Invalid $top value '{topText}': use 1 to {MaxPageSize}.", "ErrorInvalidParameter");
            return default;
        }

        var skip = 0;
        if (request.Option("skip") is { Length: > 0 } skipText && !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            error = GraphErrors.BadRequest(request, $"Invalid $skip value '{skipText}'.", "ErrorInvalidParameter");
            return default;
        }

        return (top, skip);
    }

    private static string SelectSuffix(IReadOnlyList<string>? select) => select is null ? string.Empty : $"({string.Join(',', select)})";

    // Query-string times: ISO 8601 with an offset, or UTC when none is given (Prefer does not apply to them).
    private static bool TryInstant(string text, out Instant instant)
    {
        instant = default;
        // An unencoded '+' of an offset arrives as a space.
        var trimmed = text.Trim().Replace(' ', '+');
        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        instant = Instant.FromDateTimeOffset(parsed);
        return true;
    }

    [GeneratedRegex(@"^\s*iCalUId\s+eq\s+'(?<value>(?:[^']|'')*)'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ICalUIdFilter();
}
