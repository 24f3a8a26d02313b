using NodaTime;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>
/// The calendars' created events, in memory. Handlers run concurrently (outer requests and batch items), so every
/// read and change happens under <see cref="Gate"/>.
/// </summary>
internal sealed class EventStore
{
    private readonly Dictionary<string, CalendarItem> _byCore = new(StringComparer.Ordinal);
    private readonly List<CalendarItem> _inOrder = [];
    private readonly Dictionary<(string OrganizerId, string TransactionId), Meeting> _byTransaction = [];

    public Lock Gate { get; } = new();

    public CalendarItem? Find(string core) => _byCore.GetValueOrDefault(core);

    /// <summary>The meeting the organizer already created with this transactionId (and has not deleted), if any.</summary>
    public Meeting? ByTransaction(Mailbox organizer, string transactionId) =>
        _byTransaction.TryGetValue((organizer.User.Id, transactionId), out var meeting) && !meeting.Cancelled ? meeting : null;

    public CalendarItem ItemOf(Meeting meeting, Mailbox mailbox) =>
        _inOrder.First(i => ReferenceEquals(i.Meeting, meeting) && ReferenceEquals(i.Mailbox, mailbox));

    /// <summary>Adds a meeting: the organizer's copy, then one per attendee who has a mailbox in the tenant.</summary>
    public CalendarItem Add(Meeting meeting, TenantSeed seed)
    {
        var organizerItem = AddCopy(meeting, meeting.Organizer);
        if (meeting.TransactionId is { } transactionId)
        {
            _byTransaction[(meeting.Organizer.User.Id, transactionId)] = meeting;
        }

        SyncAttendeeCopies(meeting, seed);
        return organizerItem;
    }

    /// <summary>Gives every attendee with a mailbox a copy (new attendees after a change) and removes dropped attendees' copies.</summary>
    public void SyncAttendeeCopies(Meeting meeting, TenantSeed seed)
    {
        var invited = new List<Mailbox>();
        foreach (var attendee in meeting.Attendees)
        {
            if (seed.Find(attendee.Address) is { } mailbox && !ReferenceEquals(mailbox, meeting.Organizer) && !invited.Contains(mailbox))
            {
                invited.Add(mailbox);
            }
        }

        foreach (var item in _inOrder.Where(i => ReferenceEquals(i.Meeting, meeting) && !i.IsOrganizer))
        {
            if (!invited.Contains(item.Mailbox))
            {
                item.Removed = true;
            }
        }

        foreach (var mailbox in invited)
        {
            if (_inOrder.FirstOrDefault(i => ReferenceEquals(i.Meeting, meeting) && ReferenceEquals(i.Mailbox, mailbox)) is { } existing)
            {
                existing.Removed = false;
            }
            else
            {
                AddCopy(meeting, mailbox);
            }
        }
    }

    /// <summary>The visible series masters and single events of a mailbox, oldest first.</summary>
    public IEnumerable<CalendarItem> ItemsOf(Mailbox mailbox) =>
        _inOrder.Where(i => ReferenceEquals(i.Mailbox, mailbox) && i.Visible);

    /// <summary>The mailbox's created events overlapping [from, to), as free/busy occurrences for getSchedule.</summary>
    public List<Occurrence> BusyIn(Mailbox mailbox, Instant from, Instant to)
    {
        lock (Gate)
        {
            var result = new List<Occurrence>();
            foreach (var item in ItemsOf(mailbox))
            {
                var meeting = item.Meeting;
                if (!meeting.IsSeries)
                {
                    var (start, end) = (meeting.Start.Instant, meeting.End.Instant);
                    if (start < to && end > from)
                    {
                        result.Add(new Occurrence(AsSeedEvent(item, meeting.Subject, meeting.Start), start, end));
                    }

                    continue;
                }

                foreach (var occurrence in meeting.OccurrencesOverlapping(from, to))
                {
                    if (!item.RemovedOccurrences.Contains(occurrence.OriginalDate))
                    {
                        result.Add(new Occurrence(AsSeedEvent(item, occurrence.Subject ?? meeting.Subject, occurrence.StartTime), occurrence.Start, occurrence.End));
                    }
                }
            }

            return result;
        }
    }

    /// <summary>What <see cref="DevTenantServer.EventsIn"/> reports for a mailbox.</summary>
    public List<DevTenantEvent> Summaries(Mailbox mailbox)
    {
        lock (Gate)
        {
            return [.. ItemsOf(mailbox).Select(item => new DevTenantEvent(
                item.Id,
                item.Meeting.ICalUId,
                item.Meeting.Subject,
                item.IsOrganizer ? item.Meeting.TransactionId : null,
                item.Meeting.IsSeries,
                item.IsOrganizer,
                item.Meeting.Organizer.User.Mail,
                [.. item.Meeting.Attendees.Select(a => a.Address)],
                item.Meeting.IsOnlineMeeting,
                [.. item.Meeting.Overrides.Where(o => o.Value.Cancelled).Select(o => o.Key.ToDateOnly()).Order()],
                item.Meeting.LastCancellationComment))];
        }
    }

    private static SeedEvent AsSeedEvent(CalendarItem item, string subject, ZonedTime start) =>
        new(item.Id, subject, item.Meeting.Location, ShowAs(item.Meeting.ShowAs), item.Meeting.Sensitivity is "private" or "confidential",
            start.Zone, new SingleTiming(start.Local, start.Local));

    private static FreeBusyStatus ShowAs(string showAs) => showAs.ToUpperInvariant() switch
    {
        "FREE" => FreeBusyStatus.Free,
        "TENTATIVE" => FreeBusyStatus.Tentative,
        "OOF" => FreeBusyStatus.Oof,
        "WORKINGELSEWHERE" => FreeBusyStatus.WorkingElsewhere,
        _ => FreeBusyStatus.Busy,
    };

    private CalendarItem AddCopy(Meeting meeting, Mailbox mailbox)
    {
        var item = new CalendarItem { IdCore = EventIds.NewCore(), Mailbox = mailbox, Meeting = meeting };
        _byCore[item.IdCore] = item;
        _inOrder.Add(item);
        return item;
    }
}
