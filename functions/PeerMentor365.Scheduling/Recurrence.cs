using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>Which week of the month a monthly series meets in (Graph's <c>weekIndex</c>).</summary>
public enum WeekOfMonth
{
    /// <summary>Days 1-7.</summary>
    First,

    /// <summary>Days 8-14.</summary>
    Second,

    /// <summary>Days 15-21.</summary>
    Third,

    /// <summary>Days 22-28.</summary>
    Fourth,

    /// <summary>The last seven days of the month.</summary>
    Last,
}

/// <summary>The recurrence pattern types a suggestion uses (Graph's <c>weekly</c> and <c>relativeMonthly</c>).</summary>
public enum RecurrenceKind
{
    /// <summary>Every <see cref="RecurrencePattern.Interval"/> weeks on one weekday.</summary>
    Weekly,

    /// <summary>Every month on the <see cref="RecurrencePattern.Index"/> weekday.</summary>
    RelativeMonthly,
}

/// <summary>
/// A recurrence pattern as Graph and Outlook express it, with the weekday in the anchor zone. Immutable; thread-safe.
/// </summary>
/// <param name="Kind">Weekly or relative-monthly.</param>
/// <param name="Interval">Weeks between sessions (1-4) for weekly; 1 (month) for relative-monthly.</param>
/// <param name="DayOfWeek">The weekday, in the anchor zone.</param>
/// <param name="Index">Which week of the month for relative-monthly; null for weekly.</param>
public sealed record RecurrencePattern(RecurrenceKind Kind, int Interval, IsoDayOfWeek DayOfWeek, WeekOfMonth? Index);

/// <summary>
/// A suggested series as a calendar stores it: a local start fixed in one anchor zone, a pattern and a count.
/// The local start time stays the same in the anchor zone; in other zones it can move when clocks change.
/// Immutable; thread-safe.
/// </summary>
/// <param name="AnchorZone">The zone whose local time the series keeps.</param>
/// <param name="FirstStart">The first session's local start in the anchor zone.</param>
/// <param name="Length">Each session's length.</param>
/// <param name="Pattern">How the series repeats.</param>
/// <param name="Count">How many sessions the series has (at least 1).</param>
public sealed record SeriesRecurrence(DateTimeZone AnchorZone, LocalDateTime FirstStart, SessionLength Length, RecurrencePattern Pattern, int Count)
{
    /// <summary>The first session's local end in the anchor zone (local start plus the length).</summary>
    public LocalDateTime FirstEnd => FirstStart.PlusMinutes(Length.Minutes);

    /// <summary>
    /// Every session's local start in the anchor zone, in order. Turn one into a moment with
    /// <see cref="LocalTimePolicy.ToInstant"/>, which is how the suggestion's occurrences were computed.
    /// </summary>
    public IReadOnlyList<LocalDateTime> LocalStarts()
    {
        var starts = new LocalDateTime[Count];
        for (var number = 0; number < Count; number++)
        {
            starts[number] = RecurrenceMath.NthLocalStart(FirstStart, Pattern, number);
        }

        return starts;
    }
}
