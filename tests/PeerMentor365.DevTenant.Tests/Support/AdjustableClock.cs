namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>A clock tests can move, for token lifetimes and "today"-relative seed events.</summary>
internal sealed class AdjustableClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
