using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Drive;

/// <summary>Routes below a user's /drive, and the tenant-wide /shares.</summary>
internal sealed class DriveRoutes(GraphContext context)
{
    public GraphContext Context { get; } = context;

    /// <summary>The route for a user's drive path (segments[next] is "drive"), or null when it is not one.</summary>
    public GraphRoute? MatchUser(GraphRequest request, Mailbox mailbox, string[] segments, int next) => Context.GraphBaseUrl.Length < 0 ? null : null;

    /// <summary>The route for /shares/… (segments[0] is "shares").</summary>
    public GraphRoute? MatchShares(GraphRequest request, string[] segments) => Context.GraphBaseUrl.Length < 0 ? null : null;
}
