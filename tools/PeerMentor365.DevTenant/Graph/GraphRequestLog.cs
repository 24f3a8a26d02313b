namespace PeerMentor365.DevTenant;

/// <summary>One Graph request the dev tenant received: an outer HTTP request under /v1.0 or one item of a $batch.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path below /v1.0 (e.g. "/me/calendar/getSchedule").</param>
/// <param name="Query">Query string including the leading '?', or empty.</param>
/// <param name="HadAuthorization">Whether an Authorization header came with it (for batch items: with the outer request).</param>
/// <param name="Status">The status answered.</param>
/// <param name="IsBatchItem">True for an item inside a $batch.</param>
/// <param name="BatchItemId">The item's id inside its batch, for batch items.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record GraphRequestRecord(
    string Method,
    string Path,
    string Query,
    bool HadAuthorization,
    int Status,
    bool IsBatchItem,
    string? BatchItemId,
    DateTimeOffset ReceivedAt);

/// <summary>A thread-safe record of every Graph request (never tokens or bodies).</summary>
public sealed class GraphRequestLog
{
    private readonly Lock _gate = new();
    private readonly List<GraphRequestRecord> _records = [];
    private readonly List<(Func<GraphRequestRecord, bool> Match, TaskCompletionSource<GraphRequestRecord> Seen)> _waiters = [];

    /// <summary>How many requests are recorded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>A copy of the records in arrival order of completion.</summary>
    public IReadOnlyList<GraphRequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    /// <summary>Forgets every record.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    /// <summary>
    /// Completes with the next record that <paramref name="match"/> accepts, recorded from this call on (a request is
    /// recorded once answered): lets a test act right after the dev tenant answered a given request. Call it before
    /// the request is sent.
    /// </summary>
    public Task<GraphRequestRecord> NextAsync(Func<GraphRequestRecord, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            var waiter = new TaskCompletionSource<GraphRequestRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task;
        }
    }

    internal void Add(GraphRequestRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
            foreach (var waiter in _waiters.Where(w => w.Match(record)).ToList())
            {
                waiter.Seen.TrySetResult(record);
                _waiters.Remove(waiter);
            }
        }
    }
}
