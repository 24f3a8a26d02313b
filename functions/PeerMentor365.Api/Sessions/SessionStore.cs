using Azure;
using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Sessions;

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
            .ToDictionary(row => row.SessionId, SessionMapping.FromRow, StringComparer.Ordinal);
        return [.. sessions
            .Select(row => new SessionWithRating(SessionMapping.FromRow(row), ratings.GetValueOrDefault(row.RowKey)))
            .OrderByDescending(session => session.Session.Value.Start)];
    }

    public async Task<Versioned<Session>?> FindAsync(string pairId, string sessionId, CancellationToken cancellationToken) =>
        Ids.IsValid(sessionId, Ids.Session) && await partitions.GetAsync<SessionRow>(pairId, PairKeys.ItemRow(sessionId), cancellationToken) is { Kind: PairKeys.SessionKind } row
            ? SessionMapping.FromRow(row)
            : null;

    /// <summary><paramref name="userId"/>'s own rating of the session, if they rated it.</summary>
    public async Task<SessionRating?> FindRatingAsync(string pairId, string sessionId, string userId, CancellationToken cancellationToken) =>
        await partitions.GetAsync<RatingRow>(pairId, PairKeys.RatingRow(sessionId, userId), cancellationToken) is { } row ? SessionMapping.FromRow(row) : null;

    /// <summary>The start of the pair's next session after <paramref name="now"/>, if one is planned.</summary>
    public async Task<Instant?> NextStartAsync(string pairId, Instant now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Kind eq {PairKeys.SessionKind} and Start gt {now.ToDateTimeOffset()}");
        var upcoming = await partitions.QueryAsync<SessionRow>(pairId, Ids.Session + "_", filter, cancellationToken);
        return upcoming.Count == 0 ? null : upcoming.Min(row => SessionMapping.FromRow(row).Value.Start);
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
            var sessionRow = SessionMapping.ToRow(session);
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
        await partitions.UpsertAsync(SessionMapping.ToRow(pairId, rating), cancellationToken);
        return rating;
    }
}
