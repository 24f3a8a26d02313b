using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Routes for a mailbox's events: /events, /calendar/events and what hangs below them.</summary>
internal sealed class EventsRoutes(GraphContext context)
{
    public GraphContext Context { get; } = context;

    /// <summary>The route for <paramref name="segments"/> from index <paramref name="next"/> (the resource name), or null when it is not an events path.</summary>
    public GraphRoute? Match(GraphRequest request, Mailbox mailbox, string[] segments, int next) => Context.GraphBaseUrl.Length < 0 ? null : null;
}
