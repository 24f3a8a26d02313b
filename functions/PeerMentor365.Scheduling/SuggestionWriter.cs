using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>Turns a chosen candidate into the public suggestion: every session for every person, and the warnings.</summary>
internal static class SuggestionWriter
{
    public static SlotSuggestion Describe(SeriesCandidate candidate, int rank, SlotSearch search)
    {
        var query = search.Query;
        var occurrences = Occurrences(candidate.Starts, query.Length.Duration.BclCompatibleTicks, search.People);
        var recurrence = new SeriesRecurrence(candidate.Anchor, candidate.FirstLocalStart, query.Length, candidate.Pattern, candidate.Count);
        return new SlotSuggestion(rank, Math.Round(candidate.Evaluation.Score, 3), candidate.Comfortable, recurrence, occurrences, Warnings(occurrences, search.People));
    }

    /// <summary>Every session (starts in Unix ticks, all <paramref name="length"/> ticks long) as every person sees it.</summary>
    public static Occurrence[] Occurrences(IReadOnlyList<long> starts, long length, IReadOnlyList<PersonTimeline> people)
    {
        var occurrences = new Occurrence[starts.Count];
        for (var index = 0; index < starts.Count; index++)
        {
            var start = starts[index];
            var end = start + length;
            var views = new ParticipantOccurrence[people.Count];
            for (var person = 0; person < views.Length; person++)
            {
                var timeline = people[person];
                views[person] = new ParticipantOccurrence(
                    timeline.Participant.Id,
                    timeline.Clock.LocalDateTimeAt(start),
                    timeline.Clock.LocalDateTimeAt(end),
                    timeline.Place(start, end).Inside,
                    timeline.WorstConflict(start, end),
                    timeline.HolidayAt(start));
            }

            occurrences[index] = new Occurrence(index + 1, new Interval(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(end)), views);
        }

        return occurrences;
    }

