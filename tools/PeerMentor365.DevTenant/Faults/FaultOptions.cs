namespace PeerMentor365.DevTenant;

/// <summary>What share of Graph requests the dev tenant fails, and how.</summary>
public sealed class FaultOptions
{
    /// <summary>Share (0..1) of Graph requests that fail: each outer request and each batch item is drawn independently.</summary>
    public double Rate { get; set; }

    /// <summary>The failure answered.</summary>
    public FaultKind Kind { get; set; } = FaultKind.TooManyRequests;

    /// <summary>The Retry-After value (seconds) sent with a fault.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Seed for the draw, for reproducible runs; null is random.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Which requests may fail: all (default), only outer HTTP requests, or only items inside a $batch (not with <see cref="FaultKind.DropAfterWrite"/>).</summary>
    public FaultTarget Target { get; set; } = FaultTarget.AllRequests;

    /// <summary>
    /// Only requests whose path (below the version, e.g. <c>/users</c> or <c>/me/calendar/getSchedule</c>) starts with this
    /// prefix, ignoring case, may fail; null or empty: any path. A $batch's own path is <c>/$batch</c>.
    /// </summary>
    public string? PathPrefix { get; set; }

    /// <summary>Stop after injecting this many faults (counted from the last <see cref="FaultSwitch.Set"/>); null: never stop.</summary>
    public int? MaxFaults { get; set; }

    internal FaultOptions Copy() => new()
    {
        Rate = Rate,
        Kind = Kind,
        RetryAfterSeconds = RetryAfterSeconds,
        RandomSeed = RandomSeed,
        Target = Target,
        PathPrefix = PathPrefix,
        MaxFaults = MaxFaults,
    };
}

/// <summary>The kind of transient failure injected.</summary>
public enum FaultKind
{
    /// <summary>429 Too Many Requests with Retry-After.</summary>
    TooManyRequests,

    /// <summary>503 Service Unavailable with Retry-After.</summary>
    ServiceUnavailable,

    /// <summary>Either, drawn at random.</summary>
    Mixed,

    /// <summary>
    /// The request runs (the write happens) and then the connection is aborted without a response: only outer POST,
    /// PATCH and DELETE requests that succeeded (for a $batch holding a write, after its items ran).
    /// </summary>
    DropAfterWrite,
}

/// <summary>Which Graph requests the fault switch may fail.</summary>
public enum FaultTarget
{
    /// <summary>Outer requests and batch items alike.</summary>
    AllRequests,

    /// <summary>Only outer HTTP requests (a $batch fails as a whole, its items never individually).</summary>
    OuterRequestsOnly,

    /// <summary>Only items inside a $batch (the $batch itself answers 200), to exercise inner-429 handling.</summary>
    BatchItemsOnly,
}
