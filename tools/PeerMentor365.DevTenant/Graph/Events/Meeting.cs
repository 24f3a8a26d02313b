using NodaTime;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>An attendee as the organizer invited them.</summary>
internal sealed record Attendee(string Address, string Name, string Type);

/// <summary>A local date-time in a Graph time zone (the name as the client gave it).</summary>
internal sealed record ZonedTime(LocalDateTime Local, string ZoneName, DateTimeZone Zone)
{
    public Instant Instant => Occurrences.ToInstant(Local, Zone);
}

/// <summary>What changed for one occurrence of a series: moved (an exception), retitled, or cancelled.</summary>
internal sealed class OccurrenceOverride
{
    public bool Cancelled { get; set; }

    public ZonedTime? Start { get; set; }

    public ZonedTime? End { get; set; }

    public string? Subject { get; set; }

    public EventBody? Body { get; set; }

    public bool IsException => !Cancelled && (Start is not null || End is not null || Subject is not null || Body is not null);
}

/// <summary>An event body as stored (HTML already wrapped the way Exchange does).</summary>
internal sealed record EventBody(string ContentType, string Content);

/// <summary>
/// One meeting (single or series) as the organizer created it. Every mailbox's copy points at the same meeting,
/// so the organizer's changes reach every attendee's calendar at once.
/// </summary>
internal sealed class Meeting
{
    public required Guid Uid { get; init; }

    public required string ICalUId { get; init; }

    public required Mailbox Organizer { get; init; }

    public string? TransactionId { get; init; }

    public required Instant Created { get; init; }

    public Instant LastModified { get; set; }

    public int Version { get; set; } = 1;

    public required string Subject { get; set; }

    public required EventBody Body { get; set; }

    public required ZonedTime Start { get; set; }

    public required ZonedTime End { get; set; }

    public SeriesRecurrence? Recurrence { get; set; }

    public List<Attendee> Attendees { get; set; } = [];

    public string? Location { get; set; }

    public bool IsOnlineMeeting { get; set; }

    public string OnlineMeetingProvider { get; set; } = "unknown";

    public string? JoinUrl { get; set; }

    public string? ConferenceId { get; set; }

    public bool AllowNewTimeProposals { get; set; } = true;

    public bool ResponseRequested { get; set; } = true;

    public bool HideAttendees { get; set; }

    public bool IsReminderOn { get; set; } = true;

    public int ReminderMinutesBeforeStart { get; set; } = 15;

    public string ShowAs { get; set; } = "busy";

    public string Importance { get; set; } = "normal";

    public string Sensitivity { get; set; } = "normal";

    public List<string> Categories { get; set; } = [];

    public bool Cancelled { get; set; }

    /// <summary>The comment of the last cancel call on the series or an occurrence (the dev tenant sends no mail).</summary>
    public string? LastCancellationComment { get; set; }

    /// <summary>Per original occurrence date (in the series' zone).</summary>
    public Dictionary<LocalDate, OccurrenceOverride> Overrides { get; } = [];

    public bool IsSeries => Recurrence is not null;

    public DateTimeZone SeriesZone => Start.Zone;

    /// <summary>The local length of one occurrence (as Outlook keeps it across DST).</summary>
    public Period Length => Period.Between(Start.Local, End.Local.InZoneLeniently(End.Zone).WithZone(Start.Zone).LocalDateTime);

    public string ChangeKey => Convert.ToBase64String([.. Uid.ToByteArray().Take(12), .. BitConverter.GetBytes(Version)]);

    public void Touch(Instant now)
    {
        LastModified = now;
        Version++;
    }

    /// <summary>The pattern's start for the occurrence on a date.</summary>
    public LocalDateTime PatternStart(LocalDate date) => date + Start.Local.TimeOfDay;

    /// <summary>The actual occurrences (pattern plus exceptions, cancelled ones left out) overlapping [from, to).</summary>
    public IEnumerable<SeriesOccurrence> OccurrencesOverlapping(Instant from, Instant to)
    {
        if (Recurrence is null)
        {
            yield break;
        }

        var zone = SeriesZone;
        var lastLocal = to.InZone(zone).Date;
        var lastDate = lastLocal.Year < 9999 ? lastLocal.PlusDays(1) : lastLocal;
        var seen = new HashSet<LocalDate>();
        foreach (var date in Recurrence.DatesUntil(lastDate))
        {
            seen.Add(date);
            if (Occurrence(date) is { } occurrence && occurrence.Start < to && occurrence.End > from)
            {
                yield return occurrence;
            }
        }

        // An exception moved back from a date after the scanned range (never further than the next occurrence).
        foreach (var (date, _) in Overrides.Where(o => !seen.Contains(o.Key) && o.Value.IsException).OrderBy(o => o.Key))
        {
            if (Occurrence(date) is { } occurrence && occurrence.Start < to && occurrence.End > from)
            {
                yield return occurrence;
            }
        }
    }

    /// <summary>The occurrence whose original date is <paramref name="date"/>, or null when there is none (not a pattern date, or cancelled).</summary>
    public SeriesOccurrence? Occurrence(LocalDate date)
    {
        Overrides.TryGetValue(date, out var change);
        if (change?.Cancelled == true)
        {
            return null;
        }

        var originalStart = Occurrences.ToInstant(PatternStart(date), SeriesZone);
        var start = change?.Start ?? new ZonedTime(PatternStart(date), Start.ZoneName, Start.Zone);
        var end = change?.End ?? new ZonedTime(PatternStart(date).Plus(Length), Start.ZoneName, Start.Zone);
        if (change?.Start is not null && change.End is null)
        {
            end = new ZonedTime(start.Local.Plus(Length), start.ZoneName, start.Zone);
        }

        return new SeriesOccurrence(date, originalStart, start, end, change?.IsException == true, change?.Subject, change?.Body);
    }

    /// <summary>Whether a date is one of the pattern's dates.</summary>
    public bool IsPatternDate(LocalDate date) => Recurrence is not null && Recurrence.DatesUntil(date).LastOrDefault() == date;
}

/// <summary>One occurrence of a series: its original date and start, and where it actually is.</summary>
internal sealed record SeriesOccurrence(
    LocalDate OriginalDate,
    Instant OriginalStart,
    ZonedTime StartTime,
    ZonedTime EndTime,
    bool IsException,
    string? Subject,
    EventBody? Body)
{
    public Instant Start => StartTime.Instant;

    public Instant End => EndTime.Instant;
}

/// <summary>One mailbox's copy of a meeting: its own id, whether this mailbox organizes it, what this mailbox removed.</summary>
internal sealed class CalendarItem
{
    public required string IdCore { get; init; }

    public required Mailbox Mailbox { get; init; }

    public required Meeting Meeting { get; init; }

    public bool IsOrganizer => ReferenceEquals(Mailbox, Meeting.Organizer);

    /// <summary>This mailbox deleted its copy (an attendee removing a meeting from their own calendar).</summary>
    public bool Removed { get; set; }

    /// <summary>Occurrences this attendee deleted from their own calendar.</summary>
    public HashSet<LocalDate> RemovedOccurrences { get; } = [];

    public bool Visible => !Removed && !Meeting.Cancelled;

    public string Id => EventIds.ItemId(IdCore);
}
