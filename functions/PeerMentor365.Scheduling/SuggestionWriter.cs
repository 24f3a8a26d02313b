using System.Globalization;
using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>Turns a chosen candidate into the public suggestion: every session for every person, and the warnings.</summary>
internal static class SuggestionWriter
{
    private const int DatesInMessage = 5;

    public static SlotSuggestion Describe(SeriesCandidate candidate, int rank, SlotSearch search)
    {
        var query = search.Query;
        var length = query.Length.Duration.BclCompatibleTicks;
        var occurrences = new Occurrence[candidate.Count];
        for (var index = 0; index < candidate.Count; index++)
        {
            var start = candidate.Starts[index];
            var end = start + length;
            var views = new ParticipantOccurrence[search.People.Count];
            for (var person = 0; person < views.Length; person++)
            {
                var timeline = search.People[person];
                views[person] = new ParticipantOccurrence(
                    timeline.Participant.Id,
                    timeline.Clock.LocalDateTimeAt(start),
                    timeline.Clock.LocalDateTimeAt(end),
                    timeline.Place(start, end).Inside,
                    timeline.WorstConflict(start, end));
            }

            occurrences[index] = new Occurrence(index + 1, new Interval(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(end)), views);
        }

        var recurrence = new SeriesRecurrence(candidate.Anchor, candidate.FirstLocalStart, query.Length, candidate.Pattern, candidate.Count);
        return new SlotSuggestion(rank, Math.Round(candidate.Evaluation.Score, 3), candidate.Comfortable, recurrence, occurrences, Warnings(occurrences, search));
    }

    private static List<SlotWarning> Warnings(Occurrence[] occurrences, SlotSearch search)
    {
        var warnings = new List<SlotWarning>();
        for (var person = 0; person < search.People.Count; person++)
        {
            var participant = search.People[person].Participant;
            var id = participant.Id;
            var views = occurrences.Select(occurrence => occurrence.Participants[person]).ToList();
            var count = views.Count;
            var hours = HoursText(participant.WorkingHours);

            if (!participant.WorkingHoursKnown)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.WorkingHoursUnknown, id, [],
                    $"{id}'s working hours are unknown; assumed {hours} ({participant.WorkingHours.Zone.Id})."));
            }

            var outside = views.Where(view => !view.InsideWorkingHours).ToList();
            if (outside.Count > 0)
            {
                var becauseClocksChange = views[0].InsideWorkingHours ? " (clocks change)" : string.Empty;
                warnings.Add(new SlotWarning(SlotWarningKind.OutsideWorkingHours, id, Dates(outside),
                    $"{Of(outside.Count, count)} fall outside {id}'s working hours ({hours}): {DateList(outside)}, " +
                    $"starting at {TimeList(outside)}{becauseClocksChange}."));
            }

            var busy = views.Where(view => view.Conflict.IsHardConflict()).ToList();
            if (busy.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.Conflict, id, Dates(busy),
                    $"{Of(busy.Count, count)} clash with busy or out-of-office time for {id}: {DateList(busy)}."));
            }

            var tentative = views.Where(view => view.Conflict.IsSoftConflict()).ToList();
            if (tentative.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.Tentative, id, Dates(tentative),
                    $"{Of(tentative.Count, count)} overlap tentative time for {id}: {DateList(tentative)}."));
            }

            var firstTime = views[0].LocalStart.TimeOfDay;
            var shifted = views.Where(view => view.LocalStart.TimeOfDay != firstTime).ToList();
            if (shifted.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.LocalTimeShifts, id, Dates(shifted),
                    $"{id}'s local start moves from {Time(firstTime)} to {TimeList(shifted)} on {DateList(shifted)} (clocks change)."));
            }
        }

        return warnings;
    }

    private static List<LocalDate> Dates(List<ParticipantOccurrence> views) => [.. views.Select(view => view.LocalStart.Date)];

    private static string Of(int some, int all) => (some, all) switch
    {
        (1, 1) => "The session",
        _ when some == all => $"All {all} sessions",
        _ => $"{some} of {all} sessions",
    };

    private static string DateList(List<ParticipantOccurrence> views)
    {
        var shown = string.Join(", ", views.Take(DatesInMessage).Select(view => view.LocalStart.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)));
        return views.Count > DatesInMessage ? $"{shown} and {views.Count - DatesInMessage} more" : shown;
    }

    private static string TimeList(List<ParticipantOccurrence> views) =>
        string.Join(" or ", views.Select(view => view.LocalStart.TimeOfDay).Distinct().Order().Select(Time));

    private static string Time(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string HoursText(WorkingHours hours) =>
        $"{Time(hours.Start)}-{(hours.End == LocalTime.Midnight ? "24:00" : Time(hours.End))}";
}
