using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Routes for a mailbox's events: /events, /calendar/events and what hangs below them.</summary>
internal sealed class EventsRoutes(GraphContext context, EventReads reads, EventWrites writes)
{
    public GraphContext Context { get; } = context;

    /// <summary>The route for <paramref name="segments"/> from index <paramref name="next"/> (the resource name), or null when it is not an events path.</summary>
    public GraphRoute? Match(GraphRequest request, Mailbox mailbox, string[] segments, int next)
    {
        int rest;
        if (Is(segments[next], "events"))
        {
            rest = next + 1;
        }
        else if (Is(segments[next], "calendar") && segments.Length > next + 1 && Is(segments[next + 1], "events"))
        {
            rest = next + 2;
        }
        else
        {
            return null;
        }

        var outlook = mailbox.User.Id;
        if (!ReferenceEquals(request.Caller, mailbox))
        {
            // A delegated caller reaches only their own calendar here (no shared or delegated calendars are simulated).
            return new GraphRoute(() => GraphErrors.Create(request, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."), outlook);
        }

        var remaining = segments.Length - rest;
        if (remaining == 0)
        {
            return request.Method switch
            {
                "GET" => new GraphRoute(() => reads.List(request, mailbox), outlook),
                "POST" => new GraphRoute(() => writes.Create(request, mailbox), outlook),
                _ => Fixed(GraphErrors.MethodNotAllowed(request), outlook),
            };
        }

        var id = segments[rest];
        if (remaining == 1)
        {
            return request.Method switch
            {
                "GET" => new GraphRoute(() => reads.Get(request, mailbox, id), outlook),
                "PATCH" => new GraphRoute(() => writes.Update(request, mailbox, id), outlook),
                "DELETE" => new GraphRoute(() => writes.Delete(request, mailbox, id), outlook),
                _ => Fixed(GraphErrors.MethodNotAllowed(request), outlook),
            };
        }

        if (remaining == 2)
        {
            var action = segments[rest + 1];
            if (Is(action, "instances"))
            {
                return request.Method == "GET" ? new GraphRoute(() => reads.Instances(request, mailbox, id), outlook) : Fixed(GraphErrors.MethodNotAllowed(request), outlook);
            }

            if (Is(action, "cancel") || Is(action, "microsoft.graph.cancel"))
            {
                return request.Method == "POST" ? new GraphRoute(() => writes.Cancel(request, mailbox, id), outlook) : Fixed(GraphErrors.MethodNotAllowed(request), outlook);
            }
        }

        return Fixed(GraphErrors.SegmentNotFound(request, segments[Math.Min(rest + 1, segments.Length - 1)]), outlook);
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static GraphRoute Fixed(GraphResponse response, string mailboxId) => new(() => response, mailboxId);
}
