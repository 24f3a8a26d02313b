using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Graph.Models;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;
using PeerMentor365.Api.Suggestions;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series.Management;

internal sealed record OccurrenceResponse(
    string Id, [property: WireText(WireText.Instant)] string Start, [property: WireText(WireText.Instant)] string End, [property: WireText(WireText.Instant)] string OriginalStart, bool IsException, string SessionId);

internal sealed record OccurrenceListResponse(IReadOnlyList<OccurrenceResponse> Occurrences);

internal sealed record CancelledOccurrenceResponse(string OccurrenceId, [property: WireText(WireText.Instant)] string OriginalStart);

/// <summary>
/// Managing a series from the pane (docs/series-api.md, "Managing a series"): the caller's occurrences, and the
/// organizer's changes — reschedule the series or one session (re-checked by the scheduling core first), cancel one
/// session, end the series gracefully. Other members may read but not change (403); non-members get 404.
/// </summary>
internal static class SeriesManagementApi
{
    public static RouteGroupBuilder MapSeriesManagement(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Series");
        var pair = group.MapMemberPair();
        pair.MapGet("/series/{seriesId}/occurrences", ListOccurrences).WithName("ListSeriesOccurrences").Produces<OccurrenceListResponse>();
        pair.MapPatch("/series/{seriesId}", RescheduleSeries).WithName("RescheduleSeries")
            .AcceptsJson(SeriesManagementRequests.SeriesChange).Produces<SeriesResponse>();
        pair.MapPost("/series/{seriesId}/occurrences/reschedule", RescheduleOccurrence).WithName("RescheduleSeriesOccurrence")
            .AcceptsJson(SeriesManagementRequests.OccurrenceChange).Produces<OccurrenceResponse>();
        pair.MapPost("/series/{seriesId}/occurrences/cancel", CancelOccurrence).WithName("CancelSeriesOccurrence")
            .AcceptsJson(SeriesManagementRequests.OccurrenceCancellation).Produces<CancelledOccurrenceResponse>();
        pair.MapPost("/series/{seriesId}/end", EndSeries).WithName("EndSeries")
            .AcceptsJson(SeriesManagementRequests.Ending).Produces<SeriesResponse>();
        return group;
    }

    private static async Task<IResult> ListOccurrences(
        string seriesId, HttpContext http, SignedInUser user, SeriesStore store, UserGraphClients graphs, IClock clock, CancellationToken cancellationToken)
    {
        var (me, stored) = MemberPair.Of(http);
        var series = await store.FindAsync(stored.Value.Id, seriesId, cancellationToken);
        if (series is null)
        {
            return PairAccess.ItemNotFound("series");
        }

        var (window, errors) = SeriesManagementRequests.ReadWindow(http.Request, clock.GetCurrentInstant());
        if (window is not { } span)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (series.State == SeriesState.Creating)
        {
            return TypedResults.Ok(new OccurrenceListResponse([]));
        }

        var calendar = new SeriesCalendar(graphs.For(user));
        var masterId = await calendar.MasterIdAsync(series, me == series.OrganizerId, cancellationToken);
        if (masterId is null)
        {
            return TypedResults.Ok(new OccurrenceListResponse([]));
        }

        var items = await calendar.InstancesAsync(masterId, span.Start, span.End, cancellationToken);
        return TypedResults.Ok(new OccurrenceListResponse([.. items.Select(item => new OccurrenceResponse(
            item.Id,
            Wire.Format(item.Start),
            Wire.Format(item.End),
            Wire.Format(item.OriginalStart),
            item.IsException,
            SeriesSessionStore.SessionId(series.RowKey, item.OriginalStart)))]));
    }

