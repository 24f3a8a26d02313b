namespace PeerMentor365.DevTenant;

/// <summary>
/// Keeps admitted OneNote requests in flight (inside their concurrency slot) until disposed, so a test can have
/// exactly N requests running at once. From <see cref="OneNoteInspection.HoldRequests"/>.
/// </summary>
public sealed class OneNoteRequestHold : IDisposable
{
    private readonly ManualResetEventSlim _released = new(false);
    private readonly Action _onDispose;
    private readonly WaitableCount _held = new();
    private readonly WaitableCount _refused = new();

    internal OneNoteRequestHold(Action onDispose) => _onDispose = onDispose;

    /// <summary>How many requests are being held now.</summary>
    public int Held => _held.Value;

    /// <summary>Completes once at least <paramref name="count"/> requests are being held.</summary>
    public Task WhenHeldAsync(int count) => _held.WhenAtLeastAsync(count);

    /// <summary>Completes once at least <paramref name="count"/> OneNote requests have been throttled while this hold was on.</summary>
    public Task WhenRefusedAsync(int count) => _refused.WhenAtLeastAsync(count);

    /// <summary>Lets every held request (and any later one) run on.</summary>
    public void Dispose()
    {
        _onDispose();
        _released.Set();
    }

    internal void Refused() => _refused.Add(1);

    internal void Wait()
    {
        _held.Add(1);
        try
        {
            _released.Wait();
        }
        finally
        {
            _held.Add(-1);
        }
    }
}
