using NodaTime;
using NodaTime.TimeZones;

namespace PeerMentor365.Scheduling;

/// <summary>
/// The one way this library turns a local date and time into a moment. A local time skipped by a clock change
/// (spring forward) moves forward by the length of the gap (02:30 in a 02:00→03:00 gap becomes 03:30); a local time
/// that happens twice (fall back) takes the earlier moment. This is what Outlook and Exchange do with recurring meetings.
/// Stateless; thread-safe.
/// </summary>
public static class LocalTimePolicy
{
    /// <summary>The resolver: ambiguous → earlier, skipped → shifted forward by the gap.</summary>
    public static ZoneLocalMappingResolver Resolver { get; } =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    /// <summary>The moment <paramref name="local"/> denotes in <paramref name="zone"/>, under this policy.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ResolveLocal(local, Resolver).ToInstant();
    }
}
