using NodaTime;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series;

/// <summary>
/// The sessions a series request describes, with the same rules as the scheduling core: the pattern (weekly on the
/// first start's weekday, or monthly on its nth weekday: first…fourth, or last for a fifth one), each session's local
/// start in the anchor zone and the moment it denotes (<see cref="LocalTimePolicy"/>).
/// </summary>
internal sealed record SeriesPlan(SeriesRecurrence Recurrence, SeriesEnd End, IReadOnlyList<LocalDateTime> LocalStarts)
{
    /// <summary>A safety bound for end dates (2 years of weekly sessions fit).</summary>
    public const int MaxPlannedSessions = 120;

    public DateTimeZone Zone => Recurrence.AnchorZone;

    public RecurrencePattern Pattern => Recurrence.Pattern;

    public static SeriesPlan From(SeriesRequest request)
    {
        var pattern = PatternFor(request.FirstStart.Date, request.Cadence);
        List<LocalDateTime> starts;
        if (request.End.Sessions is { } count)
        {
            starts = [.. new SeriesRecurrence(request.AnchorZone, request.FirstStart, SessionLength.FromMinutes(request.DurationMinutes), pattern, count).LocalStarts()];
        }
        else
        {
            var until = request.End.Date!.Value;
            var all = new SeriesRecurrence(request.AnchorZone, request.FirstStart, SessionLength.FromMinutes(request.DurationMinutes), pattern, MaxPlannedSessions).LocalStarts();
            starts = [.. all.TakeWhile(start => start.Date <= until)];
        }

        var recurrence = new SeriesRecurrence(request.AnchorZone, request.FirstStart, SessionLength.FromMinutes(request.DurationMinutes), pattern, starts.Count);
        return new SeriesPlan(recurrence, request.End, starts);
    }

    /// <summary>Graph's pattern for a series starting on <paramref name="firstDate"/> with <paramref name="cadence"/>.</summary>
    public static RecurrencePattern PatternFor(LocalDate firstDate, Cadence cadence)
    {
        if (cadence.Kind == CadenceKind.Weekly)
        {
            return new RecurrencePattern(RecurrenceKind.Weekly, cadence.IntervalWeeks, firstDate.DayOfWeek, null);
        }

        var week = (firstDate.Day - 1) / 7;
        return new RecurrencePattern(RecurrenceKind.RelativeMonthly, 1, firstDate.DayOfWeek, week <= (int)WeekOfMonth.Fourth ? (WeekOfMonth)week : WeekOfMonth.Last);
    }

    /// <summary>The moment session <paramref name="index"/> (0-based) starts.</summary>
    public Instant StartOf(int index) => LocalTimePolicy.ToInstant(LocalStarts[index], Zone);

    /// <summary>The moment session <paramref name="index"/> ends (its local start plus the length, as a duration).</summary>
    public Instant EndOf(int index) => StartOf(index).Plus(Duration.FromMinutes(Recurrence.Length.Minutes));
}
