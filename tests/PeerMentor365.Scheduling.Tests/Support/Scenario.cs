using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Scheduling.Tests.Support;

/// <summary>Short ways to write people, moments and queries in tests.</summary>
internal static class Scenario
{
    public static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    public static readonly IsoDayOfWeek[] SundayToThursday =
        [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday];

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    /// <summary>A UTC moment, e.g. "2027-03-01T16:00:00Z".</summary>
    public static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    /// <summary>A local date-time, e.g. "2027-03-01T08:00".</summary>
    public static LocalDateTime Local(string text) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(text).GetValueOrThrow();

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static LocalTime Time(string text) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).GetValueOrThrow();

    /// <summary>A person with working hours "HH:mm-HH:mm" (24:00 allowed as the end) in <paramref name="zone"/>.</summary>
    public static Participant Person(
        string id, string zone, string hours = "09:00-17:00", IsoDayOfWeek[]? days = null, IReadOnlyList<BusyPeriod>? busy = null, bool known = true,
        string? name = null)
    {
        var parts = hours.Split('-');
        var end = parts[1] == "24:00" ? LocalTime.Midnight : Time(parts[1]);
        return new Participant(id, WorkingHours.Create(days ?? MondayToFriday, Time(parts[0]), end, Zone(zone)), busy ?? [], known, name);
    }

    public static BusyPeriod Busy(string startUtc, string endUtc, FreeBusyStatus status = FreeBusyStatus.Busy) =>
        new(new Interval(Utc(startUtc), Utc(endUtc)), status);

    /// <summary>A period given in a person's local time.</summary>
    public static BusyPeriod BusyLocal(string zone, string localStart, string localEnd, FreeBusyStatus status = FreeBusyStatus.Busy) =>
        new(new Interval(LocalTimePolicy.ToInstant(Local(localStart), Zone(zone)), LocalTimePolicy.ToInstant(Local(localEnd), Zone(zone))), status);

    public static SuggestionQuery Query(
        IReadOnlyList<Participant> people, string fromUtc, string toUtc, Cadence? cadence = null, int minutes = 60, int max = 10) =>
        new(people, SessionLength.FromMinutes(minutes), cadence ?? Cadence.Weekly, Utc(fromUtc), Utc(toUtc), max);

    public static string Describe(SlotSuggestion slot)
    {
        var people = string.Join(" ", slot.Occurrences[0].Participants.Select(p =>
            FormattableString.Invariant($"{p.ParticipantId}={p.LocalStart:ddd HH:mm}{(p.InsideWorkingHours ? "" : "!")}")));
        var warnings = string.Join("; ", slot.Warnings.Select(w => $"{w.Kind}:{w.ParticipantId}:{w.Dates.Count}"));
        return FormattableString.Invariant(
            $"#{slot.Rank} {slot.Score:0.000} {slot.Recurrence.AnchorZone.Id} {slot.Recurrence.FirstStart:uuuu-MM-dd ddd HH:mm} x{slot.Recurrence.Count} {people} conflicts={slot.ConflictCount} outside={slot.OutsideWorkingHoursCount} warnings=[{warnings}]");
    }
}
