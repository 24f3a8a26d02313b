using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace PeerMentor365.DevTenant.Tests.Events;

/// <summary>Seeded people and the events the tests create, as the backend builds them with the Graph SDK's models.</summary>
internal static class EventRequests
{
    public const string Ana = "ana.souza@contoso.dev";     // São Paulo
    public const string Ben = "ben.carter@contoso.dev";    // Seattle
    public const string Finn = "finn.walsh@contoso.dev";   // London

    public const string London = "GMT Standard Time";

    /// <summary>A recurring Teams meeting with the given attendees (required).</summary>
    public static Event Series(
        string subject,
        string start,
        string end,
        string zone,
        RecurrencePattern pattern,
        RecurrenceRange range,
        string? transactionId = null,
        params string[] attendees) => new()
        {
            Subject = subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = "<p>Our mentoring series.</p>" },
            Start = new DateTimeTimeZone { DateTime = start, TimeZone = zone },
            End = new DateTimeTimeZone { DateTime = end, TimeZone = zone },
            Recurrence = new PatternedRecurrence { Pattern = pattern, Range = range },
            Attendees = [.. attendees.Select(a => new Attendee { Type = AttendeeType.Required, EmailAddress = new EmailAddress { Address = a } })],
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            AllowNewTimeProposals = true,
            TransactionId = transactionId,
        };

    public static RecurrencePattern Weekly(DayOfWeekObject day, int interval = 1) => new()
    {
        Type = RecurrencePatternType.Weekly,
        Interval = interval,
        DaysOfWeek = [day],
        FirstDayOfWeek = DayOfWeekObject.Monday,
    };

    public static RecurrenceRange Numbered(int year, int month, int day, int count) => new()
    {
        Type = RecurrenceRangeType.Numbered,
        StartDate = new Date(year, month, day),
        NumberOfOccurrences = count,
    };

    public static RecurrenceRange EndDate(int year, int month, int day, Date end) => new()
    {
        Type = RecurrenceRangeType.EndDate,
        StartDate = new Date(year, month, day),
        EndDate = end,
    };
}
