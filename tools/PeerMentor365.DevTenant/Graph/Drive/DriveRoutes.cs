using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Drive;

/// <summary>Routes below a user's /drive, /drives/{driveId} (where the SDK's item builders go), and the tenant-wide /shares.</summary>
internal sealed class DriveRoutes(GraphContext context, DriveEndpoint drive)
{
    public GraphContext Context { get; } = context;

    /// <summary>The route for a user's drive path (segments[next] is "drive"), or null when it is not one.</summary>
    public GraphRoute? MatchUser(GraphRequest request, Mailbox mailbox, string[] segments, int next) =>
        Is(segments[next], "drive") ? Drive(request, mailbox, segments[(next + 1)..]) : null;

    /// <summary>The route for /drives/{driveId}/… (segments[0] is "drives").</summary>
    public GraphRoute? MatchDrives(GraphRequest request, string[] segments)
    {
        if (segments.Length < 2)
        {
            return Fixed(GraphErrors.SegmentNotFound(request, segments[0]));
        }

        var owner = Context.Seed.Mailboxes.FirstOrDefault(m => DriveItemIds.Drive(m.User) == segments[1]);
        return owner is null
            ? Fixed(DriveEndpoint.ItemNotFound(request))
            : Drive(request, owner, segments[2..]);
    }

    /// <summary>The route for /shares/… (segments[0] is "shares").</summary>
    public GraphRoute? MatchShares(GraphRequest request, string[] segments) => segments.Length switch
    {
        2 => Method(request, "GET", () => drive.GetShared(request, segments[1], wrapper: true)),
        3 when Is(segments[2], "driveItem") => Method(request, "GET", () => drive.GetShared(request, segments[1], wrapper: false)),
        _ => Fixed(GraphErrors.SegmentNotFound(request, segments[^1])),
    };

    private GraphRoute Drive(GraphRequest request, Mailbox owner, string[] path)
    {
        if (path.Length == 0)
        {
            return Method(request, "GET", () => drive.GetDrive(request, owner));
        }

        if (Is(path[0], "root") && path.Length == 1)
        {
            return Method(request, "GET", () => drive.GetItem(request, owner, "root"));
        }

        if (!Is(path[0], "items") || path.Length < 2)
        {
            return Fixed(GraphErrors.SegmentNotFound(request, path[0]));
        }

        var itemId = path[1];
        return path.Length switch
        {
            2 => Method(request, "GET", () => drive.GetItem(request, owner, itemId)),
            3 when Is(path[2], "invite") || Is(path[2], "microsoft.graph.invite") => Method(request, "POST", () => drive.Invite(request, owner, itemId)),
            3 when Is(path[2], "permissions") => Method(request, "GET", () => drive.ListPermissions(request, owner, itemId)),
            4 when Is(path[2], "permissions") => Method(request, "DELETE", () => drive.DeletePermission(request, owner, itemId, path[3])),
            _ => Fixed(GraphErrors.SegmentNotFound(request, path[^1])),
        };
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static GraphRoute Method(GraphRequest request, string method, Func<GraphResponse> handler) =>
        string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase)
            ? new GraphRoute(handler, null)
            : Fixed(GraphErrors.MethodNotAllowed(request));

    private static GraphRoute Fixed(GraphResponse response) => new(() => response, null);
}
