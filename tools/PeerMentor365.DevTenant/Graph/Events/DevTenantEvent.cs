namespace PeerMentor365.DevTenant;

/// <summary>
/// A series master or single event in one mailbox, as the dev tenant holds it: for tests that count what a run
/// created (see <see cref="DevTenantServer.EventsIn"/>). Cancelled or deleted events are not listed.
/// </summary>
/// <param name="Id">The mailbox's own id of the event.</param>
/// <param name="ICalUId">The iCalUId, the same in the organizer's and every attendee's copy.</param>
/// <param name="Subject">The subject.</param>
/// <param name="TransactionId">The transactionId the organizer created it with (null when none, and in attendees' copies).</param>
/// <param name="IsSeriesMaster">True for a recurring series, false for a single event.</param>
/// <param name="IsOrganizer">Whether this mailbox organizes the meeting.</param>
/// <param name="OrganizerMail">The organizer's address.</param>
/// <param name="AttendeeMails">The attendees' addresses, as invited.</param>
/// <param name="IsOnlineMeeting">Whether it is a Teams meeting.</param>
/// <param name="CancelledOccurrences">Original dates (in the series' zone) of occurrences the organizer cancelled or deleted.</param>
/// <param name="LastCancellationComment">The comment of the last cancel call on the event or one of its occurrences.</param>
public sealed record DevTenantEvent(
    string Id,
    string ICalUId,
    string Subject,
    string? TransactionId,
    bool IsSeriesMaster,
    bool IsOrganizer,
    string OrganizerMail,
    IReadOnlyList<string> AttendeeMails,
    bool IsOnlineMeeting,
    IReadOnlyList<DateOnly> CancelledOccurrences,
    string? LastCancellationComment);
