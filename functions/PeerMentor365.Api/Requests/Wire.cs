using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Api.Requests;

/// <summary>
/// The API's wire formats (docs/api.md, "Times"), for what it reads and what it writes: instants in UTC with Z (written to
/// the second, read with or without fractions), local dates yyyy-MM-dd, local date-times without offset (written with
/// seconds, read with or without), local times of day HH:mm. Graph's own dateTime text is here too, for the gateways.
/// </summary>
internal static class Wire
{
    public const string InstantExample = "2026-12-01T15:00:00Z";
    public const string DateExample = "2026-12-01";
    public const string LocalDateTimeExample = "2026-12-01T15:00:00";

    /// <summary>What the OpenAPI document gives as the pattern of a local date-time.</summary>
    public const string LocalDateTimeRegex = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$";

    private static readonly InstantPattern InstantOut = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");
    private static readonly LocalDateTimePattern LocalDateTimeOut = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");
    private static readonly LocalDateTimePattern LocalDateTimeToMinute = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDateTimePattern GraphDateTimeIn = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFF");
    private static readonly LocalTimePattern GraphTimeOfDayIn = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss;FFFFFFF");

    public static string Format(Instant instant) => InstantOut.Format(instant);

    public static string? Format(Instant? instant) => instant is { } value ? InstantOut.Format(value) : null;

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Format(LocalDateTime local) => LocalDateTimeOut.Format(local);

    /// <summary>A time of day, HH:mm (an end of day at midnight is "24:00", as docs/api.md gives working hours).</summary>
    public static string Format(LocalTime time, bool midnightIsEndOfDay = false) =>
        midnightIsEndOfDay && time == LocalTime.Midnight ? "24:00" : TimeOfDay.Format(time);

    /// <summary>An instant in UTC with Z (fractions of a second allowed), or null.</summary>
    public static Instant? TryParseInstant(string text) => InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    /// <summary>A yyyy-MM-dd date, or null.</summary>
    public static LocalDate? TryParseDate(string text) => LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    /// <summary>A stored yyyy-MM-dd date (it was written by <see cref="Format(LocalDate)"/>).</summary>
    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    /// <summary>A local date-time with or without seconds, or null.</summary>
    public static LocalDateTime? TryParseLocalDateTime(string text) =>
        LocalDateTimeOut.Parse(text) is { Success: true } parsed ? parsed.Value
        : LocalDateTimeToMinute.Parse(text) is { Success: true } toMinute ? toMinute.Value
        : null;

    /// <summary>Stored times are whole seconds, as the wire shows them, so what is read back compares equal.</summary>
    public static Instant ToSecond(Instant instant) => Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    /// <summary>Graph's dateTimeTimeZone.dateTime and its working hours' times of day.</summary>
    internal static class Graph
    {
        /// <summary>Graph writes up to seven fraction digits ("2026-12-01T15:00:00.0000000").</summary>
        public static ParseResult<LocalDateTime> ParseDateTime(string text) => GraphDateTimeIn.Parse(text);

        /// <summary>What we send Graph: to the second, no fraction.</summary>
        public static string Format(LocalDateTime local) => LocalDateTimeOut.Format(local);

        /// <summary>Working hours' times of day ("08:00:00.0000000", or "08:00").</summary>
        public static ParseResult<LocalTime> ParseTimeOfDay(string text) =>
            GraphTimeOfDayIn.Parse(text) is { Success: true } parsed ? parsed : TimeOfDay.Parse(text);
    }
}

/// <summary>Which of <see cref="Wire"/>'s formats a text property of an answer carries.</summary>
internal enum WireText
{
    Instant,
    Date,
    LocalDateTime,
}

/// <summary>
/// Marks an answer's property that carries a time written by <see cref="Wire"/> as text, so that the OpenAPI document
/// gives its format (date-time, date, or the local date-time pattern) as it does for request fields.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class WireTextAttribute(WireText kind) : Attribute
{
    public WireText Kind => kind;
}
