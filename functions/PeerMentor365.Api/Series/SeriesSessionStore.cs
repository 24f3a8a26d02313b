using Azure;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Series;

/// <summary>The result of claiming a session's page: the claimed row, and whether an earlier claim lapsed (so look the page up first).</summary>
internal sealed record PageClaim(Versioned<Session> Session, bool EarlierClaimLapsed);

/// <summary>
/// Sessions of a series, shared with the nightly job (issue 5). A series session's id is deterministic
/// (<see cref="SessionId"/>), so two writers preparing the same occurrence collide on insert instead of making two rows;
/// its page is created under a claim (ETag-conditional PageState=creating with a lease) so only one writer creates it.
/// </summary>
internal sealed class SeriesSessionStore(PairPartitions partitions, SessionStore sessions)
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

    public Task<Versioned<Session>?> FindAsync(string pairId, string sessionId, CancellationToken cancellationToken) =>
        sessions.FindAsync(pairId, sessionId, cancellationToken);

    /// <summary>
    /// The session of <paramref name="seriesId"/> at <paramref name="originalStart"/>: inserted with the given times and
    /// focus if it is not there yet, else read as it is (its time may have moved since; its identity has not).
    /// </summary>
    public async Task<Versioned<Session>> InsertOrReadAsync(
        string pairId, string seriesId, Instant originalStart, Instant start, Instant end, string focusUserId, string? eventId, Instant now, CancellationToken cancellationToken)
    {
        var id = SessionId(seriesId, originalStart);
        var session = new Session(id, pairId, start, end, focusUserId, now) { Occurrence = new SeriesOccurrence(seriesId, originalStart, eventId) };
        try
        {
            return new Versioned<Session>(session, await partitions.AddAsync(SessionMapping.ToRow(session), cancellationToken), null);
        }
        catch (RequestFailedException failed) when (failed.Status == StatusCodes.Status409Conflict)
        {
            return await FindAsync(pairId, id, cancellationToken)
                ?? throw new InvalidOperationException("A series session collided on insert but could not be read back.");
        }
    }

    /// <summary>
    /// Session <paramref name="index"/> of <paramref name="series"/> at its planned time, with the focus the rotation gives
    /// it: inserted if it is not there yet, else read as it is (see <see cref="InsertOrReadAsync"/>).
    /// </summary>
    public Task<Versioned<Session>> InsertPlannedOrReadAsync(
        Pair pair, PairSeries series, int index, Instant originalStart, Instant plannedEnd, Instant now, CancellationToken cancellationToken) =>
        InsertOrReadAsync(pair.Id, series.Id, originalStart, originalStart, plannedEnd, FocusFor(pair, series.FirstFocusUserId, index), null, now, cancellationToken);

    /// <summary>
    /// Claims the page of <paramref name="session"/> for <see cref="PageLease"/>: null when it is ready or another
    /// writer's claim is live. A lapsed claim is taken over (and reported, so the caller looks the page up before creating it).
    /// </summary>
    /// <param name="session">The session as read (its ETag is the condition).</param>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="takeOverLiveClaim">Treat a live claim as lapsed: only for a writer that knows every earlier claim
    /// was its own (the series creation, which holds the series' lease, for the first session).</param>
    /// <param name="title">The title the page is to be created with; null keeps the stored one.</param>
    public async Task<PageClaim?> TryClaimPageAsync(
        Versioned<Session> session, Instant now, CancellationToken cancellationToken, bool takeOverLiveClaim = false, string? title = null)
    {
        var page = session.Value.Page;
        if (page.State == PageState.Ready)
        {
            return null;
        }

        var lapsed = page.State == PageState.Creating;
        if (lapsed && !takeOverLiveClaim && page.LeaseUntil is { } until && until > now)
        {
            return null;
        }

        var claimed = page with { State = PageState.Creating, Title = title ?? page.Title, LeaseUntil = now.Plus(PageLease) };
        return await ReplaceAsync(session, session.Value with { Page = claimed }, cancellationToken) is { } saved ? new PageClaim(saved, lapsed) : null;
    }

    /// <summary>Records the page (ready) on the claimed session; null when the claim was lost meanwhile.</summary>
    public Task<Versioned<Session>?> MarkPageReadyAsync(Versioned<Session> session, AgendaPageRef page, CancellationToken cancellationToken) =>
        ReplaceAsync(session, session.Value with { Page = SessionPage.ReadyAt(page) }, cancellationToken);

    /// <summary>Writes <paramref name="changed"/> over <paramref name="stored"/> if the stored version is still the one read; null when another write came first.</summary>
    public async Task<Versioned<Session>?> ReplaceAsync(Versioned<Session> stored, Session changed, CancellationToken cancellationToken) =>
        await partitions.ReplaceAsync(SessionMapping.ToRow(changed), stored.ETag, cancellationToken) is { } saved
            ? new Versioned<Session>(changed, saved, null)
            : null;
}
