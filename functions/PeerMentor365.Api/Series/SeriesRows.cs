using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Storage;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series;

/// <summary>Where a series is: being created (held by a lease), active, or ended.</summary>
internal static class SeriesState
{
    public const string Creating = "creating";
    public const string Active = "active";
    public const string Ended = "ended";
}

/// <summary>Progress of one create step: not tried, tried (the answer may have been lost: look up first), or done.</summary>
internal static class StepState
{
    public const string None = "none";
    public const string Attempted = "attempted";
    public const string Done = "done";
}

/// <summary>
/// The series row (Pairs table, partition = pair id, row = series id e_…): state, lease, the request, and the progress
/// of every create step, recorded before the next step starts so a repeat resumes where the last attempt stopped.
/// </summary>
internal sealed class SeriesRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.SeriesKind;
    public string State { get; set; } = SeriesState.Creating;

    /// <summary>Until when the creating attempt <see cref="LeaseOwner"/> holds the creation.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }

    public string OrganizerId { get; set; } = string.Empty;
    public string OrganizerMail { get; set; } = string.Empty;

    /// <summary>The organizer's mailbox zone (IANA) when known: page titles use it; else the anchor zone.</summary>
    public string? OrganizerTimeZone { get; set; }

    public string RequestHash { get; set; } = string.Empty;
    public string IdempotencyRowKey { get; set; } = string.Empty;
    public string FirstStart { get; set; } = string.Empty;
    public string AnchorTimeZone { get; set; } = string.Empty;
    public string AnchorWindowsTimeZone { get; set; } = string.Empty;
    public int DurationMinutes { get; set; }
    public string Cadence { get; set; } = string.Empty;
    public int? EndSessions { get; set; }
    public string? EndDate { get; set; }
    public string FirstFocusUserId { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;

    /// <summary>Graph's transactionId for the event create: stored before the first attempt, the same on every retry.</summary>
    public string TransactionId { get; set; } = string.Empty;

    public string SectionState { get; set; } = StepState.None;
    public string SectionName { get; set; } = string.Empty;
    public string? SectionId { get; set; }

    public string EventState { get; set; } = StepState.None;
    public string? EventId { get; set; }
    public string? EventICalUId { get; set; }
    public string? EventWebLink { get; set; }
    public string? JoinUrl { get; set; }

    public string FirstSessionId { get; set; } = string.Empty;

    /// <summary>Graph round trips the creation took (all attempts together), for the figures in the docs.</summary>
    public int RoundTrips { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndMessage { get; set; }
}

/// <summary>An Idempotency-Key seen for the pair (row k_{hash}): the series it created and the request's hash.</summary>
internal sealed class IdempotencyRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.IdempotencyKind;
    public string SeriesId { get; set; } = string.Empty;
    public string RequestHash { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The pair's notebook (row "notebook"): state (none/attempted/done, as steps), id, name, links, owner, the drive item
/// of its folder and who it is shared with (JSON: [{ "mail", "userId", "verified" }]).
/// </summary>
internal sealed class NotebookRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PairKeys.NotebookRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.NotebookKind;
    public string State { get; set; } = StepState.None;
    public string DisplayName { get; set; } = string.Empty;
    public string OwnerId { get; set; } = string.Empty;
    public string? NotebookId { get; set; }
    public string? WebUrl { get; set; }
    public string? ClientUrl { get; set; }
    public string? DriveItemId { get; set; }

    /// <summary>none, attempted (invite sent, answer maybe lost: sending it again is harmless) or done.</summary>
    public string InviteState { get; set; } = StepState.None;
    public string SharedWith { get; set; } = "[]";
    public bool Verified { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Row "seriescurrent": the series that is creating or active in this pair (one at a time).</summary>
internal sealed class CurrentSeriesRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PairKeys.CurrentSeriesRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.SeriesKind + "-current";
    public string SeriesId { get; set; } = string.Empty;
}

/// <summary>A row of the SeriesIndex table: ical_{hash} → the series, and active → the series the nightly job prepares.</summary>
internal sealed class SeriesIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PairId { get; set; } = string.Empty;
    public string? SeriesId { get; set; }
    public string? OrganizerId { get; set; }
}

/// <summary>
/// A series' schedule as the domain has it (local first start, anchor zone, cadence, length, end, first focus), read
/// from and written to its row here and nowhere else, so no other code parses the row's zone names and local times.
/// </summary>
internal static class SeriesSchedule
{
    public static SeriesRequest Of(SeriesRow row) =>
        TryOf(row) ?? throw new InvalidDataException($"Series {row.RowKey} does not hold a readable schedule.");

    /// <summary>The schedule; null when the row does not describe one.</summary>
    public static SeriesRequest? TryOf(SeriesRow row)
    {
        var firstStart = LocalDateTimePattern.ExtendedIso.Parse(row.FirstStart);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(row.AnchorTimeZone);
        var end = row.EndSessions is { } sessions
            ? new SeriesEnd(sessions, null)
            : LocalDatePattern.Iso.Parse(row.EndDate ?? string.Empty) is { Success: true } date ? new SeriesEnd(null, date.Value) : null;
        return firstStart.Success && zone is not null && end is not null && Cadence.TryParse(row.Cadence, out var cadence) && row.DurationMinutes > 0
            ? new SeriesRequest(firstStart.Value, zone, cadence, row.DurationMinutes, end, row.FirstFocusUserId)
            : null;
    }

    public static void Write(SeriesRow row, SeriesRequest schedule)
    {
        row.FirstStart = SeriesRequest.FormatLocal(schedule.FirstStart);
        row.AnchorTimeZone = schedule.AnchorZone.Id;
        row.AnchorWindowsTimeZone = TimeZoneNames.ToWindowsId(schedule.AnchorZone);
        row.DurationMinutes = schedule.DurationMinutes;
        row.Cadence = schedule.Cadence.ToString();
        row.EndSessions = schedule.End.Sessions;
        row.EndDate = schedule.End.Date is { } date ? Requests.Wire.Format(date) : null;
        row.FirstFocusUserId = schedule.FirstFocusUserId;
    }
}

/// <summary>The one place a series is read from and written to its row (its schedule through <see cref="SeriesSchedule"/>).</summary>
internal static class SeriesMapping
{
    public static Versioned<PairSeries> FromRow(SeriesRow row) => new(
        new PairSeries(
            row.RowKey,
            row.PartitionKey,
            ParseStatus(row),
            row.LeaseUntil is { } until ? new SeriesLease(row.LeaseOwner, Instant.FromDateTimeOffset(until)) : null,
            row.OrganizerId,
            row.OrganizerMail,
            row.OrganizerTimeZone is { Length: > 0 } organizerZone ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(organizerZone) : null,
            row.RequestHash,
            row.IdempotencyRowKey,
            SeriesSchedule.TryOf(row),
            row.AnchorWindowsTimeZone,
            row.Subject,
            row.TransactionId,
            new SeriesSection(ParseStep(row, row.SectionState), row.SectionName, row.SectionId),
            new SeriesEvent(ParseStep(row, row.EventState), row.EventId, row.EventICalUId, row.EventWebLink, row.JoinUrl),
            row.FirstSessionId,
            row.RoundTrips,
            Instant.FromDateTimeOffset(row.CreatedAt),
            Instant.FromDateTimeOffset(row.UpdatedAt))
        {
            EndedAt = row.EndedAt is { } ended ? Instant.FromDateTimeOffset(ended) : null,
            EndMessage = row.EndMessage,
        },
        row.ETag,
        null);

    /// <summary>The row of <paramref name="series"/>, to be written conditionally on <paramref name="etag"/>.</summary>
    public static SeriesRow ToRow(PairSeries series, ETag etag)
    {
        var row = new SeriesRow
        {
            PartitionKey = PairKeys.PairPartition(series.PairId),
            RowKey = PairKeys.ItemRow(series.Id),
            ETag = etag,
            State = StatusName(series.Status),
            LeaseUntil = series.Lease?.Until.ToDateTimeOffset(),
            LeaseOwner = series.Lease?.Owner,
            OrganizerId = series.OrganizerId,
            OrganizerMail = series.OrganizerMail,
            OrganizerTimeZone = series.OrganizerZone?.Id,
            RequestHash = series.RequestHash,
            IdempotencyRowKey = series.IdempotencyRowKey,
            Subject = series.Subject,
            TransactionId = series.TransactionId,
            SectionState = StepName(series.Section.Progress),
            SectionName = series.Section.Name,
            SectionId = series.Section.Id,
            EventState = StepName(series.Event.Progress),
            EventId = series.Event.Id,
            EventICalUId = series.Event.ICalUId,
            EventWebLink = series.Event.WebLink,
            JoinUrl = series.Event.JoinUrl,
            FirstSessionId = series.FirstSessionId,
            RoundTrips = series.RoundTrips,
            CreatedAt = series.CreatedAt.ToDateTimeOffset(),
            UpdatedAt = series.UpdatedAt.ToDateTimeOffset(),
            EndedAt = series.EndedAt?.ToDateTimeOffset(),
            EndMessage = series.EndMessage,
        };
        if (series.Schedule is { } schedule)
        {
            SeriesSchedule.Write(row, schedule);
        }

        // As the event was made: the Windows name stored then, not one derived again.
        row.AnchorWindowsTimeZone = series.AnchorWindowsZone;
        return row;
    }

    /// <summary>The status as the API and the rows name it.</summary>
    public static string StatusName(SeriesStatus status) => status switch
    {
        SeriesStatus.Creating => SeriesState.Creating,
        SeriesStatus.Active => SeriesState.Active,
        SeriesStatus.Ended => SeriesState.Ended,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static SeriesStatus ParseStatus(SeriesRow row) => row.State switch
    {
        SeriesState.Creating => SeriesStatus.Creating,
        SeriesState.Active => SeriesStatus.Active,
        SeriesState.Ended => SeriesStatus.Ended,
        _ => throw new InvalidDataException($"Series {row.RowKey} of pair {row.PartitionKey} has an unknown state."),
    };

    private static string StepName(StepProgress progress) => progress switch
    {
        StepProgress.None => StepState.None,
        StepProgress.Attempted => StepState.Attempted,
        StepProgress.Done => StepState.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(progress)),
    };

    private static StepProgress ParseStep(SeriesRow row, string? step) => step switch
    {
        null or "" or StepState.None => StepProgress.None,
        StepState.Attempted => StepProgress.Attempted,
        StepState.Done => StepProgress.Done,
        _ => throw new InvalidDataException($"Series {row.RowKey} of pair {row.PartitionKey} has an unknown step state."),
    };
}
