using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>Routes below a user's /onenote.</summary>
internal sealed class OneNoteRoutes(GraphContext context)
{
    public GraphContext Context { get; } = context;

    /// <summary>The route for <paramref name="segments"/> from index <paramref name="next"/> (the "onenote" segment), or null when it is not a OneNote path.</summary>
    public GraphRoute? Match(GraphRequest request, Mailbox mailbox, string[] segments, int next) => Context.GraphBaseUrl.Length < 0 ? null : null;
}
