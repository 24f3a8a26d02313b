using System.Text.Json.Serialization;
using NodaTime;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Suggestions;

/// <summary>The 200 answer of POST /api/suggestions (docs/api.md).</summary>
internal sealed record SuggestionResponse(
    string Organizer,
    TimeWindow Window,
    IReadOnlyList<ParticipantInfo> Participants,
    bool HasComfortableSlots,
    IReadOnlyList<SuggestionDto> Suggestions,
    string? NoSuggestionsReason,
    NoSuggestionsDetailDto? NoSuggestionsDetail);

internal sealed record TimeWindow(string Start, string End);

internal sealed record ParticipantInfo(
    string Mail,
    string? DisplayName,
    string? OfficeLocation,
    string TimeZone,
    string WindowsTimeZone,
    WorkingHoursDto WorkingHours,
    bool WorkingHoursKnown,
    string? TimeZoneNote);

/// <summary>Why there are no suggestions, for a client that acts on it (the sentence is <see cref="SuggestionResponse.NoSuggestionsReason"/>).</summary>
/// <param name="SmallerGroups">When no time suits the whole group: the largest smaller groups that can meet, each with the first session of their best series.</param>
internal sealed record NoSuggestionsDetailDto(string Cause, IReadOnlyList<string> Participants, int? ShorterSessionMinutes, IReadOnlyList<MeetingGroupDto> SmallerGroups);

internal sealed record MeetingGroupDto(IReadOnlyList<string> Participants, string FirstStart);

internal sealed record WorkingHoursDto(IReadOnlyList<string> DaysOfWeek, string StartTime, string EndTime, string TimeZone);

internal sealed record SuggestionDto(
    int Rank,
    double Score,
    bool Comfortable,
    RecurrenceDto Recurrence,
    IReadOnlyList<LocalTimeDto> LocalTimes,
    IReadOnlyList<OccurrenceDto> Occurrences,
    int ConflictCount,
    int OutsideWorkingHoursCount,
    IReadOnlyList<WarningDto> Warnings);

internal sealed record RecurrenceDto(
    string AnchorTimeZone,
    string AnchorWindowsTimeZone,
    string FirstStart,
    string FirstEnd,
    int DurationMinutes,
    PatternDto Pattern,
    int Count);

/// <summary>Graph's recurrencePattern shape, so Office.js and Graph event creation can take it as is.</summary>
internal sealed record PatternDto(string Type, int Interval, IReadOnlyList<string> DaysOfWeek, string? Index);

internal sealed record LocalTimeDto(string Mail, string TimeZone, string Start, string End, bool Shifts);

internal sealed record OccurrenceDto(string Start, string End, IReadOnlyList<ConflictDto> Conflicts, IReadOnlyList<string> OutsideWorkingHours);

internal sealed record ConflictDto(string Mail, string Status);

/// <param name="Holidays">For a <c>publicHoliday</c> warning: the holiday on each of <paramref name="Dates"/>, in the same order; absent otherwise.</param>
internal sealed record WarningDto(
    string Kind,
    string Mail,
    IReadOnlyList<string> Dates,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HolidayDto>? Holidays = null);

/// <summary>A public holiday where a person works: the local date they have off, its English name, the ISO 3166-1 country code.</summary>
internal sealed record HolidayDto(string Date, string Name, string Country);

/// <summary>Turns the core's answer into the wire format: instants in UTC with Z, local times with their zone.</summary>
internal static class SuggestionMapping
{
    public static string Format(Instant instant) => Wire.Format(instant);

    public static string Format(LocalDateTime local) => Wire.Format(local);

    public static ParticipantInfo ToInfo(Participant participant, string? timeZoneNote, DirectoryEntry? directory)
    {
        var hours = participant.WorkingHours;
        return new ParticipantInfo(
            participant.Id,
            directory?.DisplayName,
            directory?.OfficeLocation,
            hours.Zone.Id,
            TimeZoneNames.ToWindowsId(hours.Zone),
            new WorkingHoursDto(
                [.. hours.Days.Order().Select(DayName)],
                Wire.Format(hours.Start),
                Wire.Format(hours.End, midnightIsEndOfDay: true),
                hours.Zone.Id),
            participant.WorkingHoursKnown,
            timeZoneNote);
    }