    private static async Task<IResult> RescheduleSeries(
        string seriesId, HttpContext http, SignedInUser user, SeriesStore store, SeriesCreation creation, UserGraphClients graphs, ScheduleReader schedules, IClock clock,
        CancellationToken cancellationToken)
    {
        var (organizerChange, refused) = await ReadOrganizerChangeAsync(http, seriesId, store, withIfMatch: true, cancellationToken);
        if (organizerChange is null)
        {
            return refused!;
        }

        var (series, ifMatch, body) = organizerChange;

        var now = clock.GetCurrentInstant();
        var change = SeriesManagementRequests.ReadSeries(body, series, now);
        if (change is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (await StaleAsync(http, series, ifMatch!, creation, cancellationToken) is { } stale)
        {
            return stale;
        }

        if (NotActive(series) is { } notActive)
        {
            return notActive;
        }

        var request = new SeriesRequest(
            change.FirstStart,
            change.Zone,
            change.Cadence,
            change.DurationMinutes,
            new SeriesEnd(series.EndSessions, series.EndDate is null ? null : Wire.ParseDate(series.EndDate)),
            series.FirstFocusUserId);
        var plan = request.Plan();
        if (plan.LocalStarts.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["firstStart"] = ["No session of the series would fall before its end date."] });
        }

        var graph = graphs.For(user);
        var calendar = new SeriesCalendar(graph);
        var starts = Enumerable.Range(0, plan.LocalStarts.Count).Select(plan.StartOf).ToList();
        var length = SessionLength.FromMinutes(change.DurationMinutes);
        var current = await calendar.InstancesAsync(series.EventId!, Earliest(starts[0], now), starts[^1] + length.Duration, cancellationToken);
        var check = await SeriesRecheck.CheckAsync(
            schedules, graph, MemberPair.Of(http).Stored.Value, series.OrganizerId, starts, length,
            [.. current.Select(item => new Interval(item.Start, item.End))], cancellationToken);
        if (check.NeedsConfirmation && !change.AcceptWarnings)
        {
            return NeedsConfirmation(check);
        }

        var windows = TimeZoneNames.ToWindowsId(plan.Zone);
        await calendar.PatchAsync(
            series.EventId!,
            new Event
            {
                Start = SeriesCalendar.Local(plan.StartOf(0), plan.Zone),
                End = SeriesCalendar.Local(plan.EndOf(0), plan.Zone),
                Recurrence = SeriesInvite.Recurrence(plan, windows),
            },
            cancellationToken);

