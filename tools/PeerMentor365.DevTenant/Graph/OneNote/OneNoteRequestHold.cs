namespace PeerMentor365.DevTenant;

/// <summary>
/// Keeps admitted OneNote requests in flight (inside their concurrency slot) until disposed, so a test can have
/// exactly N requests running at once. From <see cref="OneNoteInspection.HoldRequests"/>.
/// </summary>
public sealed class OneNoteRequestHold : IDisposable
{
    private readonly ManualResetEventSlim _released = new(false);
    private readonly Action _onDispose;
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _refusalWaiters = [];
    private int _held;
    private int _refused;

    internal OneNoteRequestHold(Action onDispose) => _onDispose = onDispose;

    /// <summary>How many requests are being held now.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests are being held.</summary>
    public Task WhenHeldAsync(int count)
    {
        lock (_gate)
        {
            if (_held >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> OneNote requests have been throttled while this hold was on.</summary>
    public Task WhenRefusedAsync(int count)
    {
        lock (_gate)
        {
            if (_refused >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _refusalWaiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Lets every held request (and any later one) run on.</summary>
    public void Dispose()
    {
        _onDispose();
        _released.Set();
    }

    internal void Refused()
    {
        lock (_gate)
        {
            _refused++;
            foreach (var waiter in _refusalWaiters.Where(w => w.Count <= _refused).ToList())
            {
                waiter.Reached.TrySetResult();
                _refusalWaiters.Remove(waiter);
            }
        }
    }

    internal void Wait()
    {
        lock (_gate)
        {
            _held++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _held).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        try
        {
            _released.Wait();
        }
        finally
        {
            lock (_gate)
            {
                _held--;
            }
        }
    }
}
