namespace PeerMentor365.DevTenant;

/// <summary>
/// Keeps the answers of matching Graph requests (outer requests and $batch items) from leaving the dev tenant until
/// disposed: each request has run, so its write has happened, and its client waits for an answer. A test can then act
/// at exactly that moment (kill the client, as a crash would) without timing. From <see cref="DevTenantServer.HoldAnswers"/>.
/// </summary>
public sealed class GraphAnswerHold : IDisposable
{
    private readonly Func<string, string, bool> _matches;
    private readonly Action _onDispose;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WaitableCount _held = new();

    internal GraphAnswerHold(Func<string, string, bool> matches, Action onDispose)
    {
        _matches = matches;
        _onDispose = onDispose;
    }

    /// <summary>How many answers have been held so far (released ones included).</summary>
    public int Held => _held.Value;

    /// <summary>Completes once at least <paramref name="count"/> matching requests have run and wait for their answer.</summary>
    public Task WhenHeldAsync(int count) => _held.WhenAtLeastAsync(count);

    /// <summary>Lets every held answer (and any later one) go.</summary>
    public void Dispose()
    {
        _onDispose();
        _released.TrySetResult();
    }

    /// <summary>Whether this request's answer is held (its method and path below the version).</summary>
    internal bool Matches(string method, string path) => _matches(method, path);

    /// <summary>Counts the answer as held and completes when the hold is released.</summary>
    internal Task HoldAsync()
    {
        _held.Add(1);
        return _released.Task;
    }
}
