using Microsoft.Kiota.Abstractions;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.SessionAgenda;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Commitments;

/// <summary>
/// The due date of a commitment made without one: the date of the session after the one it is made in (or, made
/// outside a session, the pair's next session), else today plus the agreement's cadence — dates in the caller's
/// mailbox time zone when Graph tells it, else UTC.
/// </summary>
internal sealed partial class DefaultDue(UserGraphClients graphs, SessionStore sessions, NextSession nextSession, ILogger<DefaultDue> logger)
{
    public async Task<LocalDate> ForAsync(SignedInUser user, Pair pair, string? sessionId, Instant now, CancellationToken cancellationToken)
    {
        var zoneLookup = ZoneOfAsync(user, cancellationToken);
        // Made in a session (perhaps opened before it starts): due at the session after that one, not at itself.
        var next = sessionId is null
            ? await sessions.NextStartAsync(pair.Id, now, cancellationToken)
            : await nextSession.AfterAsync(pair.Id, sessionId, cancellationToken);
        var zone = await zoneLookup ?? DateTimeZone.Utc;
        if (next is { } start)
        {
            return start.InZone(zone).Date;
        }

        var today = now.InZone(zone).Date;
        var cadence = pair.Agreement.Cadence;
        return cadence.Kind == CadenceKind.MonthlyNthWeekday ? today.PlusMonths(1) : today.PlusWeeks(cadence.IntervalWeeks);
    }

    // Only a default hangs on it: if Graph cannot say, UTC will do rather than failing the commitment.
    private async Task<DateTimeZone?> ZoneOfAsync(SignedInUser user, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await graphs.For(user).Me.MailboxSettings.GetAsync(
                request => request.QueryParameters.Select = ["timeZone"], cancellationToken);
            return TimeZoneNames.Resolve(settings?.TimeZone);
        }
        catch (Exception error) when (error is ApiException or HttpRequestException or GraphUnavailableException)
        {
            var reason = error switch
            {
                HttpRequestException => "Graph unreachable",
                GraphUnavailableException => "Graph unavailable",
                _ => "Graph refused",
            };
            LogZoneUnknown(logger, reason);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default due date in UTC: the mailbox time zone could not be read ({Reason})")]
    private static partial void LogZoneUnknown(ILogger logger, string reason);
}
