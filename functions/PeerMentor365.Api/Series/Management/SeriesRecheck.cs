using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Graph;
using NodaTime;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Suggestions;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series.Management;

/// <summary>
/// Re-checks new session times before they are applied: everyone's free/busy and working hours in one $batch of
/// getSchedule (<see cref="ScheduleReader"/>), then the scheduling core's <see cref="SeriesCheck"/>, whose warnings are
/// those of suggestions. The series' own sessions where they are now are not held against the new times.
/// </summary>
internal static class SeriesRecheck
{
    public static async Task<SeriesCheckResult> CheckAsync(
        ScheduleReader schedules,
        GraphServiceClient graph,
        Pair pair,
        string organizerId,
        IReadOnlyList<Instant> starts,
        SessionLength length,
        IReadOnlyCollection<Interval> ownSessions,
        CancellationToken cancellationToken)
    {
        var members = pair.Members.OrderBy(member => member.UserId == organizerId ? 0 : 1).ToList();
        var mails = members.Select(member => member.Mail).ToList();
        var span = new Interval(starts[0], starts[^1] + length.Duration);
        var reading = await schedules.ReadAsync(graph, mails, span, cancellationToken);
        var byMail = reading.People.ToDictionary(person => person.Mail, StringComparer.OrdinalIgnoreCase);
        var own = ownSessions.ToHashSet();
        var organizerZone = byMail.GetValueOrDefault(mails[0])?.WorkingHours?.Zone ?? DateTimeZone.Utc;
        var participants = members.Select(member =>
        {
            var person = byMail.GetValueOrDefault(member.Mail);
            IReadOnlyList<BusyPeriod> busy = person is null ? [] : [.. person.Busy.Where(period => !own.Contains(period.Interval))];
            return ScheduleParticipants.From(member.Mail, member.DisplayName, person?.WorkingHours, busy, organizerZone, span);
        }).ToList();
        return SeriesCheck.Check(participants, starts, length);
    }

    /// <summary>
    /// 409 asking to confirm: <c>warnings</c> as suggestions carry them, and <c>occurrences</c>, every session that
    /// clashes or falls outside someone's working hours (start, end, who clashes and how, who is outside their hours).
    /// </summary>
    public static ProblemHttpResult NeedsConfirmation(SeriesCheckResult check, string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: title,
        detail: detail,
        extensions: new Dictionary<string, object?>
        {
            ["warnings"] = Describe(check),
            ["occurrences"] = check.Occurrences
                .Where(occurrence => occurrence.Participants.Any(person => !person.InsideWorkingHours || person.Conflict.IsHardConflict()))
                .Select(SuggestionMapping.ToDto)
                .ToList(),
        });

    /// <summary>The warnings as suggestions carry them (kind, mail, dates, message, and the holidays of a public-holiday warning).</summary>
    public static IReadOnlyList<WarningDto> Describe(SeriesCheckResult result) => [.. result.Warnings.Select(SuggestionMapping.ToDto)];
}
