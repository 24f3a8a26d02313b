using Microsoft.Graph;
using Microsoft.Graph.Me.Events.Item.Cancel;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using NodaTime;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series.Management;

/// <summary>One occurrence of a series as a caller's calendar holds it: their own id, where it is now, and where the pattern put it.</summary>
internal sealed record CalendarOccurrence(string Id, string? SeriesMasterId, Instant Start, Instant End, Instant OriginalStart, bool IsException);

/// <summary>Graph refused a change because the occurrence would move onto or past a neighbour's day.</summary>
internal sealed class OccurrenceCrossingBoundaryException() : Exception("The occurrence would cross a neighbouring occurrence.");

/// <summary>
/// The series' event in the signed-in user's own calendar (delegated): the organizer's master by its stored id, an
/// attendee's copy by the master's iCalUId; its instances; and the organizer's changes (times, recurrence, body, cancel).
/// Times are asked for in UTC.
/// </summary>
internal sealed class SeriesCalendar(GraphServiceClient graph)
{
    private const string PreferUtc = "outlook.timezone=\"UTC\"";
    private const int PageSize = 200;
    private static readonly string[] OccurrenceFields = ["id", "start", "end", "originalStart", "type", "seriesMasterId"];

    /// <summary>The caller's copy of the series: the stored master id for the organizer; else found by the master's iCalUId (null when the caller has none).</summary>
    public async Task<string?> MasterIdAsync(PairSeries series, bool isOrganizer, CancellationToken cancellationToken)
    {
        if (isOrganizer)
        {
            return series.Event.Id;
        }

        if (series.Event.ICalUId is not { } iCalUId)
        {
            return null;
        }

        var found = await Call(() => graph.Me.Events.GetAsync(
            request =>
            {
                request.QueryParameters.Filter = $"iCalUId eq '{iCalUId.Replace("'", "''", StringComparison.Ordinal)}'";
                request.QueryParameters.Select = ["id", "type"];
                request.QueryParameters.Top = 5;
            },
            cancellationToken));
        return found?.Value?.FirstOrDefault(item => item.Type == EventType.SeriesMaster)?.Id ?? found?.Value?.FirstOrDefault()?.Id;
    }

