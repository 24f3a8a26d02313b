using NodaTime;

namespace PeerMentor365.Api.Series.Management;

/// <summary>
/// Keeps a series session's row in step when its occurrence moves: same row (keyed by originalStart), new start and end.
/// Best effort: a row that does not exist yet is created at its new time by whoever prepares it, and a row changed
/// meanwhile is brought in step by the nightly preparation, which reads the times from the calendar.
/// </summary>
internal static class SessionTimes
{
    public static async Task MoveAsync(
        SeriesSessionStore sessions, string pairId, string sessionId, Instant start, Instant end, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(pairId, sessionId, cancellationToken) is { } stored)
        {
            await sessions.ReplaceAsync(stored, stored.Value with { Start = start, End = end }, cancellationToken);
        }
    }
}
