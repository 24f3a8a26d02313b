using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Sessions;

/// <summary>A session row (Pairs table, partition = pair id, row = session id s_…, ordered latest start first).</summary>
internal sealed class SessionRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.SessionKind;
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public string FocusUserId { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }

    // A session of a series (docs/series-api.md): null on sessions created through POST …/sessions.

    /// <summary>The series (e_…) this session is an occurrence of.</summary>
    public string? SeriesId { get; set; }

    /// <summary>The occurrence's originalStart: its identity when its time moves (the row key is derived from it).</summary>
    public DateTimeOffset? OriginalStart { get; set; }

    /// <summary>The organizer's event id of the occurrence, when known.</summary>
    public string? EventId { get; set; }

    /// <summary>The agenda page: none, creating (claimed until <see cref="PageLeaseUntil"/>) or ready.</summary>
    public string? PageState { get; set; }
    public string? PageId { get; set; }
    public string? PageTitle { get; set; }
    public string? PageWebUrl { get; set; }
    public string? PageClientUrl { get; set; }
    public DateTimeOffset? PageLeaseUntil { get; set; }
}

/// <summary>A rating row (row = {sessionId}_r_{oid}, right after its session). The private note lives only here.</summary>
internal sealed class RatingRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = PairKeys.RatingKind;
    public string SessionId { get; set; } = string.Empty;
    public string UserId { get; set; } = string.Empty;
    public int Rating { get; set; }
    public string? PrivateNote { get; set; }
    public DateTimeOffset RatedAt { get; set; }
}

/// <summary>The focus row: the index (into the pair's members) of who takes the focus of the next session created.</summary>
internal sealed class FocusRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = PairKeys.FocusRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Next { get; set; }
}

/// <summary>The one place sessions and ratings are read from and written to their rows.</summary>
internal static class SessionMapping
{
    public static SessionRow ToRow(Session session) => new()
    {
        PartitionKey = PairKeys.PairPartition(session.PairId),
        RowKey = PairKeys.ItemRow(session.Id),
        Start = session.Start.ToDateTimeOffset(),
        End = session.End.ToDateTimeOffset(),
        FocusUserId = session.FocusUserId,
        CreatedAt = session.CreatedAt.ToDateTimeOffset(),
        SeriesId = session.Occurrence?.SeriesId,
        OriginalStart = session.Occurrence?.OriginalStart.ToDateTimeOffset(),
        EventId = session.Occurrence?.EventId,
        // A session created through POST …/sessions has no page and never had a PageState.
        PageState = session.Occurrence is null ? null : PageStateName(session.Page.State),
        PageId = session.Page.Id,
        PageTitle = session.Page.Title,
        PageWebUrl = session.Page.WebUrl,
        PageClientUrl = session.Page.ClientUrl,
        PageLeaseUntil = session.Page.LeaseUntil?.ToDateTimeOffset(),
    };

    public static Versioned<Session> FromRow(SessionRow row) => new(
        new Session(row.RowKey, row.PartitionKey, Instant.FromDateTimeOffset(row.Start), Instant.FromDateTimeOffset(row.End), row.FocusUserId, Instant.FromDateTimeOffset(row.CreatedAt))
        {
            Occurrence = row is { SeriesId: { Length: > 0 } seriesId, OriginalStart: { } originalStart }
                ? new SeriesOccurrence(seriesId, Instant.FromDateTimeOffset(originalStart), row.EventId)
                : null,
            Page = new SessionPage(
                ParsePageState(row),
                row.PageTitle,
                row.PageLeaseUntil is { } until ? Instant.FromDateTimeOffset(until) : null,
                row.PageId,
                row.PageWebUrl,
                row.PageClientUrl),
        },
        row.ETag,
        null);

    public static RatingRow ToRow(string pairId, SessionRating rating) => new()
    {
        PartitionKey = PairKeys.PairPartition(pairId),
        RowKey = PairKeys.RatingRow(rating.SessionId, rating.UserId),
        SessionId = rating.SessionId,
        UserId = rating.UserId,
        Rating = rating.Rating,
        PrivateNote = rating.PrivateNote,
        RatedAt = rating.RatedAt.ToDateTimeOffset(),
    };

    public static SessionRating FromRow(RatingRow row) =>
        new(row.SessionId, row.UserId, row.Rating, row.PrivateNote, Instant.FromDateTimeOffset(row.RatedAt));

    private static string PageStateName(PageState state) => state switch
    {
        PageState.None => "none",
        PageState.Creating => "creating",
        PageState.Ready => "ready",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static PageState ParsePageState(SessionRow row) => row.PageState switch
    {
        null or "none" => PageState.None,
        "creating" => PageState.Creating,
        "ready" => PageState.Ready,
        _ => throw new InvalidDataException($"Session {row.RowKey} of pair {row.PartitionKey} has an unknown page state."),
    };
}