    /// <summary>Everything each person should know about these sessions, per person and kind.</summary>
    public static List<SlotWarning> Warnings(Occurrence[] occurrences, IReadOnlyList<PersonTimeline> people)
    {
        var warnings = new List<SlotWarning>();
        for (var person = 0; person < people.Count; person++)
        {
            var participant = people[person].Participant;
            var id = participant.Id;
            var name = participant.Name;
            var views = occurrences.Select(occurrence => occurrence.Participants[person]).ToList();
            var hours = participant.WorkingHours;

            if (!participant.WorkingHoursKnown)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.WorkingHoursUnknown, id, [],
                    $"{name}'s working hours are unknown; assumed {MessageText.Hours(hours)}, {MessageText.Days(hours.Days)} ({hours.Zone.Id})."));
            }

            var outside = views.Where(view => !view.InsideWorkingHours).ToList();
            if (outside.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.OutsideWorkingHours, id, Dates(outside), OutsideMessage(name, hours, views, outside)));
            }

            var busy = views.Where(view => view.Conflict.IsHardConflict()).ToList();
            if (busy.Count > 0)
            {
                var what = busy.All(view => view.Conflict == FreeBusyStatus.OutOfOffice) ? "away"
                    : busy.Any(view => view.Conflict == FreeBusyStatus.OutOfOffice) ? "busy or away" : "busy";
                warnings.Add(new SlotWarning(SlotWarningKind.Conflict, id, Dates(busy),
                    $"{name} is {what} {When(busy, views.Count)}."));
            }

            var tentative = views.Where(view => view.Conflict.IsSoftConflict()).ToList();
            if (tentative.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.Tentative, id, Dates(tentative),
                    $"{name} may be busy {When(tentative, views.Count)} (tentative)."));
            }

            var onHolidays = views.Where(view => view.Holiday is not null).ToList();
            if (onHolidays.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.PublicHoliday, id, Dates(onHolidays), HolidayMessage(name, onHolidays),
                    [.. onHolidays.Select(view => view.Holiday!)]));
            }

            var firstTime = views[0].LocalStart.TimeOfDay;
            var shifted = views.Where(view => view.LocalStart.TimeOfDay != firstTime).ToList();
            if (shifted.Count > 0)
            {
                warnings.Add(new SlotWarning(SlotWarningKind.LocalTimeShifts, id, Dates(shifted),
                    $"{name}'s start moves from {MessageText.Time(firstTime)} to {TimeList(shifted)} on {DateList(shifted)} because clocks change."));
            }
        }

        return warnings;
    }

    /// <summary>
    /// "Ben Carter's sessions on 9 Mar and 16 Mar 2027 start at 08:00, before their working hours (08:30–17:00), because clocks change."
    /// Sessions are grouped by what takes them out: an early start (its start time) or a late end (its end time).
    /// </summary>
    private static string OutsideMessage(string name, WorkingHours hours, List<ParticipantOccurrence> views, List<ParticipantOccurrence> outside)
    {
        var groups = outside
            .GroupBy(view => view.LocalStart.TimeOfDay < hours.Start
                ? (Early: true, Time: view.LocalStart.TimeOfDay)
                : (Early: false, Time: view.LocalEnd.TimeOfDay))
            .Select(group => (group.Key.Early, group.Key.Time, Views: group.ToList()))
            .ToList();
        string Verb(bool early, bool singular) => (early, singular) switch
        {
            (true, true) => "starts",
            (true, false) => "start",
            (false, true) => "ends",
            _ => "end",
        };

        var hoursText = $"({MessageText.Hours(hours)})";
        var clocks = views[0].InsideWorkingHours ? ", because clocks change" : string.Empty;
        if (groups.Count == 1)
        {
            var (early, time, _) = groups[0];
            var side = early ? "before" : "after";
            var subject = (outside.Count, views.Count) switch
            {
                (1, 1) => $"{name}'s session {Verb(early, true)}",
                var (some, all) when some == all => $"All {all} of {name}'s sessions {Verb(early, false)}",
                (1, _) => $"{name}'s session on {DateList(outside)} {Verb(early, true)}",
                _ => $"{name}'s sessions on {DateList(outside)} {Verb(early, false)}",
            };
            return $"{subject} at {MessageText.Time(time)}, {side} their working hours {hoursText}{clocks}.";
        }

        var clauses = groups.Select(group => group.Views.Count == 1
            ? $"on {DateList(group.Views)} it {Verb(group.Early, true)} at {MessageText.Time(group.Time)}"
            : $"on {DateList(group.Views)} they {Verb(group.Early, false)} at {MessageText.Time(group.Time)}").ToList();
        var which = outside.Count == views.Count ? $"All {views.Count} of {name}'s sessions" : $"{outside.Count} of {name}'s {views.Count} sessions";
        return $"{which} fall outside their working hours {hoursText}{clocks}: {string.Join("; ", clauses)}.";
    }

    /// <summary>
    /// "Ben Carter's session on 26 Nov 2026 falls on a public holiday: Thanksgiving (US)." / "Ben Carter's sessions on
    /// 26 Nov, 25 Dec 2026 and 5 Jul 2027 fall on public holidays: Thanksgiving, Christmas and Independence Day (US)."
    /// </summary>
    private static string HolidayMessage(string name, List<ParticipantOccurrence> views)
    {
        var holidays = views.Select(view => view.Holiday!).ToList();
        var names = holidays.Select(holiday => holiday.Name).Distinct(StringComparer.Ordinal).ToList();
        var shown = names.Count > MessageText.DatesShown
            ? [.. names.Take(MessageText.DatesShown), $"{names.Count - MessageText.DatesShown} more"]
            : names;
        var countries = string.Join(", ", holidays.Select(holiday => holiday.CountryCode).Distinct(StringComparer.Ordinal));
        var what = $"{MessageText.Join(shown)} ({countries})";
        return views.Count == 1
            ? $"{name}'s session on {DateList(views)} falls on a public holiday: {what}."
            : $"{name}'s sessions on {DateList(views)} fall on public holidays: {what}.";
    }

    /// <summary>"for the session", "for every session", "at that time on 1 Dec and 15 Dec 2026".</summary>
    private static string When(List<ParticipantOccurrence> some, int all) => (some.Count, all) switch
    {
        (1, 1) => "for the session",
        _ when some.Count == all => "for every session",
        _ => $"at that time on {DateList(some)}",
    };

    private static List<LocalDate> Dates(List<ParticipantOccurrence> views) => [.. views.Select(view => view.LocalStart.Date)];

    private static string DateList(List<ParticipantOccurrence> views) => MessageText.Dates(Dates(views));

    private static string TimeList(List<ParticipantOccurrence> views) =>
        string.Join(" or ", views.Select(view => view.LocalStart.TimeOfDay).Distinct().Order().Select(MessageText.Time));
}
