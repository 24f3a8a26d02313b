using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Graph's recurrencePattern types.</summary>
internal enum PatternType
{
    Daily,
    Weekly,
    AbsoluteMonthly,
    RelativeMonthly,
    AbsoluteYearly,
    RelativeYearly,
}

/// <summary>Graph's recurrenceRange types.</summary>
internal enum RangeType
{
    EndDate,
    NoEnd,
    Numbered,
}

/// <summary>A validated patternedRecurrence: which local dates (in the series' zone) carry an occurrence.</summary>
internal sealed record SeriesRecurrence(
    PatternType Type,
    int Interval,
    IReadOnlyList<IsoDayOfWeek> DaysOfWeek,
    IsoDayOfWeek FirstDayOfWeek,
    int Index,
    int DayOfMonth,
    int Month,
    RangeType Range,
    LocalDate StartDate,
    LocalDate? EndDate,
    int NumberOfOccurrences,
    string RecurrenceTimeZone)
{
    // "last" is index 4 (the fifth entry of Graph's weekIndex enum).
    private static readonly string[] IndexNames = ["first", "second", "third", "fourth", "last"];
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    // A pattern never runs longer than this, so an open series is bounded when expanded.
    private const int MaxYears = 200;

    /// <summary>
    /// Reads and validates a recurrence as Graph does. The error is the message of a 400 ErrorInvalidRequest
    /// (or RequestBodyRead for a value of the wrong type, signalled by <paramref name="bodyRead"/>).
    /// </summary>
    public static SeriesRecurrence? Parse(JsonNode? node, LocalDate eventStartDate, string zoneName, out string? error, out bool bodyRead)
    {
        error = null;
        bodyRead = false;
        if (node is not JsonObject recurrence)
        {
            (error, bodyRead) = ("Cannot convert the literal to the expected type 'microsoft.graph.patternedRecurrence'.", true);
            return null;
        }

        JsonParameters.TryGet(recurrence, "pattern", out var patternNode);
        JsonParameters.TryGet(recurrence, "range", out var rangeNode);
        if (patternNode is not JsonObject pattern || rangeNode is not JsonObject range)
        {
            error = "A recurrence needs both a pattern and a range.";
            return null;
        }

        if (!TryEnum(pattern, "type", out PatternType type))
        {
            (error, bodyRead) = ($"'{Text(pattern, "type")}' is not a valid recurrencePatternType: use daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly or relativeYearly.", true);
            return null;
        }

        var interval = Int(pattern, "interval") ?? 0;
        if (interval is < 1 or > 99)
        {
            error = "The recurrence pattern's interval must be between 1 and 99.";
            return null;
        }

        var days = new List<IsoDayOfWeek>();
        if (JsonParameters.TryGet(pattern, "daysOfWeek", out var daysNode) && daysNode is JsonArray daysArray)
        {
            foreach (var day in daysArray)
            {
                if (!TryDay(JsonParameters.String(day), out var parsed))
                {
                    (error, bodyRead) = ($"'{JsonParameters.String(day)}' is not a valid dayOfWeek.", true);
                    return null;
                }

                if (!days.Contains(parsed))
                {
                    days.Add(parsed);
                }
            }
        }

        var firstDay = IsoDayOfWeek.Sunday;
        if (Text(pattern, "firstDayOfWeek") is { } firstDayText && !TryDay(firstDayText, out firstDay))
        {
            (error, bodyRead) = ($"'{firstDayText}' is not a valid dayOfWeek.", true);
            return null;
        }

        var index = 0;
        if (Text(pattern, "index") is { } indexText)
        {
            index = Array.FindIndex(IndexNames, n => string.Equals(n, indexText, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                (error, bodyRead) = ($"'{indexText}' is not a valid weekIndex: use first, second, third, fourth or last.", true);
                return null;
            }
        }

        var dayOfMonth = Int(pattern, "dayOfMonth") ?? 0;
        var month = Int(pattern, "month") ?? 0;
        switch (type)
        {
            case PatternType.Weekly or PatternType.RelativeMonthly or PatternType.RelativeYearly when days.Count == 0:
                error = $"A {Name(type)} recurrence pattern needs daysOfWeek.";
                return null;
            case PatternType.AbsoluteMonthly or PatternType.AbsoluteYearly when dayOfMonth is < 1 or > 31:
                error = $"A {Name(type)} recurrence pattern needs a dayOfMonth between 1 and 31.";
                return null;
            case PatternType.AbsoluteYearly or PatternType.RelativeYearly when month is < 1 or > 12:
                error = $"A {Name(type)} recurrence pattern needs a month between 1 and 12.";
                return null;
        }

        if (!TryEnum(range, "type", out RangeType rangeType))
        {
            (error, bodyRead) = ($"'{Text(range, "type")}' is not a valid recurrenceRangeType: use endDate, noEnd or numbered.", true);
            return null;
        }

        if (!TryDate(Text(range, "startDate"), out var startDate))
        {
            error = "The recurrence range needs a startDate (yyyy-MM-dd).";
            return null;
        }

        if (startDate != eventStartDate)
        {
            error = $"The recurrence range's startDate ({DatePattern.Format(startDate)}) must be the date of the event's start ({DatePattern.Format(eventStartDate)}).";
            return null;
        }

        LocalDate? endDate = null;
        var count = 0;
        if (rangeType == RangeType.EndDate)
        {
            if (!TryDate(Text(range, "endDate"), out var parsedEnd))
            {
                error = "A recurrence range of type endDate needs an endDate (yyyy-MM-dd).";
                return null;
            }

            if (parsedEnd < startDate)
            {
                error = "The recurrence range's endDate must not be before its startDate.";
                return null;
            }

            endDate = parsedEnd;
        }
        else if (rangeType == RangeType.Numbered)
        {
            count = Int(range, "numberOfOccurrences") ?? 0;
            if (count < 1)
            {
                error = "A recurrence range of type numbered needs numberOfOccurrences greater than 0.";
                return null;
            }
        }

        var recurrenceZone = Text(range, "recurrenceTimeZone") is { Length: > 0 } givenZone ? givenZone : zoneName;
        return new SeriesRecurrence(type, interval, days, firstDay, index, dayOfMonth, month, rangeType, startDate, endDate, count, recurrenceZone);
    }

    /// <summary>Whether the pattern (not the range) is the same: which days, how often.</summary>
    public bool SamePattern(SeriesRecurrence other) =>
        Type == other.Type && Interval == other.Interval && DaysOfWeek.SequenceEqual(other.DaysOfWeek) && FirstDayOfWeek == other.FirstDayOfWeek
        && Index == other.Index && DayOfMonth == other.DayOfMonth && Month == other.Month && StartDate == other.StartDate;

    /// <summary>Graph's JSON for this recurrence, with the defaults Graph fills in (month 0, index first, ...).</summary>
    public JsonObject ToJson() => new()
    {
        ["pattern"] = new JsonObject
        {
            ["type"] = Name(Type),
            ["interval"] = Interval,
            ["month"] = Month,
            ["dayOfMonth"] = DayOfMonth,
            ["daysOfWeek"] = new JsonArray([.. DaysOfWeek.Select(d => (JsonNode?)GraphFormats.Day(d))]),
            ["firstDayOfWeek"] = GraphFormats.Day(FirstDayOfWeek),
            ["index"] = IndexNames[Index],
        },
        ["range"] = new JsonObject
        {
            ["type"] = Name(Range),
            ["startDate"] = DatePattern.Format(StartDate),
            ["endDate"] = EndDate is { } end ? DatePattern.Format(end) : "0001-01-01",
            ["recurrenceTimeZone"] = RecurrenceTimeZone,
            ["numberOfOccurrences"] = NumberOfOccurrences,
        },
    };

    /// <summary>Every occurrence date in order, from the range's start to its end (or to the expansion bound for an open series).</summary>
    public IEnumerable<LocalDate> Dates()
    {
        var produced = 0;
        var limit = EndDate ?? StartDate.PlusYears(MaxYears);
        foreach (var date in Candidates())
        {
            if (date < StartDate)
            {
                continue;
            }

            if (date > limit || (Range == RangeType.Numbered && produced >= NumberOfOccurrences))
            {
                yield break;
            }

            produced++;
            yield return date;
        }
    }

    /// <summary>The occurrence dates up to and including <paramref name="last"/>.</summary>
    public IEnumerable<LocalDate> DatesUntil(LocalDate last) => Dates().TakeWhile(d => d <= last);

    // Dates the pattern selects, ascending, period by period from the one holding the start date.
    private IEnumerable<LocalDate> Candidates()
    {
        switch (Type)
        {
            case PatternType.Daily:
                for (var date = StartDate; ; date = date.PlusDays(Interval))
                {
                    yield return date;
                }

            case PatternType.Weekly:
            {
                var weekStart = StartDate.DayOfWeek == FirstDayOfWeek ? StartDate : StartDate.Previous(FirstDayOfWeek);
                var ordered = DaysOfWeek.OrderBy(d => ((int)d - (int)FirstDayOfWeek + 7) % 7).ToList();
                for (var week = weekStart; ; week = week.PlusWeeks(Interval))
                {
                    foreach (var day in ordered)
                    {
                        yield return week.PlusDays(((int)day - (int)FirstDayOfWeek + 7) % 7);
                    }
                }
            }

            case PatternType.AbsoluteMonthly:
                for (var month = new LocalDate(StartDate.Year, StartDate.Month, 1); ; month = month.PlusMonths(Interval))
                {
                    yield return DayInMonth(month, DayOfMonth);
                }

            case PatternType.RelativeMonthly:
                for (var month = new LocalDate(StartDate.Year, StartDate.Month, 1); ; month = month.PlusMonths(Interval))
                {
                    yield return RelativeDay(month);
                }

            case PatternType.AbsoluteYearly:
                for (var year = new LocalDate(StartDate.Year, Month, 1); ; year = year.PlusYears(Interval))
                {
                    yield return DayInMonth(year, DayOfMonth);
                }

            case PatternType.RelativeYearly:
                for (var year = new LocalDate(StartDate.Year, Month, 1); ; year = year.PlusYears(Interval))
                {
                    yield return RelativeDay(year);
                }

            default:
                throw new InvalidOperationException("Unknown pattern type.");
        }
    }

    // Outlook puts a 31st in shorter months on their last day.
    private static LocalDate DayInMonth(LocalDate firstOfMonth, int day) =>
        firstOfMonth.PlusDays(Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(firstOfMonth.Year, firstOfMonth.Month)) - 1);

    // With several days, the index counts the days of the month that are any of them ("the first weekday").
    private LocalDate RelativeDay(LocalDate firstOfMonth)
    {
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(firstOfMonth.Year, firstOfMonth.Month);
        var matching = Enumerable.Range(0, daysInMonth).Select(firstOfMonth.PlusDays).Where(d => DaysOfWeek.Contains(d.DayOfWeek)).ToList();
        return Index == 4 || Index >= matching.Count ? matching[^1] : matching[Index];
    }

    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static string? Text(JsonObject json, string name) =>
        JsonParameters.TryGet(json, name, out var node) ? JsonParameters.String(node) : null;

    private static int? Int(JsonObject json, string name)
    {
        if (!JsonParameters.TryGet(json, name, out var node) || node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<int>(out var number))
        {
            return number;
        }

        if (value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
        {
            return (int)real;
        }

        return value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number) ? number : null;
    }

    private static bool TryEnum<T>(JsonObject json, string name, out T value) where T : struct, Enum
    {
        value = default;
        return Text(json, name) is { } text && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value)
            && !text.Any(char.IsDigit);
    }

    private static bool TryDay(string? text, out IsoDayOfWeek day)
    {
        day = IsoDayOfWeek.None;
        return text is not null && !text.Any(char.IsDigit) && Enum.TryParse(text, ignoreCase: true, out day) && day != IsoDayOfWeek.None && Enum.IsDefined(day);
    }

    private static bool TryDate(string? text, out LocalDate date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }

        var parsed = DatePattern.Parse(text.Trim());
        if (parsed.Success)
        {
            date = parsed.Value;
        }

        return parsed.Success;
    }
}
