namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>
/// OneNote's per-user limits: requests in any sliding minute and hour, and requests in flight. Time comes from the
/// dev tenant's clock, so tests move it instead of waiting. Only admitted requests count towards the rates.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The hold belongs to the test that took it, which disposes it.")]
internal sealed class OneNoteThrottle(OneNoteLimits limits, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, UserWindow> _users = new(StringComparer.OrdinalIgnoreCase);
    private OneNoteRequestHold? _hold;

    /// <summary>Runs <paramref name="handler"/> if the caller is within its limits; otherwise OneNote's 429.</summary>
    public GraphResponse Run(GraphRequest request, Func<GraphResponse> handler)
    {
        var userId = request.Caller.User.Id;
        OneNoteRequestHold? hold;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_users.TryGetValue(userId, out var window))
            {
                window = new UserWindow();
                _users[userId] = window;
            }

            while (window.Admitted.Count > 0 && now - window.Admitted.Peek() >= TimeSpan.FromHours(1))
            {
                window.Admitted.Dequeue();
            }

            var lastMinute = window.Admitted.Count(t => now - t < TimeSpan.FromMinutes(1));
            if (window.InFlight >= limits.ConcurrentRequests || lastMinute >= limits.RequestsPerMinute || window.Admitted.Count >= limits.RequestsPerHour)
            {
                _hold?.Refused();
                return OneNoteErrors.Throttled(request);
            }

            window.InFlight++;
            window.Admitted.Enqueue(now);
            hold = _hold;
        }

        try
        {
            hold?.Wait();
            return handler();
        }
        finally
        {
            lock (_gate)
            {
                _users[userId].InFlight--;
            }
        }
    }

    /// <summary>Holds every admitted OneNote request (in its concurrency slot) until the hold is disposed.</summary>
    public OneNoteRequestHold Hold()
    {
        lock (_gate)
        {
            if (_hold is not null)
            {
                throw new InvalidOperationException("OneNote requests are already held.");
            }

            _hold = new OneNoteRequestHold(() =>
            {
                lock (_gate)
                {
                    _hold = null;
                }
            });
            return _hold;
        }
    }

    private sealed class UserWindow
    {
        public Queue<DateTimeOffset> Admitted { get; } = new();

        public int InFlight { get; set; }
    }
}
