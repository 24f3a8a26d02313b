namespace PeerMentor365.DevTenant;

/// <summary>
/// OneNote's per-user throttling (Graph documents 120 requests a minute, 400 an hour and 5 concurrent requests per app
/// per user, answered with 429, code 20166 and no Retry-After). Tests of clients may lower them.
/// </summary>
public sealed class OneNoteLimits
{
    /// <summary>Requests a user may make in any sliding minute (Graph: 120).</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Requests a user may make in any sliding hour (Graph: 400).</summary>
    public int RequestsPerHour { get; set; } = 400;

    /// <summary>OneNote requests of one user in flight at once (Graph: 5).</summary>
    public int ConcurrentRequests { get; set; } = 5;

    internal static void Validate(OneNoteLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.RequestsPerMinute, 1, nameof(RequestsPerMinute));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.RequestsPerHour, 1, nameof(RequestsPerHour));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.ConcurrentRequests, 1, nameof(ConcurrentRequests));
    }
}
