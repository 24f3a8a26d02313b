namespace PeerMentor365.DevTenant;

/// <summary>The runtime switch for injected Graph faults (also reachable as PUT /dev/faults).</summary>
public sealed class FaultSwitch
{
    private readonly Lock _gate = new();
    private FaultOptions _options;
    private Random _random;
    private int _injected;

    internal FaultSwitch(FaultOptions initial)
    {
        _options = initial.Copy();
        _random = CreateRandom(_options);
    }

    /// <summary>A copy of the current setting.</summary>
    public FaultOptions Current
    {
        get
        {
            lock (_gate)
            {
                return _options.Copy();
            }
        }
    }

    /// <summary>How many faults were injected since the last <see cref="Set"/> (tests check that theirs struck).</summary>
    public int Injected
    {
        get
        {
            lock (_gate)
            {
                return _injected;
            }
        }
    }

    /// <summary>Replaces the setting (the random draw restarts from its seed).</summary>
    public void Set(FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        lock (_gate)
        {
            _options = options.Copy();
            _random = CreateRandom(_options);
            _injected = 0;
        }
    }

    /// <summary>Stops injecting faults.</summary>
    public void Off() => Set(new FaultOptions());

    internal static void Validate(FaultOptions options)
    {
        if (double.IsNaN(options.Rate) || options.Rate < 0 || options.Rate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Rate must be between 0 and 1.");
        }

        if (options.MaxFaults < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxFaults must not be negative.");
        }

        if (options.RetryAfterSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "RetryAfterSeconds must not be negative.");
        }

        if (!Enum.IsDefined(options.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Unknown fault kind.");
        }

        if (!Enum.IsDefined(options.Target))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Unknown fault target.");
        }

        if (options.Kind == FaultKind.DropAfterWrite && options.Target == FaultTarget.BatchItemsOnly)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DropAfterWrite drops a whole connection, so it cannot target batch items only.");
        }
    }

    /// <summary>Draws whether this request (its path below the version) fails; null means it goes through.</summary>
    internal InjectedFault? Draw(bool isBatchItem, string path)
    {
        lock (_gate)
        {
            var targeted = _options.Target switch
            {
                FaultTarget.BatchItemsOnly => isBatchItem,
                FaultTarget.OuterRequestsOnly => !isBatchItem,
                _ => true,
            } && (string.IsNullOrEmpty(_options.PathPrefix) || path.StartsWith(_options.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (!targeted || _options.Kind == FaultKind.DropAfterWrite || !DrawLocked())
            {
                return null;
            }

            var kind = _options.Kind switch
            {
                FaultKind.Mixed => _random.Next(2) == 0 ? FaultKind.TooManyRequests : FaultKind.ServiceUnavailable,
                var k => k,
            };
            return new InjectedFault(kind == FaultKind.TooManyRequests ? 429 : 503, _options.RetryAfterSeconds);
        }
    }

    /// <summary>
    /// Draws whether a write that has run loses its connection (kind <see cref="FaultKind.DropAfterWrite"/>): an outer request
    /// whose path, or one of whose $batch write items' paths, starts with the prefix.
    /// </summary>
    internal bool DrawDropAfterWrite(IReadOnlyCollection<string> paths)
    {
        lock (_gate)
        {
            var targeted = _options.Kind == FaultKind.DropAfterWrite && _options.Target != FaultTarget.BatchItemsOnly
                && paths.Any(p => string.IsNullOrEmpty(_options.PathPrefix) || p.StartsWith(_options.PathPrefix, StringComparison.OrdinalIgnoreCase));
            return targeted && DrawLocked();
        }
    }

    private bool DrawLocked()
    {
        if (_options.Rate <= 0 || _injected >= (_options.MaxFaults ?? int.MaxValue) || _random.NextDouble() >= _options.Rate)
        {
            return false;
        }

        _injected++;
        return true;
    }

    private static Random CreateRandom(FaultOptions options) =>
        options.RandomSeed is { } seed ? new Random(seed) : new Random();
}

internal sealed record InjectedFault(int Status, int RetryAfterSeconds);
