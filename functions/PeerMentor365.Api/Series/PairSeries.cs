using NodaTime;

namespace PeerMentor365.Api.Series;

/// <summary>Where a series is: being created (held by a lease), active, or ended.</summary>
internal enum SeriesStatus
{
    Creating,
    Active,
    Ended,
}

/// <summary>Progress of one create step: not tried, tried (the answer may have been lost: look up first), or done.</summary>
internal enum StepProgress
{
    None,
    Attempted,
    Done,
}

/// <summary>The creating attempt that holds a series creation, and until when.</summary>
internal sealed record SeriesLease(string? Owner, Instant Until);

/// <summary>The series' OneNote section: its create step, the name it is made (and looked up) with, its id once made.</summary>
internal sealed record SeriesSection(StepProgress Progress, string Name, string? Id);

/// <summary>The series' recurring event in the organizer's calendar: its create step, and its ids and links once made.</summary>
internal sealed record SeriesEvent(StepProgress Progress, string? Id, string? ICalUId, string? WebLink, string? JoinUrl);

/// <summary>
/// A pair's series as the domain has it (docs/series-api.md): status, the lease of a creation, the schedule asked for,
/// the progress of every create step and what Graph made. Read and written to its row by <see cref="SeriesMapping"/> only.
/// </summary>
/// <param name="Schedule">Null only when the stored row does not describe a readable schedule.</param>
/// <param name="OrganizerZone">The organizer's mailbox zone when known; else the anchor zone is used.</param>
/// <param name="AnchorWindowsZone">The Windows name of the anchor zone as the event was made with it.</param>
/// <param name="TransactionId">Graph's transactionId for the event create: stored before the first attempt, the same on every retry.</param>
/// <param name="RoundTrips">Graph round trips the creation took (all attempts together), for the figures in the docs.</param>
internal sealed record PairSeries(
    string Id,
    string PairId,
    SeriesStatus Status,
    SeriesLease? Lease,
    string OrganizerId,
    string OrganizerMail,
    DateTimeZone? OrganizerZone,
    string RequestHash,
    string IdempotencyRowKey,
    SeriesRequest? Schedule,
    string AnchorWindowsZone,
    string Subject,
    string TransactionId,
    SeriesSection Section,
    SeriesEvent Event,
    string FirstSessionId,
    int RoundTrips,
    Instant CreatedAt,
    Instant UpdatedAt)
{
    public Instant? EndedAt { get; init; }

    public string? EndMessage { get; init; }

    /// <summary>Who takes the focus of the first session (later ones take turns).</summary>
    public string FirstFocusUserId => ReadableSchedule.FirstFocusUserId;

    /// <summary>The schedule; throws when the stored row did not hold a readable one.</summary>
    public SeriesRequest ReadableSchedule =>
        Schedule ?? throw new InvalidDataException($"Series {Id} does not hold a readable schedule.");
}
