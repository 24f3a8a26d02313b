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
        pair.MapGet("/series/{seriesId}/occurrences", ListOccurrences).WithName("ListSeriesOccurrences")
            .AcceptsQuery(SeriesManagementRequests.From, SeriesManagementRequests.To).Produces<OccurrenceListResponse>();
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
        var series = (await store.FindAsync(stored.Value.Id, seriesId, cancellationToken))?.Value;
        if (series is null)
        {
            return PairAccess.ItemNotFound("series");
        }

        var (window, errors) = SeriesManagementRequests.ReadWindow(http.Request, clock.GetCurrentInstant());
        if (window is not { } span)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (series.Status == SeriesStatus.Creating)
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
            SeriesSessionStore.SessionId(series.Id, item.OriginalStart)))]));
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

        var (stored, ifMatch, body) = organizerChange;
        var series = stored.Value;

        var now = clock.GetCurrentInstant();
        var schedule = series.ReadableSchedule;
        var change = SeriesManagementRequests.ReadSeries(body, schedule, now);
        if (change is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        var conditional = Conditional(store, creation);
        if (await conditional.RefuseAsync(http.Response, stored, ifMatch!, NotActive(series), cancellationToken) is { } stale)
        {
            return stale;
        }

        var request = schedule with { FirstStart = change.FirstStart, AnchorZone = change.Zone, Cadence = change.Cadence, DurationMinutes = change.DurationMinutes };
        var plan = request.Plan();
        if (plan.LocalStarts.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["firstStart"] = ["No session of the series would fall before its end date."] });
        }

        var graph = graphs.For(user);
        var calendar = new SeriesCalendar(graph);
        var starts = Enumerable.Range(0, plan.LocalStarts.Count).Select(plan.StartOf).ToList();
        var length = SessionLength.FromMinutes(change.DurationMinutes);
        var current = await calendar.InstancesAsync(series.Event.Id!, Earliest(starts[0], now), starts[^1] + length.Duration, cancellationToken);
        var check = await SeriesRecheck.CheckAsync(
            schedules, graph, MemberPair.Of(http).Stored.Value, series.OrganizerId, starts, length,
            [.. current.Select(item => new Interval(item.Start, item.End))], cancellationToken);
        if (check.NeedsConfirmation && !change.AcceptWarnings)
        {
            return NeedsConfirmation(check);
        }

        var windows = TimeZoneNames.ToWindowsId(plan.Zone);
        await calendar.PatchAsync(
            series.Event.Id!,
            new Event
            {
                Start = SeriesCalendar.Local(plan.StartOf(0), plan.Zone),
                End = SeriesCalendar.Local(plan.EndOf(0), plan.Zone),
                Recurrence = SeriesInvite.Recurrence(plan, windows),
            },
            cancellationToken);

        // The Windows zone name is written with the schedule, as the event now has it.
        var rescheduled = series with { Schedule = request, AnchorWindowsZone = windows, UpdatedAt = now };
        return await conditional.SaveAsync(http.Response, stored, ifMatch!, () => SaveAsync(store, stored, rescheduled, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> RescheduleOccurrence(
        string seriesId, HttpContext http, SignedInUser user, SeriesStore store, SeriesSessionStore sessions, UserGraphClients graphs,
        ScheduleReader schedules, IClock clock, CancellationToken cancellationToken)
    {
        var (organizerChange, refused) = await ReadOrganizerChangeAsync(http, seriesId, store, withIfMatch: false, cancellationToken);
        if (organizerChange is null)
        {
            return refused!;
        }

        var series = organizerChange.Series.Value;
        var body = organizerChange.Body;

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
        if (occurrence is null || occurrence.SeriesMasterId != series.Event.Id)
        {
            return PairAccess.ItemNotFound("occurrence of this series");
        }

        var length = SessionLength.FromMinutes(series.ReadableSchedule.DurationMinutes);
        var check = await SeriesRecheck.CheckAsync(
            schedules, graph, MemberPair.Of(http).Stored.Value, series.OrganizerId, [change.Start], length,
            [new Interval(occurrence.Start, occurrence.End)], cancellationToken);
        if (check.NeedsConfirmation && !change.AcceptWarnings)
        {
            return NeedsConfirmation(check);
        }

        var zone = series.ReadableSchedule.AnchorZone;
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
        var sessionId = SeriesSessionStore.SessionId(series.Id, moved.OriginalStart);
        await SessionTimes.MoveAsync(sessions, series.PairId, sessionId, moved.Start, moved.End, cancellationToken);
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

        var series = organizerChange.Series.Value;
        var body = organizerChange.Body;

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
        if (occurrence is null || occurrence.SeriesMasterId != series.Event.Id)
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

        var (stored, ifMatch, body) = organizerChange;
        var series = stored.Value;

        var message = SeriesManagementRequests.ReadEnd(body);
        if (message is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (series.Status == SeriesStatus.Ended)
        {
            return Conflicts.NotNow("This series has already ended.");
        }

        var conditional = Conditional(store, creation);
        if (await conditional.RefuseAsync(http.Response, stored, ifMatch!, NotActive(series), cancellationToken) is { } stale)
        {
            return stale;
        }

        var now = clock.GetCurrentInstant();
        var calendar = new SeriesCalendar(graphs.For(user));
        var schedule = series.ReadableSchedule;
        var zone = schedule.AnchorZone;
        var firstStart = LocalTimePolicy.ToInstant(schedule.FirstStart, zone);
        var started = firstStart > now
            ? []
            : await calendar.InstancesAsync(series.Event.Id!, firstStart - Duration.FromDays(7), now + Duration.FromMinutes(1), cancellationToken);
        var lastStarted = started.Where(item => item.Start <= now).MaxBy(item => item.Start);
        if (lastStarted is null)
        {
            await calendar.CancelAsync(series.Event.Id!, message, cancellationToken);
        }
        else
        {
            var cutDate = lastStarted.OriginalStart.InZone(zone).Date;
            var kept = schedule with { End = new SeriesEnd(null, cutDate) };
            var existing = await calendar.BodyAsync(series.Event.Id!, cancellationToken);
            await calendar.PatchAsync(
                series.Event.Id!,
                new Event
                {
                    Body = new ItemBody { ContentType = BodyType.Html, Content = InviteMessage.InsertAtTop(existing?.Content, message) },
                    Recurrence = SeriesInvite.Recurrence(kept.Plan(), series.AnchorWindowsZone),
                },
                cancellationToken);
            series = series with { Schedule = kept, AnchorWindowsZone = TimeZoneNames.ToWindowsId(kept.AnchorZone) };
        }

        var ended = series with { Status = SeriesStatus.Ended, EndedAt = now, EndMessage = message, UpdatedAt = now };
        var answer = await conditional.SaveAsync(http.Response, stored, ifMatch!, () => SaveAsync(store, stored, ended, cancellationToken), cancellationToken);
        var index = (await tables.GetAsync(cancellationToken)).SeriesIndex;
        await index.DeleteEntityAsync(PairKeys.ActiveSeriesPartition, PairKeys.ActiveSeriesRow(series.PairId, series.Id), Azure.ETag.All, cancellationToken);
        return answer;
    }

    /// <summary>
    /// What every change starts with, in this order: the caller must organize the series (404/403), then the
    /// conditional change's If-Match when the change needs one, and a JSON object.
    /// </summary>
    private static async Task<(OrganizerChange? Change, IResult? Refused)> ReadOrganizerChangeAsync(
        HttpContext http, string seriesId, SeriesStore store, bool withIfMatch, CancellationToken cancellationToken)
    {
        var (series, denied) = await OrganizerSeriesAsync(http, seriesId, store, cancellationToken);
        if (series is null)
        {
            return (null, denied);
        }

        var (change, problem) = await ConditionalChange.ReadAsync(http.Request, withIfMatch, ChangeBody.Required, cancellationToken);
        return change is null
            ? (null, problem)
            : (new OrganizerChange(series, change.IfMatch, change.Body!), null);
    }

    private sealed record OrganizerChange(Versioned<PairSeries> Series, IfMatch? IfMatch, JsonBody Body);

    /// <summary>The series, if it exists (404) and the caller organizes it (403: only the organizer can change the meeting).</summary>
    private static async Task<(Versioned<PairSeries>? Series, IResult? Denied)> OrganizerSeriesAsync(HttpContext http, string seriesId, SeriesStore store, CancellationToken cancellationToken)
    {
        var (me, stored) = MemberPair.Of(http);
        var series = await store.FindAsync(stored.Value.Id, seriesId, cancellationToken);
        if (series is null)
        {
            return (null, PairAccess.ItemNotFound("series"));
        }

        return me == series.Value.OrganizerId
            ? (series, null)
            : (null, TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only the organizer can change the series",
                detail: "Outlook lets only the meeting's organizer change it; ask them to make this change."));
    }

    private static ProblemHttpResult? NotActive(PairSeries series) => series.Status switch
    {
        SeriesStatus.Active => null,
        SeriesStatus.Ended => Conflicts.NotNow("This series has ended."),
        _ => Conflicts.NotNow("This series is still being created; try again in a moment."),
    };

    // A series answers a stale If-Match with the series as it is now and no field list (it keeps no change log).
    private static ConditionalResource<PairSeries, SeriesResponse> Conditional(SeriesStore store, SeriesCreation creation) => new(
        (series, cancellationToken) => new ValueTask<SeriesResponse>(creation.ReadAsync(series, cancellationToken)),
        response => response.Etag,
        [],
        () => PairAccess.ItemNotFound("series"));

    /// <summary>Saves <paramref name="changed"/> at the ETag <paramref name="stored"/> was read with; when another write came first, the series as it is now (or as read, if it went).</summary>
    private static async Task<SaveResult<PairSeries>> SaveAsync(SeriesStore store, Versioned<PairSeries> stored, PairSeries changed, CancellationToken cancellationToken) =>
        await store.TrySaveAsync(changed, stored.ETag, cancellationToken) is { } saved
            ? new SaveResult<PairSeries>(saved, null)
            : new SaveResult<PairSeries>(null, await store.FindAsync(stored.Value.PairId, stored.Value.Id, cancellationToken) ?? stored);

    private static ProblemHttpResult NeedsConfirmation(SeriesCheckResult check) => SeriesRecheck.NeedsConfirmation(
        check,
        "Please confirm the new time",
        "At the new time some session clashes with someone's calendar, falls outside their working hours or on a public holiday where they work. Send the same request with acceptWarnings: true to apply it anyway.");

    private static Instant Earliest(Instant a, Instant b) => a < b ? a : b;
}
