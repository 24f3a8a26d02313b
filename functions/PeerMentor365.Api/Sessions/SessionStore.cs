using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Pairs;
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

/// <summary>A session with the caller's own rating (never anyone else's).</summary>
internal sealed record SessionWithRating(Versioned<Session> Session, SessionRating? MyRating);

/// <summary>Sessions and ratings in their pair's partition.</summary>
internal sealed class SessionStore(PairPartitions partitions)
{
    private const int MaxAttempts = 16;

    /// <summary>The pair's sessions, latest start first, each with <paramref name="userId"/>'s rating. Others' ratings are not even read.</summary>
    public async Task<IReadOnlyList<SessionWithRating>> ListAsync(string pairId, string userId, CancellationToken cancellationToken)
    {
        var sessions = await partitions.QueryAsync<SessionRow>(pairId, Ids.Session + "_", TableClient.CreateQueryFilter($"Kind eq {PairKeys.SessionKind}"), cancellationToken);
        var ratings = (await partitions.QueryAsync<RatingRow>(pairId, Ids.Session + "_", TableClient.CreateQueryFilter($"Kind eq {PairKeys.RatingKind} and UserId eq {userId}"), cancellationToken))
            .ToDictionary(row => row.SessionId, FromRow, StringComparer.Ordinal);
        return [.. sessions
            .Select(row => new SessionWithRating(FromRow(row), ratings.GetValueOrDefault(row.RowKey)))
            .OrderByDescending(session => session.Session.Value.Start)];
    }

    public async Task<Versioned<Session>?> FindAsync(string pairId, string sessionId, CancellationToken cancellationToken) =>
        Ids.IsValid(sessionId, Ids.Session) && await partitions.GetAsync<SessionRow>(pairId, PairKeys.ItemRow(sessionId), cancellationToken) is { Kind: PairKeys.SessionKind } row
            ? FromRow(row)
            : null;

    /// <summary>The start of the pair's next session after <paramref name="now"/>, if one is planned.</summary>
    public async Task<Instant?> NextStartAsync(string pairId, Instant now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Kind eq {PairKeys.SessionKind} and Start gt {now.ToDateTimeOffset()}");
        var upcoming = await partitions.QueryAsync<SessionRow>(pairId, Ids.Session + "_", filter, cancellationToken);
        return upcoming.Count == 0 ? null : Instant.FromDateTimeOffset(upcoming.Min(row => row.Start));
    }

    /// <summary>
    /// Creates a session whose focus is the next member in turn. The focus row and the session are written in one
    /// transaction, conditional on the focus row's ETag, so two sessions created at once never get the same turn.
    /// </summary>
    public async Task<Versioned<Session>> CreateAsync(Pair pair, Instant start, Instant end, Instant now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var focus = await partitions.GetAsync<FocusRow>(pair.Id, PairKeys.FocusRow, cancellationToken);
            var turn = focus?.Next ?? 0;
            var session = new Session(Ids.NewestFirst(Ids.Session, start), pair.Id, start, end, pair.Members[turn % pair.Members.Count].UserId, now);
            var nextFocus = new FocusRow { PartitionKey = PairKeys.PairPartition(pair.Id), Next = (turn + 1) % pair.Members.Count };
            var sessionRow = ToRow(session);
            TableTransactionAction[] actions =
            [
                focus is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, nextFocus)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, nextFocus, focus.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, sessionRow),
            ];
            var responses = await partitions.TrySubmitAsync(actions, cancellationToken);
            if (responses is not null)
            {
                return new Versioned<Session>(session, responses[1].Headers.ETag ?? default, null);
            }

            if (attempt == MaxAttempts)
            {
                throw new RequestFailedException(StatusCodes.Status409Conflict, "Too many sessions were created at once; the focus turn could not be taken.");
            }
        }
    }

    /// <summary>Stores (replaces) the member's rating of the session.</summary>
    public async Task<SessionRating> RateAsync(string pairId, SessionRating rating, CancellationToken cancellationToken)
    {
        var row = new RatingRow
        {
            PartitionKey = PairKeys.PairPartition(pairId),
            RowKey = PairKeys.RatingRow(rating.SessionId, rating.UserId),
            SessionId = rating.SessionId,
            UserId = rating.UserId,
            Rating = rating.Rating,
            PrivateNote = rating.PrivateNote,
            RatedAt = rating.RatedAt.ToDateTimeOffset(),
        };
        await partitions.UpsertAsync(row, cancellationToken);
        return rating;
    }

    private static SessionRow ToRow(Session session) => new()
    {
        PartitionKey = PairKeys.PairPartition(session.PairId),
        RowKey = PairKeys.ItemRow(session.Id),
        Start = session.Start.ToDateTimeOffset(),
        End = session.End.ToDateTimeOffset(),
        FocusUserId = session.FocusUserId,
        CreatedAt = session.CreatedAt.ToDateTimeOffset(),
    };

    private static Versioned<Session> FromRow(SessionRow row) => new(
        new Session(row.RowKey, row.PartitionKey, Instant.FromDateTimeOffset(row.Start), Instant.FromDateTimeOffset(row.End), row.FocusUserId, Instant.FromDateTimeOffset(row.CreatedAt)),
        row.ETag,
        null);

    private static SessionRating FromRow(RatingRow row) =>
        new(row.SessionId, row.UserId, row.Rating, row.PrivateNote, Instant.FromDateTimeOffset(row.RatedAt));
}
