using System.Globalization;
using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>How messages write times, dates, days and durations: short, English, culture-independent.</summary>
internal static class MessageText
{
    /// <summary>At most this many dates are listed; the rest are counted ("and 3 more").</summary>
    public const int DatesShown = 5;

    private static readonly string[] DayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>"08:30".</summary>
    public static string Time(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"08:30–17:00" (a day that ends at midnight ends at "24:00").</summary>
    public static string Hours(WorkingHours hours) =>
        $"{Time(hours.Start)}\u2013{(hours.End == LocalTime.Midnight ? "24:00" : Time(hours.End))}";

    /// <summary>"22:15–01:00": a stretch of time on one person's clock.</summary>
    public static string Range(LocalDateTime start, LocalDateTime end) => $"{Time(start.TimeOfDay)}\u2013{Time(end.TimeOfDay)}";

    /// <summary>"9 Mar and 16 Mar 2027", "28 Dec 2026 and 4 Jan 2027", "1 Dec, 15 Dec, 29 Dec 2026, 12 Jan, 26 Jan 2027 and 8 more".</summary>
    public static string Dates(IReadOnlyList<LocalDate> dates)
    {
        var shown = dates.Take(DatesShown).ToList();
        var parts = shown.Select((date, index) =>
            index == shown.Count - 1 || shown[index + 1].Year != date.Year
                ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
                : date.ToString("d MMM", CultureInfo.InvariantCulture)).ToList();
        return dates.Count > DatesShown ? $"{string.Join(", ", parts)} and {dates.Count - DatesShown} more" : Join(parts);
    }

    /// <summary>"Monday to Friday", "Sunday to Thursday", "Monday and Wednesday", "every day".</summary>
    public static string Days(IReadOnlySet<IsoDayOfWeek> days)
    {
        if (days.Count == 7)
        {
            return "every day";
        }

        // A run of three or more days in a row (wrapping from Sunday to Monday) reads as "first to last".
        var first = days.FirstOrDefault(day => !days.Contains(Previous(day)));
        var run = 0;
        for (var day = first; days.Contains(day) && run < 7; day = Next(day))
        {
            run++;
        }

        if (run == days.Count && run >= 3)
        {
            var last = first;
            for (var step = 1; step < run; step++)
            {
                last = Next(last);
            }

            return $"{DayNames[(int)first]} to {DayNames[(int)last]}";
        }

        return Join([.. days.Order().Select(day => DayNames[(int)day])]);
    }

    /// <summary>"45 min", "3 h", "12 h 45 min".</summary>
    public static string Span(Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        var (hours, rest) = Math.DivRem(minutes, 60);
        return (hours, rest) switch
        {
            (0, _) => $"{rest} min",
            (_, 0) => $"{hours} h",
            _ => $"{hours} h {rest} min",
        };
    }

    /// <summary>"3 hours", "1 hour", "90 minutes".</summary>
    public static string Words(Duration duration) => (long)duration.TotalMinutes switch
    {
        60 => "1 hour",
        var minutes when minutes % 60 == 0 => $"{minutes / 60} hours",
        var minutes => $"{minutes} minutes",
    };

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    private static IsoDayOfWeek Next(IsoDayOfWeek day) => day == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : day + 1;

    private static IsoDayOfWeek Previous(IsoDayOfWeek day) => day == IsoDayOfWeek.Monday ? IsoDayOfWeek.Sunday : day - 1;
}
