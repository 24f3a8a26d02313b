namespace PeerMentor365.DevTenant;

/// <summary>
/// A count that tasks can wait on: <see cref="WhenAtLeastAsync"/> completes once the count has reached a number. The
/// holds that let a test act at an exact moment count with it (<see cref="GraphAnswerHold"/>,
/// <see cref="OneNoteRequestHold"/>). Thread-safe.
/// </summary>
internal sealed class WaitableCount
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _value;

    public int Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Adds <paramref name="delta"/> (negative to count down) and completes the waits the count now reaches.</summary>
    public void Add(int delta)
    {
        lock (_gate)
        {
            _value += delta;
            foreach (var waiter in _waiters.Where(waiter => waiter.Count <= _value).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once the count is at least <paramref name="count"/> (at once if it is already).</summary>
    public Task WhenAtLeastAsync(int count)
    {
        lock (_gate)
        {
            if (_value >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }
}
