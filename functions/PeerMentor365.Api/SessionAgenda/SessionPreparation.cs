using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using NodaTime;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Goals;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.OneNote;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// The nightly preparation (docs/agenda-api.md): for every active series, as its organizer, each occurrence starting in
/// the next <see cref="Window"/> gets its session row and its agenda page, with the still-open commitments carried over
/// and whose turn it is. A page is created only under a claim on its session (ETag-conditional, with a lease), and a
/// lapsed claim means an earlier run may have created it, so the page is looked up by title first: running twice, on
/// two instances at once, or again after a crash leaves exactly one page per session.
/// </summary>
internal sealed partial class SessionPreparation(
    SeriesIndexReader index,
    SeriesStore series,
    SeriesSessionStore sessions,
    PairStore pairs,
    CommitmentStore commitments,
    GoalStore goals,
    IBackgroundGraphAccess background,
    OneNoteGateway oneNote,
    ILogger<SessionPreparation> logger)
{
    /// <summary>How far ahead sessions are prepared.</summary>
    public static readonly Duration Window = Duration.FromHours(48);

    private const string PageStep = "page";
    private static readonly string[] OccurrenceFields = ["id", "type", "start", "end", "originalStart", "isCancelled"];

    public async Task<PreparationSummary> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        var summary = PreparationSummary.Empty;
        foreach (var active in await index.ListActiveAsync(cancellationToken))
        {
            summary = summary.Add(await PrepareSeriesAsync(active, now, cancellationToken));
        }

        return summary;
    }

    private async Task<PreparationSummary> PrepareSeriesAsync(SeriesIndexRow active, Instant now, CancellationToken cancellationToken)
    {
        var seriesId = active.SeriesId ?? string.Empty;
        var stored = (await series.FindAsync(active.PairId, seriesId, cancellationToken))?.Value;
        if (stored is { Status: not SeriesStatus.Active })
        {
            // Ended (or not yet created) while its index row lingers: nothing to prepare, nothing wrong.
            return PreparationSummary.Empty;
        }

        var counted = PreparationSummary.Empty with { Series = 1 };
        var pair = await pairs.FindAsync(active.PairId, cancellationToken);
        if (stored is not { Event.Id: { Length: > 0 }, Section.Id: { Length: > 0 } } || pair is null
            || SeriesOccurrences.Of(stored) is not { } plan)
        {
            return counted with { SeriesFailed = 1 };
        }

        GraphServiceClient? graph;
        IReadOnlyList<Event> occurrences;
        try
        {
            graph = await background.ForAsync(seriesId, cancellationToken);
            if (graph is null)
            {
                return counted with { SeriesWithoutGrant = 1 };
            }

            occurrences = await OccurrencesAsync(graph, stored.Event.Id, now, cancellationToken);
        }
        catch (Exception failure) when (IsGraphFailure(failure))
        {
            LogSeriesFailed(logger, failure.GetType().Name);
            return counted with { SeriesFailed = 1 };
        }

        var context = new SeriesContext(graph, pair.Value, stored, plan);
        foreach (var occurrence in occurrences)
        {
            counted = counted.Add(await PrepareSessionAsync(context, occurrence, now, cancellationToken));
        }

        return counted;
    }

    private async Task<PreparationSummary> PrepareSessionAsync(SeriesContext series, Event occurrence, Instant now, CancellationToken cancellationToken)
    {
        var counted = PreparationSummary.Empty with { Sessions = 1 };
        var originalStart = Instant.FromDateTimeOffset(occurrence.OriginalStart!.Value);
        var start = GraphTimes.ToInstant(occurrence.Start) ?? originalStart;
        var end = GraphTimes.ToInstant(occurrence.End) is { } e && e > start ? e : start + series.Plan.Length;
        try
        {
            var focus = SeriesSessionStore.FocusFor(series.Pair, series.Stored.FirstFocusUserId, series.Plan.IndexOf(originalStart));
            var session = await sessions.InsertOrReadAsync(series.Pair.Id, series.Stored.Id, originalStart, start, end, focus, occurrence.Id, now, cancellationToken);
            session = await FollowMoveAsync(session, start, end, occurrence.Id, cancellationToken);
            var page = session.Value.Page;
            if (page.State == PageState.Ready)
            {
                return counted with { PagesAlreadyReady = 1 };
            }

            // The title is the look-up key: a claim keeps the one it was made with, so a recovery looks for that title
            // even if the session moved to another day in between.
            var keepTitle = page.State == PageState.Creating && !string.IsNullOrEmpty(page.Title);
            var claim = await sessions.TryClaimPageAsync(
                session, now, cancellationToken, title: keepTitle ? null : OneNoteNames.PageTitle(session.Value.Start, series.Plan.Zone));
            if (claim is null)
            {
                return counted with { ClaimedElsewhere = 1 };
            }

            var claimed = claim.Session;
            var title = claimed.Value.Page.Title!;
            if (claim.EarlierClaimLapsed
                && await oneNote.FindPageAsync(series.Graph, series.Stored.OrganizerId, "/me", series.Stored.Section.Id!, title, cancellationToken) is { } earlier)
            {
                return await sessions.MarkPageReadyAsync(claimed, Ref(earlier), cancellationToken) is not null
                    ? counted with { PagesRecovered = 1 }
                    : counted with { ClaimedElsewhere = 1 };
            }

            var created = await CreatePageAsync(series, claimed.Value, title, cancellationToken);
            if (created is null)
            {
                return counted with { SessionsFailed = 1 };
            }

            return await sessions.MarkPageReadyAsync(claimed, Ref(created), cancellationToken) is not null
                ? counted with { PagesCreated = 1 }
                : counted with { SessionsFailed = 1 };
        }
        catch (Exception failure) when (IsGraphFailure(failure))
        {
            // The claim stays until its lease lapses; the next run looks the page up by title before creating it.
            LogSessionFailed(logger, failure.GetType().Name);
            return counted with { SessionsFailed = 1 };
        }
    }

    /// <summary>A session whose occurrence moved keeps its identity; its row follows the new time.</summary>
    private async Task<Versioned<Session>> FollowMoveAsync(Versioned<Session> session, Instant start, Instant end, string? eventId, CancellationToken cancellationToken)
    {
        var stored = session.Value;
        if (stored.Start == start && stored.End == end && stored.Occurrence?.EventId == eventId)
        {
            return session;
        }

        var moved = stored with { Start = start, End = end, Occurrence = stored.Occurrence! with { EventId = eventId } };
        // Someone else wrote the row meanwhile (a claim, a page): take theirs; the next run moves it if still needed.
        return await sessions.ReplaceAsync(session, moved, cancellationToken)
            ?? await sessions.FindAsync(stored.PairId, stored.Id, cancellationToken)
            ?? throw new InvalidOperationException("A series session disappeared while it was being prepared.");
    }

    private async Task<PageInfo?> CreatePageAsync(SeriesContext series, Session session, string title, CancellationToken cancellationToken)
    {
        var pairId = series.Pair.Id;
        var goalList = goals.ListAsync(pairId, cancellationToken);
        var open = commitments.ListAsync(pairId, Commitment.StatusName(CommitmentStatus.Open), null, cancellationToken);
        await Task.WhenAll(goalList, open);
        var originalStart = session.Occurrence?.OriginalStart ?? session.Start;
        var xhtml = AgendaPageBuilder.Build(new AgendaPageContent(
            title,
            session.Start,
            series.Plan.Zone,
            [.. series.Pair.Members.Select(member => new AgendaPerson(member.UserId, member.DisplayName))],
            session.FocusUserId,
            series.Pair.Agreement.Purpose,
            [.. (await goalList).Select(goal => goal.Value).Where(goal => goal.Status == GoalStatus.Active).Select(goal => new AgendaGoal(goal.OwnerId, goal.Title, goal.Progress))],
            [.. (await open).Select(item => item.Value).Select(item => new AgendaCommitment(item.Id, item.OwnerId, item.Text, item.Due))],
            series.Plan.StartAfter(originalStart)));

        using var result = await oneNote.SendBatchAsync(
            series.Graph,
            series.Stored.OrganizerId,
            [new GraphBatchStep(PageStep, () => OneNoteGateway.CreatePageRequest(series.Graph, "/me", series.Stored.Section.Id!, xhtml))],
            1,
            cancellationToken);
        if (!result.Succeeded(PageStep))
        {
            LogPageRefused(logger, result.StatusOf(PageStep));
            return null;
        }

        return OneNoteGateway.ReadPage(result.Body(PageStep));
    }

    /// <summary>The organizer's occurrences of the series starting from now to now + <see cref="Window"/> (cancelled ones left out).</summary>
    private static async Task<IReadOnlyList<Event>> OccurrencesAsync(GraphServiceClient graph, string masterId, Instant now, CancellationToken cancellationToken)
    {
        var found = new List<Event>();
        var page = await graph.Me.Events[masterId].Instances.GetAsync(
            request =>
            {
                request.QueryParameters.StartDateTime = Wire.Format(now);
                request.QueryParameters.EndDateTime = Wire.Format(now + Window);
                request.QueryParameters.Select = OccurrenceFields;
            },
            cancellationToken);
        while (page is not null)
        {
            found.AddRange((page.Value ?? []).Where(occurrence => occurrence.OriginalStart is not null && occurrence.IsCancelled != true));
            page = page.OdataNextLink is { Length: > 0 } next
                ? await graph.Me.Events[masterId].Instances.WithUrl(next).GetAsync(cancellationToken: cancellationToken)
                : null;
        }

        // An occurrence already under way is today's session: it is prepared too (instances overlap the window).
        return found;
    }

    private static AgendaPageRef Ref(PageInfo page) => new(page.Id, page.Title, page.WebUrl, page.ClientUrl);

    private static bool IsGraphFailure(Exception failure) =>
        failure is ApiException or GraphUnavailableException or HttpRequestException or AggregateException { InnerExceptions: [ApiException, ..] }
            or TaskCanceledException { InnerException: TimeoutException };

    private sealed record SeriesContext(GraphServiceClient Graph, Pair Pair, PairSeries Stored, SeriesOccurrences Plan);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PrepareSessions: a series' occurrences could not be read ({Failure})")]
    private static partial void LogSeriesFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PrepareSessions: a session's page could not be made this time ({Failure})")]
    private static partial void LogSessionFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PrepareSessions: OneNote refused a page ({Status})")]
    private static partial void LogPageRefused(ILogger logger, int status);
}
