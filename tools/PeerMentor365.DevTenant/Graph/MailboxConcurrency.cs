namespace PeerMentor365.DevTenant.Graph;

/// <summary>
/// Outlook's per-mailbox concurrency limit: at most 4 requests to one mailbox's Outlook resources at a time
/// (per app); the fifth gets 429 ApplicationThrottled "MailboxConcurrency".
/// </summary>
internal sealed class MailboxConcurrency
{
    public const int Limit = 4;
    public const int RetryAfterSeconds = 1;

    private readonly Dictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>Takes a slot for the mailbox, or returns null when it already has <see cref="Limit"/> requests running.</summary>
    public IDisposable? TryEnter(string mailboxId)
    {
        lock (_gate)
        {
            var count = _inFlight.GetValueOrDefault(mailboxId);
            if (count >= Limit)
            {
                return null;
            }

            _inFlight[mailboxId] = count + 1;
            return new Slot(this, mailboxId);
        }
    }

    private void Exit(string mailboxId)
    {
        lock (_gate)
        {
            var count = _inFlight.GetValueOrDefault(mailboxId) - 1;
            if (count <= 0)
            {
                _inFlight.Remove(mailboxId);
            }
            else
            {
                _inFlight[mailboxId] = count;
            }
        }
    }

    private sealed class Slot(MailboxConcurrency owner, string mailboxId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Exit(mailboxId);
            }
        }
    }
}
