using NodaTime;

namespace PeerMentor365.Api.Suggestions;

/// <summary>Splits a span into getSchedule windows: Graph refuses windows of 62 days or more.</summary>
internal static class ScheduleWindows
{
    /// <summary>The length of each window (the last may be shorter).</summary>
    public static readonly Duration WindowLength = Duration.FromDays(60);

    public static IReadOnlyList<Interval> Split(Interval span)
    {
        var windows = new List<Interval>();
        for (var start = span.Start; start < span.End; start += WindowLength)
        {
            var end = start + WindowLength;
            windows.Add(new Interval(start, end < span.End ? end : span.End));
        }

        return windows;
    }
}
