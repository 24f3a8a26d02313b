using System.Text.Json.Serialization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>The look-up's answer: the session of one of the caller's series, or no match (never an error).</summary>
internal sealed record LookupAnswer(
    bool Match,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PairId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SeriesId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId)
{
    public static readonly LookupAnswer None = new(false, null, null, null);
}

/// <summary>
/// Which session an Outlook item is (docs/agenda-api.md): the caller's own copy of the event through Graph, its series
/// master's iCalUId (the same in every attendee's copy), the SeriesIndex, the caller's membership, then the series
/// session keyed by the occurrence's originalStart, inserted when it has no row yet.
/// </summary>
internal sealed class SessionLookup(
    UserGraphClients graphs, SeriesIndexReader index, PairStore pairs, SeriesStore series, SeriesSessionStore sessions)
{
    private static readonly string[] ItemFields = ["id", "type", "seriesMasterId", "iCalUId", "start", "end", "originalStart"];
    private static readonly string[] MasterFields = ["iCalUId"];

    public async Task<LookupAnswer> FindAsync(SignedInUser user, string me, string itemId, Instant now, CancellationToken cancellationToken)
    {
        var graph = graphs.For(user);
        var item = await ReadEventAsync(graph, itemId, ItemFields, cancellationToken);
        string? masterICalUId;
        switch (item?.Type)
        {
            case EventType.Occurrence or EventType.Exception when item.SeriesMasterId is { Length: > 0 } masterId && item.OriginalStart is not null:
                masterICalUId = (await ReadEventAsync(graph, masterId, MasterFields, cancellationToken))?.ICalUId;
                break;
            case EventType.SeriesMaster:
                masterICalUId = item.ICalUId;
                break;
            default:
                return LookupAnswer.None;
        }

        if (string.IsNullOrEmpty(masterICalUId))
        {
            return LookupAnswer.None;
        }

        foreach (var candidate in await index.FindByICalUIdAsync(masterICalUId, cancellationToken))
        {
            if (await pairs.FindForMemberAsync(candidate.PairId, me, cancellationToken) is not { } pair
                || await series.FindAsync(candidate.PairId, candidate.RowKey, cancellationToken) is not { Value: var stored }
                || SeriesOccurrences.Of(stored) is not { } plan)
            {
                continue;
            }

            var session = item.Type == EventType.SeriesMaster
                ? await NextSessionAsync(pair.Value, stored, plan, now, cancellationToken)
                : await OccurrenceSessionAsync(pair.Value, stored, plan, item, me, now, cancellationToken);
            return new LookupAnswer(true, pair.Value.Id, stored.Id, session.Value.Id);
        }

        return LookupAnswer.None;
    }

    private Task<Versioned<Session>> OccurrenceSessionAsync(
        Pair pair, PairSeries stored, SeriesOccurrences plan, Event occurrence, string me, Instant now, CancellationToken cancellationToken)
    {
        var originalStart = Instant.FromDateTimeOffset(occurrence.OriginalStart!.Value);
        var start = GraphTimes.ToInstant(occurrence.Start) ?? originalStart;
        var end = GraphTimes.ToInstant(occurrence.End) is { } e && e > start ? e : start + plan.Length;
        var focus = SeriesSessionStore.FocusFor(pair, stored.FirstFocusUserId, plan.IndexOf(originalStart));
        // Only the organizer's copy has the organizer's event id; an attendee's id means nothing to the nightly job.
        var eventId = stored.OrganizerId == me ? occurrence.Id : null;
        return sessions.InsertOrReadAsync(pair.Id, stored.Id, originalStart, start, end, focus, eventId, now, cancellationToken);
    }

    // A series master stands for the whole series: the session that has not ended yet, at its planned time when it has
    // no row (the nightly job corrects the time of a moved one from the organizer's calendar).
    private Task<Versioned<Session>> NextSessionAsync(Pair pair, PairSeries stored, SeriesOccurrences plan, Instant now, CancellationToken cancellationToken)
    {
        var (position, originalStart) = plan.NextAt(now);
        return sessions.InsertPlannedOrReadAsync(pair, stored, position, originalStart, originalStart + plan.Length, now, cancellationToken);
    }

    /// <summary>The caller's event, or null when Graph has no such item for them (gone, someone else's, an id it cannot read).</summary>
    private static async Task<Event?> ReadEventAsync(GraphServiceClient graph, string id, string[] fields, CancellationToken cancellationToken)
    {
        try
        {
            return await GraphCalls.ReadAsync(() => graph.Me.Events[id].GetAsync(request => request.QueryParameters.Select = fields, cancellationToken));
        }
        catch (ODataError error) when (error.ResponseStatusCode is 400 or 403 or 404)
        {
            return null;
        }
    }
}

/// <summary>Graph's dateTime + timeZone pairs as instants.</summary>
internal static class GraphTimes
{

    /// <summary>The instant <paramref name="value"/> denotes (UTC when its zone is not one we know); null when it cannot be read.</summary>
    public static Instant? ToInstant(DateTimeTimeZone? value)
    {
        var text = value?.DateTime?.Trim().TrimEnd('Z');
        if (string.IsNullOrEmpty(text) || Wire.Graph.ParseDateTime(text) is not { Success: true } parsed)
        {
            return null;
        }

        var zone = TimeZoneNames.Resolve(value!.TimeZone) ?? DateTimeZone.Utc;
        return parsed.Value.InZoneLeniently(zone).ToInstant();
    }
}
