using NodaTime;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// When the session after a given one starts. In a series: the next planned occurrence, at the time its row has when
/// it was moved (rows exist only for sessions looked up or prepared). Otherwise the pair's next session row.
/// </summary>
internal sealed class NextSession(PairPartitions partitions, SessionStore sessions, SeriesStore series, SeriesSessionStore seriesSessions)
{
    /// <summary>The start of the session after <paramref name="sessionId"/>; null when there is none or no such session.</summary>
    public async Task<Instant?> AfterAsync(string pairId, string sessionId, CancellationToken cancellationToken) =>
        Ids.IsValid(sessionId, Ids.Session)
            && await partitions.GetAsync<SessionRow>(pairId, PairKeys.ItemRow(sessionId), cancellationToken) is { Kind: PairKeys.SessionKind } session
            ? await AfterAsync(session, cancellationToken)
            : null;

    /// <summary>The start of the session after <paramref name="session"/>, or null after the last one.</summary>
    public async Task<Instant?> AfterAsync(SessionRow session, CancellationToken cancellationToken)
    {
        var start = Instant.FromDateTimeOffset(session.Start);
        if (session is not { SeriesId: { Length: > 0 } seriesId, OriginalStart: { } original }
            || await series.FindAsync(session.PartitionKey, seriesId, cancellationToken) is not { } stored
            || SeriesOccurrences.Of(stored) is not { } plan)
        {
            return await sessions.NextStartAsync(session.PartitionKey, start, cancellationToken);
        }

        if (plan.StartAfter(Instant.FromDateTimeOffset(original)) is not { } nextOriginal)
        {
            return null;
        }

        var nextRow = await seriesSessions.FindAsync(session.PartitionKey, SeriesSessionStore.SessionId(seriesId, nextOriginal), cancellationToken);
        return nextRow is null ? nextOriginal : Instant.FromDateTimeOffset(nextRow.Start);
    }
}
