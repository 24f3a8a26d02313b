using NodaTime;

namespace PeerMentor365.DevTenant.Seed;

/// <summary>The loaded tenant: people and their calendars, resolved against the clock at load time.</summary>
internal sealed class TenantSeed
{
    private readonly Dictionary<string, Mailbox> _byId;
    private readonly Dictionary<string, Mailbox> _byMail;

    public TenantSeed(IReadOnlyList<Mailbox> mailboxes)
    {
        Mailboxes = mailboxes;
        _byId = mailboxes.ToDictionary(m => m.User.Id, StringComparer.OrdinalIgnoreCase);
        _byMail = mailboxes.ToDictionary(m => m.User.Mail, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Mailbox> Mailboxes { get; }

    /// <summary>Finds a user by object id or by mail/UPN, as Graph's /users/{id | userPrincipalName} does.</summary>
    public Mailbox? Find(string idOrMail) =>
        _byId.TryGetValue(idOrMail, out var byId) ? byId
        : _byMail.TryGetValue(idOrMail, out var byMail) ? byMail
        : null;
}

/// <summary>A user and the calendar behind their mailbox.</summary>
internal sealed record Mailbox(SeedUser User, DateTimeZone WorkingHoursZone, IReadOnlyList<SeedEvent> Events);

/// <summary>Outlook's freeBusyStatus values that a seed may use for showAs.</summary>
internal enum FreeBusyStatus
{
    Free,
    Tentative,
    Busy,
    Oof,
    WorkingElsewhere,
}

/// <summary>One seeded calendar event, single or recurring, in its own zone.</summary>
internal sealed record SeedEvent(
    string Id,
    string Subject,
    string? Location,
    FreeBusyStatus ShowAs,
    bool IsPrivate,
    DateTimeZone Zone,
    EventTiming Timing);

internal abstract record EventTiming;

/// <summary>A single event from one local date-time to another.</summary>
internal sealed record SingleTiming(LocalDateTime Start, LocalDateTime End) : EventTiming;

/// <summary>A recurring event: each occurrence starts at StartTime on a day the pattern picks and lasts until EndTime (the next day when it is not later).</summary>
internal sealed record RecurringTiming(
    LocalTime StartTime,
    LocalTime EndTime,
    bool IsAllDay,
    RecurrencePattern Pattern,
    RecurrenceRange Range) : EventTiming;

internal enum RecurrenceKind
{
    Daily,
    Weekly,
}

internal sealed record RecurrencePattern(
    RecurrenceKind Kind,
    int Interval,
    IReadOnlySet<IsoDayOfWeek> DaysOfWeek,
    IsoDayOfWeek FirstDayOfWeek);

/// <summary>Where a series runs: from StartDate, up to EndDate (inclusive) or for a number of occurrences, or forever.</summary>
internal sealed record RecurrenceRange(LocalDate StartDate, LocalDate? EndDate, int? NumberOfOccurrences);
