using PeerMentor365.DevTenant.Graph.Calendar;
using PeerMentor365.DevTenant.Graph.AppRegistrations;
using PeerMentor365.DevTenant.Graph.Drive;
using PeerMentor365.DevTenant.Graph.Events;
using PeerMentor365.DevTenant.Graph.OneNote;
using PeerMentor365.DevTenant.Graph.MailboxSettings;
using PeerMentor365.DevTenant.Graph.Users;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph;

/// <summary>A matched Graph route: what to run, and which mailbox's Outlook concurrency it uses (if any).</summary>
internal sealed record GraphRoute(Func<GraphResponse> Handler, string? OutlookMailboxId);

/// <summary>Maps a Graph request path (below /v1.0) to its handler, answering unknown segments and methods as Graph does.</summary>
internal sealed class GraphRouter(
    GraphContext context,
    UsersEndpoint users,
    MailboxSettingsEndpoint mailboxSettings,
    GetScheduleEndpoint getSchedule,
    EventsRoutes events,
    OneNoteRoutes oneNote,
    DriveRoutes drive,
    DirectoryRoutes directory)
{
    public static string[] Segments(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    public GraphRoute Match(GraphRequest request)
    {
        var segments = Segments(request.Path);
        if (segments.Length == 0)
        {
            return Fixed(GraphErrors.Create(request, 400, "BadRequest", "Invalid version."));
        }

        var root = segments[0];
        if (Is(root, "me"))
        {
            return MatchUser(request, request.Caller, segments, 1);
        }

        if (Is(root, "users"))
        {
            if (segments.Length == 1)
            {
                return Method(request, "GET", () => users.List(request));
            }

            if (segments[1] == "$count")
            {
                return segments.Length == 2
                    ? Method(request, "GET", () => users.Count(request))
                    : Fixed(GraphErrors.SegmentNotFound(request, segments[2]));
            }

            var mailbox = context.Seed.Find(segments[1]);
            if (mailbox is null)
            {
                var outlook = segments.Length > 2 && IsOutlookResource(segments[2]);
                return Fixed(outlook
                    ? GraphErrors.MailboxUserNotFound(request, segments[1])
                    : GraphErrors.UserNotFound(request, segments[1]));
            }

            return MatchUser(request, mailbox, segments, 2);
        }

        if (Is(root, "drives"))
        {
            return drive.MatchDrives(request, segments) ?? Fixed(GraphErrors.SegmentNotFound(request, root));
        }

        if (Is(root, "shares"))
        {
            return drive.MatchShares(request, segments) ?? Fixed(GraphErrors.SegmentNotFound(request, root));
        }

        return directory.Match(request, segments) ?? Fixed(GraphErrors.SegmentNotFound(request, root));
    }

    private GraphRoute MatchUser(GraphRequest request, Mailbox mailbox, string[] segments, int next)
    {
        if (segments.Length == next)
        {
            return Method(request, "GET", () => users.GetOne(request, mailbox));
        }

        var resource = segments[next];
        if ((events.Match(request, mailbox, segments, next) ?? oneNote.Match(request, mailbox, segments, next)
                ?? drive.MatchUser(request, mailbox, segments, next)) is { } delegated)
        {
            return delegated;
        }

        if (Is(resource, "mailboxSettings"))
        {
            if (segments.Length > next + 2)
            {
                return Fixed(GraphErrors.SegmentNotFound(request, segments[next + 2]));
            }

            var property = segments.Length == next + 2 ? segments[next + 1] : null;
            return Method(request, "GET", () => mailboxSettings.Get(request, mailbox, property), mailbox.User.Id);
        }

        if (Is(resource, "calendar"))
        {
            if (segments.Length == next + 2 && (Is(segments[next + 1], "getSchedule") || Is(segments[next + 1], "microsoft.graph.getSchedule")))
            {
                return Method(request, "POST", () => getSchedule.Post(request), mailbox.User.Id);
            }

            return Fixed(GraphErrors.SegmentNotFound(request, segments.Length > next + 1 ? segments[next + 1] : resource));
        }

        return Fixed(GraphErrors.SegmentNotFound(request, resource));
    }

    /// <summary>Outlook (Exchange) resources under a user: these count against the mailbox's concurrency limit.</summary>
    public static bool IsOutlookResource(string segment) =>
        segment.ToUpperInvariant() is "CALENDAR" or "CALENDARS" or "EVENTS" or "CALENDARVIEW" or "MAILBOXSETTINGS"
            or "FINDMEETINGTIMES" or "CALENDARGROUPS" or "MESSAGES" or "MAILFOLDERS" or "CONTACTS" or "CONTACTFOLDERS";

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static GraphRoute Method(GraphRequest request, string method, Func<GraphResponse> handler, string? outlookMailbox = null) =>
        string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase)
            ? new GraphRoute(handler, outlookMailbox)
            : Fixed(GraphErrors.MethodNotAllowed(request));

    private static GraphRoute Fixed(GraphResponse response) => new(() => response, null);
}
