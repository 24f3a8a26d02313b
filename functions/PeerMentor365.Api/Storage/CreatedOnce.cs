namespace PeerMentor365.Api.Storage;

/// <summary>
/// A value made on first use by an asynchronous step (a table created if it does not exist), once: concurrent first
/// callers wait for one attempt. Unlike <c>Lazy&lt;Task&lt;T&gt;&gt;</c>, a failed attempt is not kept: the next caller
/// tries again (storage that was down at the first request must not stay broken).
/// </summary>
internal sealed class CreatedOnce<T>(Func<CancellationToken, Task<T>> create) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (_value is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _value ??= await create(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
