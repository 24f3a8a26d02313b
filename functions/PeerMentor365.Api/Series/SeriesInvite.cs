using System.Globalization;
using System.Text;
using Microsoft.Graph.Models;
using NodaTime;
using PeerMentor365.Api.OneNote;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;
using GraphPattern = Microsoft.Graph.Models.RecurrencePattern;
using Pattern = PeerMentor365.Scheduling.RecurrencePattern;

namespace PeerMentor365.Api.Series;

/// <summary>The links the invite carries to the shared agenda.</summary>
internal sealed record AgendaLinks(string PageWebUrl, string PageClientUrl, string NotebookWebUrl, string NotebookName);

/// <summary>A person invited to the series.</summary>
internal sealed record Invitee(string Mail, string DisplayName);

/// <summary>
/// The Graph event of a series (docs/series-api.md, "What the invite and the page say"): subject, HTML body with every
/// user-written text encoded and isolated (<see cref="Html.Isolate"/>), start and end as local times in the anchor zone's Windows name, the recurrence as Graph
/// demands it, Teams, required attendees and the transactionId that makes a re-sent create yield the same event.
/// </summary>
internal static class SeriesInvite
{
    public static Event Build(
        SeriesPlan plan,
        string subject,
        string bodyHtml,
        IReadOnlyList<Invitee> attendees,
        string transactionId)
    {
        var windows = TimeZoneNames.ToWindowsId(plan.Zone);
        var first = plan.Recurrence.FirstStart;
        return new Event
        {
            Subject = subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = bodyHtml },
            Start = new DateTimeTimeZone { DateTime = Wire.Graph.Format(first), TimeZone = windows },
            End = new DateTimeTimeZone { DateTime = Wire.Graph.Format(plan.Recurrence.FirstEnd), TimeZone = windows },
            Recurrence = Recurrence(plan, windows),
            Attendees = [.. attendees.Select(person => new Attendee
            {
                Type = AttendeeType.Required,
                EmailAddress = new EmailAddress { Address = person.Mail, Name = person.DisplayName },
            })],
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            AllowNewTimeProposals = true,
            ResponseRequested = true,
            TransactionId = transactionId,
        };
    }

    /// <summary>Graph's patternedRecurrence: range.startDate = the start's date, weekly with daysOfWeek and firstDayOfWeek, relativeMonthly with index.</summary>
    public static PatternedRecurrence Recurrence(SeriesPlan plan, string windowsZone)
    {
        var pattern = plan.Pattern;
        var startDate = plan.Recurrence.FirstStart.Date;
        var graphPattern = pattern.Kind == RecurrenceKind.Weekly
            ? new GraphPattern
            {
                Type = RecurrencePatternType.Weekly,
                Interval = pattern.Interval,
                DaysOfWeek = [Day(pattern.DayOfWeek)],
                FirstDayOfWeek = DayOfWeekObject.Monday,
            }
            : new GraphPattern
            {
                Type = RecurrencePatternType.RelativeMonthly,
                Interval = pattern.Interval,
                DaysOfWeek = [Day(pattern.DayOfWeek)],
                Index = Index(pattern.Index!.Value),
            };
        var range = plan.End.Sessions is { } count
            ? new RecurrenceRange
            {
                Type = RecurrenceRangeType.Numbered,
                StartDate = new Microsoft.Kiota.Abstractions.Date(startDate.Year, startDate.Month, startDate.Day),
                NumberOfOccurrences = count,
                RecurrenceTimeZone = windowsZone,
            }
            : new RecurrenceRange
            {
                Type = RecurrenceRangeType.EndDate,
                StartDate = new Microsoft.Kiota.Abstractions.Date(startDate.Year, startDate.Month, startDate.Day),
                EndDate = new Microsoft.Kiota.Abstractions.Date(plan.End.Date!.Value.Year, plan.End.Date.Value.Month, plan.End.Date.Value.Day),
                RecurrenceTimeZone = windowsZone,
            };
        return new PatternedRecurrence { Pattern = graphPattern, Range = range };
    }

    /// <summary>
    /// The invite's HTML body: what the series is for, the cadence in words, who takes the focus first, the agenda link
    /// (web and desktop) and the notebook link. Written once at creation; later changes never replace it.
    /// </summary>
    public static string Body(SeriesPlan plan, IReadOnlyList<string> memberNames, string purpose, string firstFocusName, AgendaLinks links)
    {
        var html = new StringBuilder(2048);
        html.Append("<html><body>");
        html.Append("<p>Peer mentoring for ").Append(JoinFull([.. memberNames.Select(Html.Isolate)])).Append(".</p>");
        html.Append("<p><b>What we meet for:</b> ").Append(Html.Isolate(purpose)).Append("</p>");
        html.Append("<p><b>How often:</b> ").Append(Html.Encode(CadenceInWords(plan))).Append("</p>");
        html.Append("<p><b>First focus:</b> ").Append(Html.Isolate(firstFocusName))
            .Append(" takes the focus first; after that it goes round in turn.</p>");
        html.Append("<p><b>Agenda:</b> <a href=\"").Append(Html.Encode(links.PageWebUrl)).Append("\">Open the agenda in OneNote</a>")
            .Append(" or <a href=\"").Append(Html.Encode(links.PageClientUrl)).Append("\">in the OneNote app</a>.</p>");
        html.Append("<p><b>Shared notebook:</b> <a href=\"").Append(Html.Encode(links.NotebookWebUrl)).Append("\">")
            .Append(Html.Isolate(links.NotebookName)).Append("</a> (every page of this series is there).</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>"every 2 weeks on Tuesday at 15:00 (Europe/London), 12 sessions" or "monthly on the last Friday …, until 2027-06-01".</summary>
    public static string CadenceInWords(SeriesPlan plan)
    {
        var pattern = plan.Pattern;
        var day = pattern.DayOfWeek.ToString();
        var how = pattern.Kind == RecurrenceKind.Weekly
            ? (pattern.Interval == 1 ? $"every week on {day}" : $"every {pattern.Interval.ToString(CultureInfo.InvariantCulture)} weeks on {day}")
            : $"monthly on the {pattern.Index!.Value.ToString().ToLowerInvariant()} {day}";
        var at = $" at {Wire.Format(plan.Recurrence.FirstStart.TimeOfDay)} ({plan.Zone.Id}), {plan.Recurrence.Length.Minutes.ToString(CultureInfo.InvariantCulture)} minutes";
        var end = plan.End.Sessions is { } count
            ? $", {count.ToString(CultureInfo.InvariantCulture)} session{(count == 1 ? string.Empty : "s")}"
            : $", until {Wire.Format(plan.End.Date!.Value)}";
        return how + at + end + ".";
    }

    private static string JoinFull(IReadOnlyList<string> names) => Subject.JoinNames(names).Replace(" & ", " and ", StringComparison.Ordinal);

    private static DayOfWeekObject Day(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => DayOfWeekObject.Monday,
        IsoDayOfWeek.Tuesday => DayOfWeekObject.Tuesday,
        IsoDayOfWeek.Wednesday => DayOfWeekObject.Wednesday,
        IsoDayOfWeek.Thursday => DayOfWeekObject.Thursday,
        IsoDayOfWeek.Friday => DayOfWeekObject.Friday,
        IsoDayOfWeek.Saturday => DayOfWeekObject.Saturday,
        _ => DayOfWeekObject.Sunday,
    };

    private static WeekIndex Index(WeekOfMonth week) => week switch
    {
        WeekOfMonth.First => WeekIndex.First,
        WeekOfMonth.Second => WeekIndex.Second,
        WeekOfMonth.Third => WeekIndex.Third,
        WeekOfMonth.Fourth => WeekIndex.Fourth,
        _ => WeekIndex.Last,
    };

    /// <summary>The API's pattern (as in the Series answer): type, interval, daysOfWeek, index.</summary>
    public static PatternResponse Describe(Pattern pattern) => new(
        pattern.Kind == RecurrenceKind.Weekly ? "weekly" : "relativeMonthly",
        pattern.Interval,
        [pattern.DayOfWeek.ToString().ToLowerInvariant()],
        pattern.Index?.ToString().ToLowerInvariant());
}
