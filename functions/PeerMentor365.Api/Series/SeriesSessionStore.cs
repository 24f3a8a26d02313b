using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Series;

/// <summary>Where a session's agenda page is.</summary>
internal static class PageState
{
    public const string None = "none";
    public const string Creating = "creating";
    public const string Ready = "ready";
}

/// <summary>A session's agenda page once it exists.</summary>
internal sealed record AgendaPageRef(string Id, string Title, string WebUrl, string ClientUrl);

/// <summary>The result of claiming a session's page: the claimed row, and whether an earlier claim lapsed (so look the page up first).</summary>
internal sealed record PageClaim(SessionRow Session, bool EarlierClaimLapsed);

/// <summary>
/// Sessions of a series, shared with the nightly job (issue 5). A series session's id is deterministic
/// (<see cref="SessionId"/>), so two writers preparing the same occurrence collide on insert instead of making two rows;
/// its page is created under a claim (ETag-conditional PageState=creating with a lease) so only one writer creates it.
/// </summary>
internal sealed class SeriesSessionStore(PairPartitions partitions)
{
    /// <summary>How long a page claim holds.</summary>
    public static readonly Duration PageLease = Duration.FromMinutes(5);

    /// <summary>s_ + the countdown of <paramref name="originalStart"/> + 7 characters of a hash of the series id.</summary>
    public static string SessionId(string seriesId, Instant originalStart) => Ids.Deterministic(Ids.Session, originalStart, seriesId);

    /// <summary>Whose turn it is in session <paramref name="index"/> (0-based) of a series: the first focus, then the members in order.</summary>
    public static string FocusFor(Pair pair, string firstFocusUserId, int index)
    {
        var first = Math.Max(0, pair.Members.ToList().FindIndex(member => member.UserId == firstFocusUserId));
        return pair.Members[(first + index) % pair.Members.Count].UserId;
    }

    public async Task<SessionRow?> FindAsync(string pairId, string sessionId, CancellationToken cancellationToken) =>
        await partitions.GetAsync<SessionRow>(pairId, PairKeys.ItemRow(sessionId), cancellationToken) is { Kind: PairKeys.SessionKind } row ? row : null;

    /// <summary>
    /// The session of <paramref name="seriesId"/> at <paramref name="originalStart"/>: inserted with the given times and
    /// focus if it is not there yet, else read as it is (its time may have moved since; its identity has not).
    /// </summary>
    public async Task<SessionRow> InsertOrReadAsync(
        string pairId, string seriesId, Instant originalStart, Instant start, Instant end, string focusUserId, string? eventId, Instant now, CancellationToken cancellationToken)
    {
        var id = SessionId(seriesId, originalStart);
        var row = new SessionRow
        {
            PartitionKey = PairKeys.PairPartition(pairId),
            RowKey = PairKeys.ItemRow(id),
            Start = start.ToDateTimeOffset(),
            End = end.ToDateTimeOffset(),
            FocusUserId = focusUserId,
            CreatedAt = now.ToDateTimeOffset(),
            SeriesId = seriesId,
            OriginalStart = originalStart.ToDateTimeOffset(),
            EventId = eventId,
            PageState = PageState.None,
        };
        try
        {
            row.ETag = await partitions.AddAsync(row, cancellationToken);
            return row;
        }
        catch (RequestFailedException failed) when (failed.Status == StatusCodes.Status409Conflict)
        {
            return await FindAsync(pairId, id, cancellationToken)
                ?? throw new InvalidOperationException("A series session collided on insert but could not be read back.");
        }
    }

    /// <summary>
    /// Claims the page of <paramref name="session"/> for <see cref="PageLease"/>: null when it is ready or another
    /// writer's claim is live. A lapsed claim is taken over (and reported, so the caller looks the page up before creating it).
    /// </summary>
    /// <param name="session">The session row as read (its ETag is the condition).</param>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="takeOverLiveClaim">Treat a live claim as lapsed: only for a writer that knows every earlier claim
    /// was its own (the series creation, which holds the series' lease, for the first session).</param>
    public async Task<PageClaim?> TryClaimPageAsync(SessionRow session, Instant now, CancellationToken cancellationToken, bool takeOverLiveClaim = false)
    {
        if (session.PageState == PageState.Ready)
        {
            return null;
        }

        var lapsed = session.PageState == PageState.Creating;
        if (lapsed && !takeOverLiveClaim && session.PageLeaseUntil is { } until && Instant.FromDateTimeOffset(until) > now)
        {
            return null;
        }

        session.PageState = PageState.Creating;
        session.PageLeaseUntil = now.Plus(PageLease).ToDateTimeOffset();
        var etag = await partitions.ReplaceAsync(session, session.ETag, cancellationToken);
        if (etag is not { } saved)
        {
            return null;
        }

        session.ETag = saved;
        return new PageClaim(session, lapsed);
    }

    /// <summary>Records the page (ready) on the claimed session; false when the claim was lost meanwhile.</summary>
    public async Task<bool> MarkPageReadyAsync(SessionRow session, AgendaPageRef page, CancellationToken cancellationToken)
    {
        session.PageState = PageState.Ready;
        session.PageId = page.Id;
        session.PageTitle = page.Title;
        session.PageWebUrl = page.WebUrl;
        session.PageClientUrl = page.ClientUrl;
        session.PageLeaseUntil = null;
        var etag = await partitions.ReplaceAsync(session, session.ETag, cancellationToken);
        if (etag is not { } saved)
        {
            return false;
        }

        session.ETag = saved;
        return true;
    }

    /// <summary>The series' sessions (any state), earliest original start first.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListAsync(string pairId, string seriesId, CancellationToken cancellationToken) =>
        [.. (await partitions.QueryAsync<SessionRow>(pairId, Ids.Session + "_", TableClient.CreateQueryFilter($"Kind eq {PairKeys.SessionKind} and SeriesId eq {seriesId}"), cancellationToken))
            .OrderBy(row => row.OriginalStart)];

    public static AgendaPageRef? PageOf(SessionRow session) =>
        session.PageState == PageState.Ready && session.PageId is not null
            ? new AgendaPageRef(session.PageId, session.PageTitle ?? string.Empty, session.PageWebUrl ?? string.Empty, session.PageClientUrl ?? string.Empty)
            : null;
}
