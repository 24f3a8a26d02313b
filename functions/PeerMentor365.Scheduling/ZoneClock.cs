using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// One zone's offsets over the query window as plain tick arrays, so that local times (anchors' sessions, people's working
/// days) turn into moments with a few comparisons instead of a zone lookup each. Follows <see cref="LocalTimePolicy"/> exactly
/// (skipped → forward by the gap, ambiguous → earlier); the tests hold it to that.
/// </summary>
internal sealed class ZoneClock
{
    private readonly long[] intervalStarts;
    private readonly long[] intervalEnds;
    private readonly long[] offsets;

    public ZoneClock(DateTimeZone zone, Instant from, Instant to)
    {
        Zone = zone;
        var intervals = zone.GetZoneIntervals(from, to).ToArray();
        intervalStarts = new long[intervals.Length];
        intervalEnds = new long[intervals.Length];
        offsets = new long[intervals.Length];
        for (var index = 0; index < intervals.Length; index++)
        {
            // The first and last intervals stand for everything before and after the window.
            intervalStarts[index] = index == 0 ? long.MinValue : intervals[index].Start.ToUnixTimeTicks();
            intervalEnds[index] = index == intervals.Length - 1 ? long.MaxValue : intervals[index].End.ToUnixTimeTicks();
            offsets[index] = intervals[index].WallOffset.Ticks;
        }
    }

    public DateTimeZone Zone { get; }

    /// <summary>Local ticks (since the local Unix epoch) at a moment.</summary>
    public long ToLocal(long instant)
    {
        var index = 0;
        while (instant >= intervalEnds[index])
        {
            index++;
        }

        return instant + offsets[index];
    }

    /// <summary>The local date and time at a moment.</summary>
    public LocalDateTime LocalDateTimeAt(long instant) => Instant.FromUnixTimeTicks(ToLocal(instant)).InUtc().LocalDateTime;

    /// <summary>Local ticks for a local date and time (the inverse of reading ticks as a UTC date-time).</summary>
    public static long LocalTicks(LocalDateTime local) => local.InUtc().ToInstant().ToUnixTimeTicks();

    /// <summary>The moment for local ticks, under the local-time policy.</summary>
    public long ToInstant(long local)
    {
        for (var index = 0; index < offsets.Length; index++)
        {
            var candidate = local - offsets[index];
            if (candidate >= intervalEnds[index])
            {
                continue;
            }

            // Either a valid mapping (the earlier one, if the local time happens twice), or the local time sits in the gap
            // before this interval: read it with the offset before the gap, which moves it forward by the gap.
            return candidate >= intervalStarts[index] ? candidate : local - offsets[index - 1];
        }

        return local - offsets[^1];
    }
}