        series.FirstStart = SeriesRequest.FormatLocal(change.FirstStart);
        series.AnchorTimeZone = change.Zone.Id;
        series.AnchorWindowsTimeZone = windows;
        series.DurationMinutes = change.DurationMinutes;
        series.Cadence = change.Cadence.ToString();
        series.UpdatedAt = now.ToDateTimeOffset();
        return await SavedAsync(http, series, store, creation, cancellationToken);
    }

    private static async Task<IResult> RescheduleOccurrence(
        string seriesId, HttpContext http, SignedInUser user, SeriesStore store, SeriesSessionStore sessions, PairPartitions partitions, UserGraphClients graphs,
        ScheduleReader schedules, IClock clock, CancellationToken cancellationToken)
    {
        var (organizerChange, refused) = await ReadOrganizerChangeAsync(http, seriesId, store, withIfMatch: false, cancellationToken);
        if (organizerChange is null)
        {
            return refused!;
        }

        var (series, _, body) = organizerChange;

        var change = SeriesManagementRequests.ReadOccurrenceReschedule(body, clock.GetCurrentInstant());
        if (change is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (NotActive(series) is { } notActive)
        {
            return notActive;
        }

        var graph = graphs.For(user);
        var calendar = new SeriesCalendar(graph);
        var occurrence = await calendar.OccurrenceAsync(change.OccurrenceId, cancellationToken);
        if (occurrence is null || occurrence.SeriesMasterId != series.EventId)
        {
            return PairAccess.ItemNotFound("occurrence of this series");
        }

        var length = SessionLength.FromMinutes(series.DurationMinutes);
        var check = await SeriesRecheck.CheckAsync(
            schedules, graph, MemberPair.Of(http).Stored.Value, series.OrganizerId, [change.Start], length,
            [new Interval(occurrence.Start, occurrence.End)], cancellationToken);
        if (check.NeedsConfirmation && !change.AcceptWarnings)
        {
            return NeedsConfirmation(check);
        }

        var zone = DateTimeZoneProviders.Tzdb[series.AnchorTimeZone];
        try
        {
            await calendar.MoveOccurrenceAsync(occurrence.Id, change.Start, change.Start + length.Duration, zone, cancellationToken);
        }
        catch (OccurrenceCrossingBoundaryException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["start"] = ["A session cannot move onto or past the day of the session before or after it; move it to a day in between, or reschedule the series."],
            });
        }

        var moved = await calendar.OccurrenceAsync(occurrence.Id, cancellationToken) ?? occurrence with { Start = change.Start, End = change.Start + length.Duration, IsException = true };
        var sessionId = SeriesSessionStore.SessionId(series.RowKey, moved.OriginalStart);
        await SessionTimes.MoveAsync(sessions, partitions, series.PartitionKey, sessionId, moved.Start, moved.End, cancellationToken);
        return TypedResults.Ok(new OccurrenceResponse(
            moved.Id,
            Wire.Format(moved.Start),
            Wire.Format(moved.End),
            Wire.Format(moved.OriginalStart),
            moved.IsException,
            sessionId));
    }

    private static async Task<IResult> CancelOccurrence(
        string seriesId, HttpContext http, SignedInUser user, SeriesStore store, UserGraphClients graphs, CancellationToken cancellationToken)
    {
        var (organizerChange, refused) = await ReadOrganizerChangeAsync(http, seriesId, store, withIfMatch: false, cancellationToken);
        if (organizerChange is null)
        {
            return refused!;
        }

        var (series, _, body) = organizerChange;

        var cancel = SeriesManagementRequests.ReadCancel(body);
        if (cancel is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (NotActive(series) is { } notActive)
        {
            return notActive;
        }

        var calendar = new SeriesCalendar(graphs.For(user));
        var occurrence = await calendar.OccurrenceAsync(cancel.OccurrenceId, cancellationToken);
        if (occurrence is null || occurrence.SeriesMasterId != series.EventId)
        {
            return PairAccess.ItemNotFound("occurrence of this series");
        }

        await calendar.CancelAsync(occurrence.Id, cancel.Comment, cancellationToken);
        return TypedResults.Ok(new CancelledOccurrenceResponse(occurrence.Id, Wire.Format(occurrence.OriginalStart)));
    }

    private static async Task<IResult> EndSeries(
        string seriesId, HttpContext http, SignedInUser user, SeriesStore store, SeriesCreation creation, UserGraphClients graphs, MentoringTables tables, IClock clock,
        CancellationToken cancellationToken)
    {
        var (organizerChange, refused) = await ReadOrganizerChangeAsync(http, seriesId, store, withIfMatch: true, cancellationToken);
        if (organizerChange is null)
        {
            return refused!;
        }

        var (series, ifMatch, body) = organizerChange;

        var message = SeriesManagementRequests.ReadEnd(body);
        if (message is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (series.State == SeriesState.Ended)
        {
            return Conflicts.NotNow("This series has already ended.");
        }

        if (await StaleAsync(http, series, ifMatch!, creation, cancellationToken) is { } stale)
        {
            return stale;
        }

        if (NotActive(series) is { } notActive)
        {
            return notActive;
        }

        var now = clock.GetCurrentInstant();
        var calendar = new SeriesCalendar(graphs.For(user));
        var zone = DateTimeZoneProviders.Tzdb[series.AnchorTimeZone];
        var firstStart = LocalTimePolicy.ToInstant(SeriesRequest.ParseLocal(series.FirstStart), zone);
        var started = firstStart > now
            ? []
            : await calendar.InstancesAsync(series.EventId!, firstStart - Duration.FromDays(7), now + Duration.FromMinutes(1), cancellationToken);
        var lastStarted = started.Where(item => item.Start <= now).MaxBy(item => item.Start);
        if (lastStarted is null)
        {
            await calendar.CancelAsync(series.EventId!, message, cancellationToken);
        }
        else
        {
            var cutDate = lastStarted.OriginalStart.InZone(zone).Date;
            var kept = new SeriesRequest(
                SeriesRequest.ParseLocal(series.FirstStart),
                zone,
                SeriesManagementRequests.ParseCadence(series.Cadence),
                series.DurationMinutes,
                new SeriesEnd(null, cutDate),
                series.FirstFocusUserId).Plan();
            var existing = await calendar.BodyAsync(series.EventId!, cancellationToken);
            await calendar.PatchAsync(
                series.EventId!,
                new Event
                {
                    Body = new ItemBody { ContentType = BodyType.Html, Content = InviteMessage.InsertAtTop(existing?.Content, message) },
                    Recurrence = SeriesInvite.Recurrence(kept, series.AnchorWindowsTimeZone),
                },
                cancellationToken);
            series.EndSessions = null;
            series.EndDate = Wire.Format(cutDate);
        }

        series.State = SeriesState.Ended;
        series.EndedAt = now.ToDateTimeOffset();
        series.EndMessage = message;
        series.UpdatedAt = now.ToDateTimeOffset();
        var answer = await SavedAsync(http, series, store, creation, cancellationToken);
        var index = (await tables.GetAsync(cancellationToken)).SeriesIndex;
        await index.DeleteEntityAsync(PairKeys.ActiveSeriesPartition, PairKeys.ActiveSeriesRow(series.PartitionKey, series.RowKey), Azure.ETag.All, cancellationToken);
        return answer;
    }

    /// <summary>The series, if it exists (404) and the caller organizes it (403: only the organizer can change the meeting).</summary>
    /// <summary>
    /// What every change starts with, in this order: the caller must organize the series, send If-Match when the change
    /// needs one, and send a JSON object.
    /// </summary>
    private static async Task<(OrganizerChange? Change, IResult? Refused)> ReadOrganizerChangeAsync(
        HttpContext http, string seriesId, SeriesStore store, bool withIfMatch, CancellationToken cancellationToken)
    {
        var (series, denied) = await OrganizerSeriesAsync(http, seriesId, store, cancellationToken);
        if (series is null)
        {
            return (null, denied);
        }

        IfMatch? ifMatch = null;
        if (withIfMatch)
        {
            (ifMatch, var ifMatchProblem) = IfMatch.Read(http.Request);
            if (ifMatch is null)
            {
                return (null, ifMatchProblem);
            }
        }

        var (body, bodyErrors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        return body is null
            ? (null, TypedResults.ValidationProblem(bodyErrors))
            : (new OrganizerChange(series, ifMatch, body), null);
    }

    private sealed record OrganizerChange(SeriesRow Series, IfMatch? IfMatch, JsonBody Body);

    private static async Task<(SeriesRow? Series, IResult? Denied)> OrganizerSeriesAsync(HttpContext http, string seriesId, SeriesStore store, CancellationToken cancellationToken)
    {
        var (me, stored) = MemberPair.Of(http);
        var series = await store.FindAsync(stored.Value.Id, seriesId, cancellationToken);
        if (series is null)
        {
            return (null, PairAccess.ItemNotFound("series"));
        }

        return me == series.OrganizerId
            ? (series, null)
            : (null, TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only the organizer can change the series",
                detail: "Outlook lets only the meeting's organizer change it; ask them to make this change."));
    }

    private static ProblemHttpResult? NotActive(SeriesRow series) => series.State switch
    {
        SeriesState.Active => null,
        SeriesState.Ended => Conflicts.NotNow("This series has ended."),
        _ => Conflicts.NotNow("This series is still being created; try again in a moment."),
    };

    private static async Task<IResult?> StaleAsync(HttpContext http, SeriesRow series, IfMatch ifMatch, SeriesCreation creation, CancellationToken cancellationToken)
    {
        if (series.ETag == ifMatch.TableETag)
        {
            return null;
        }

        var current = await creation.ReadAsync(series, cancellationToken);
        return Conflicts.Stale(http.Response, current, current.Etag, []);
    }

    private static async Task<IResult> SavedAsync(HttpContext http, SeriesRow series, SeriesStore store, SeriesCreation creation, CancellationToken cancellationToken)
    {
        if (!await store.TrySaveAsync(series, cancellationToken))
        {
            var now = await store.FindAsync(series.PartitionKey, series.RowKey, cancellationToken) ?? series;
            var current = await creation.ReadAsync(now, cancellationToken);
            return Conflicts.Stale(http.Response, current, current.Etag, []);
        }

        var answer = await creation.ReadAsync(series, cancellationToken);
        http.Response.Headers.ETag = answer.Etag;
        return TypedResults.Ok(answer);
    }

    private static ProblemHttpResult NeedsConfirmation(SeriesCheckResult check) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Please confirm the new time",
        detail: "At the new time some session clashes with someone's calendar or falls outside their working hours. Send the same request with acceptWarnings: true to apply it anyway.",
        extensions: new Dictionary<string, object?> { ["warnings"] = SeriesRecheck.Describe(check) });

    private static Instant Earliest(Instant a, Instant b) => a < b ? a : b;
}
