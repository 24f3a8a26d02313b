using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>Local (anchor-zone) date arithmetic for recurrence patterns.</summary>
internal static class RecurrenceMath
{
    /// <summary>The local start of session <paramref name="index"/> (0-based) of a series starting at <paramref name="first"/>.</summary>
    public static LocalDateTime NthLocalStart(LocalDateTime first, RecurrencePattern pattern, int index) =>
        pattern.Kind == RecurrenceKind.Weekly
            ? first.PlusWeeks(index * pattern.Interval)
            : DateInMonth(first.Date.PlusMonths(index * pattern.Interval), pattern.DayOfWeek, pattern.Index!.Value) + first.TimeOfDay;

    /// <summary>The <paramref name="week"/> <paramref name="dayOfWeek"/> of the month that <paramref name="anyDayInMonth"/> is in.</summary>
    public static LocalDate DateInMonth(LocalDate anyDayInMonth, IsoDayOfWeek dayOfWeek, WeekOfMonth week)
    {
        if (week == WeekOfMonth.Last)
        {
            var lastDay = anyDayInMonth.With(DateAdjusters.EndOfMonth);
            return lastDay.DayOfWeek == dayOfWeek ? lastDay : lastDay.Previous(dayOfWeek);
        }

        var firstDay = anyDayInMonth.With(DateAdjusters.StartOfMonth);
        var firstMatch = firstDay.DayOfWeek == dayOfWeek ? firstDay : firstDay.Next(dayOfWeek);
        return firstMatch.PlusWeeks((int)week);
    }
}
