using NodaTime;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// When the session after a given one starts. In a series: the next planned occurrence, at the time its row has when
/// it was moved (rows exist only for sessions looked up or prepared). Otherwise the pair's next session row.
/// </summary>
internal sealed class NextSession(SessionStore sessions, SeriesStore series, SeriesSessionStore seriesSessions)
{
    /// <summary>The start of the session after <paramref name="sessionId"/>; null when there is none or no such session.</summary>
    public async Task<Instant?> AfterAsync(string pairId, string sessionId, CancellationToken cancellationToken) =>
        await sessions.FindAsync(pairId, sessionId, cancellationToken) is { } session
            ? await AfterAsync(session.Value, cancellationToken)
            : null;

    /// <summary>The start of the session after <paramref name="session"/>, or null after the last one.</summary>
    public async Task<Instant?> AfterAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.Occurrence is not { } occurrence
            || await series.FindAsync(session.PairId, occurrence.SeriesId, cancellationToken) is not { } stored
            || SeriesOccurrences.Of(stored.Value) is not { } plan)
        {
            return await sessions.NextStartAsync(session.PairId, session.Start, cancellationToken);
        }

        if (plan.StartAfter(occurrence.OriginalStart) is not { } nextOriginal)
        {
            return null;
        }

        var next = await seriesSessions.FindAsync(session.PairId, SeriesSessionStore.SessionId(occurrence.SeriesId, nextOriginal), cancellationToken);
        return next?.Value.Start ?? nextOriginal;
    }
}