    public static SuggestionDto ToDto(SlotSuggestion slot, IReadOnlyList<Participant> participants)
    {
        var zones = participants.ToDictionary(p => p.Id, p => p.WorkingHours.Zone, StringComparer.OrdinalIgnoreCase);
        var recurrence = slot.Recurrence;
        var first = slot.Occurrences.Count > 0 ? slot.Occurrences[0] : null;
        return new SuggestionDto(
            slot.Rank,
            Math.Round(slot.Score, 3),
            slot.Comfortable,
            new RecurrenceDto(
                recurrence.AnchorZone.Id,
                TimeZoneNames.ToWindowsId(recurrence.AnchorZone),
                Format(recurrence.FirstStart),
                Format(recurrence.FirstEnd),
                recurrence.Length.Minutes,
                ToPattern(recurrence.Pattern),
                recurrence.Count),
            first is null
                ? []
                : [.. first.Participants.Select(person => new LocalTimeDto(
                    person.ParticipantId,
                    zones.TryGetValue(person.ParticipantId, out var zone) ? zone.Id : string.Empty,
                    Format(person.LocalStart),
                    Format(person.LocalEnd),
                    Shifts(slot, person.ParticipantId)))],
            [.. slot.Occurrences.Select(ToDto)],
            slot.ConflictCount,
            slot.OutsideWorkingHoursCount,
            [.. slot.Warnings.Select(ToDto)]);
    }

    public static NoSuggestionsDetailDto? ToDto(NoSlotsReason? reason) => reason is null
        ? null
        : new NoSuggestionsDetailDto(
            reason.Cause switch
            {
                NoSlotsCause.WorkingHoursTooFarApart => "workingHoursTooFarApart",
                NoSlotsCause.WorkingDaysNeverMeet => "workingDaysNeverMeet",
                NoSlotsCause.GroupNeverMeets => "groupNeverMeets",
                NoSlotsCause.SessionTooLong => "sessionTooLong",
                _ => "seriesCannotRecur",
            },
            reason.ParticipantIds,
            reason.ShorterSessionMinutes,
            [.. reason.SmallerGroups.Select(group => new MeetingGroupDto(group.ParticipantIds, Format(group.FirstStart)))]);

    public static OccurrenceDto ToDto(Occurrence occurrence) => new(
        Format(occurrence.When.Start),
        Format(occurrence.When.End),
        [.. occurrence.Participants
            .Where(person => person.Conflict is not (FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere))
            .Select(person => new ConflictDto(person.ParticipantId, StatusName(person.Conflict)))],
        [.. occurrence.Participants.Where(person => !person.InsideWorkingHours).Select(person => person.ParticipantId)]);

    public static WarningDto ToDto(SlotWarning warning) => new(
        warning.Kind switch
        {
            SlotWarningKind.OutsideWorkingHours => "outsideWorkingHours",
            SlotWarningKind.Conflict => "conflict",
            SlotWarningKind.Tentative => "tentative",
            SlotWarningKind.LocalTimeShifts => "localTimeShifts",
            SlotWarningKind.PublicHoliday => "publicHoliday",
            _ => "workingHoursUnknown",
        },
        warning.ParticipantId,
        [.. warning.Dates.Select(Wire.Format)],
        warning.Message,
        warning.Holidays.Count == 0 ? null : [.. warning.Holidays.Select(holiday => new HolidayDto(Wire.Format(holiday.Date), holiday.Name, holiday.CountryCode))]);

    private static PatternDto ToPattern(RecurrencePattern pattern) => new(
        pattern.Kind == RecurrenceKind.Weekly ? "weekly" : "relativeMonthly",
        pattern.Interval,
        [DayName(pattern.DayOfWeek)],
        pattern.Index switch
        {
            null => null,
            WeekOfMonth.First => "first",
            WeekOfMonth.Second => "second",
            WeekOfMonth.Third => "third",
            WeekOfMonth.Fourth => "fourth",
            _ => "last",
        });

    // The local start moves when the participant's clocks change on other dates than the anchor zone's.
    private static bool Shifts(SlotSuggestion slot, string participantId) =>
        slot.Occurrences
            .SelectMany(occurrence => occurrence.Participants.Where(person => person.ParticipantId == participantId))
            .Select(person => person.LocalStart.TimeOfDay)
            .Distinct()
            .Skip(1)
            .Any();

    private static string StatusName(FreeBusyStatus status) => status switch
    {
        FreeBusyStatus.Busy => "busy",
        FreeBusyStatus.OutOfOffice => "oof",
        FreeBusyStatus.Tentative => "tentative",
        FreeBusyStatus.WorkingElsewhere => "workingElsewhere",
        FreeBusyStatus.Free => "free",
        _ => "unknown",
    };

    private static string DayName(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "monday",
        IsoDayOfWeek.Tuesday => "tuesday",
        IsoDayOfWeek.Wednesday => "wednesday",
        IsoDayOfWeek.Thursday => "thursday",
        IsoDayOfWeek.Friday => "friday",
        IsoDayOfWeek.Saturday => "saturday",
        _ => "sunday",
    };
}