    /// <summary>The occurrences and exceptions of <paramref name="masterId"/> overlapping [from, to), by start (none when the series is gone, e.g. cancelled).</summary>
    public async Task<IReadOnlyList<CalendarOccurrence>> InstancesAsync(string masterId, Instant from, Instant to, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadInstancesAsync(masterId, from, to, cancellationToken);
        }
        catch (GraphUnavailableException unavailable) when (unavailable.InnerException is ODataError { ResponseStatusCode: StatusCodes.Status404NotFound })
        {
            return [];
        }
    }

    private async Task<IReadOnlyList<CalendarOccurrence>> ReadInstancesAsync(string masterId, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var all = new List<CalendarOccurrence>();
        var page = await Call(() => graph.Me.Events[masterId].Instances.GetAsync(
            request =>
            {
                request.QueryParameters.StartDateTime = Requests.Wire.Format(from);
                request.QueryParameters.EndDateTime = Requests.Wire.Format(to);
                request.QueryParameters.Select = OccurrenceFields;
                request.QueryParameters.Top = PageSize;
                request.Headers.Add("Prefer", PreferUtc);
            },
            cancellationToken));
        while (page is not null)
        {
            all.AddRange((page.Value ?? []).Select(Read).OfType<CalendarOccurrence>());
            var next = page.OdataNextLink;
            page = next is null
                ? null
                : await Call(() => graph.Me.Events[masterId].Instances.WithUrl(next).GetAsync(
                    request => request.Headers.Add("Prefer", PreferUtc), cancellationToken));
        }

        return [.. all.OrderBy(item => item.Start)];
    }

    /// <summary>One occurrence by the caller's id; null when Graph does not know it (or it is not an occurrence).</summary>
    public async Task<CalendarOccurrence?> OccurrenceAsync(string occurrenceId, CancellationToken cancellationToken)
    {
        try
        {
            var item = await graph.Me.Events[occurrenceId].GetAsync(
                request =>
                {
                    request.QueryParameters.Select = OccurrenceFields;
                    request.Headers.Add("Prefer", PreferUtc);
                },
                cancellationToken);
            return item is null ? null : Read(item);
        }
        catch (ODataError error) when (error.ResponseStatusCode is StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest)
        {
            return null;
        }
    }

    /// <summary>The master's body (HTML as stored) for an edit that keeps it.</summary>
    public async Task<ItemBody?> BodyAsync(string masterId, CancellationToken cancellationToken)
    {
        var master = await Call(() => graph.Me.Events[masterId].GetAsync(request => request.QueryParameters.Select = ["id", "body"], cancellationToken));
        return master?.Body;
    }

    /// <summary>Moves one occurrence: start and end only, as local times in the series' zone.</summary>
    public Task MoveOccurrenceAsync(string occurrenceId, Instant start, Instant end, DateTimeZone zone, CancellationToken cancellationToken) =>
        PatchAsync(occurrenceId, new Event { Start = Local(start, zone), End = Local(end, zone) }, cancellationToken);

    /// <summary>The organizer's change to the master: only the parts given are sent (never the body unless given).</summary>
    public async Task PatchAsync(string eventId, Event change, CancellationToken cancellationToken)
    {
        try
        {
            await graph.Me.Events[eventId].PatchAsync(change, cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.Error?.Code == "ErrorOccurrenceCrossingBoundary")
        {
            throw new OccurrenceCrossingBoundaryException();
        }
        catch (ODataError error)
        {
            throw Unavailable(error);
        }
    }

    /// <summary>Cancels the event or occurrence; the comment goes to the attendees.</summary>
    public Task CancelAsync(string eventId, string? comment, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await graph.Me.Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment ?? string.Empty }, cancellationToken: cancellationToken);
            return true;
        });

    /// <summary>Graph's dateTimeTimeZone for <paramref name="instant"/> as a local time in <paramref name="zone"/> (its Windows name).</summary>
    public static DateTimeTimeZone Local(Instant instant, DateTimeZone zone) => new()
    {
        DateTime = Wire.Graph.Format(instant.InZone(zone).LocalDateTime),
        TimeZone = TimeZoneNames.ToWindowsId(zone),
    };

    private static CalendarOccurrence? Read(Event item)
    {
        var start = ToInstant(item.Start);
        var end = ToInstant(item.End);
        if (item.Id is null || start is null || end is null)
        {
            return null;
        }

        var original = item.OriginalStart is { } at ? Instant.FromDateTimeOffset(at) : start.Value;
        return new CalendarOccurrence(item.Id, item.SeriesMasterId, start.Value, end.Value, original, item.Type == EventType.Exception);
    }

    private static Instant? ToInstant(DateTimeTimeZone? value)
    {
        var text = value?.DateTime?.Trim().TrimEnd('Z');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = Wire.Graph.ParseDateTime(text);
        if (!parsed.Success)
        {
            return null;
        }

        var zone = TimeZoneNames.Resolve(value!.TimeZone) ?? DateTimeZone.Utc;
        return LocalTimePolicy.ToInstant(parsed.Value, zone);
    }

    private static async Task<T?> Call<T>(Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError error)
        {
            throw Unavailable(error);
        }
    }

    private static GraphUnavailableException Unavailable(ODataError error) => error.ResponseStatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
        ? new GraphUnavailableException("Microsoft Graph is throttling these requests; try again shortly.", StatusCodes.Status503ServiceUnavailable, null, error)
        : new GraphUnavailableException($"Microsoft Graph refused a calendar call (HTTP {error.ResponseStatusCode}).", StatusCodes.Status502BadGateway, null, error);
}
