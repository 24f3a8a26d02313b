using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>
/// Routes below a user's /onenote. Every OneNote request, whatever its outcome, first passes the caller's OneNote
/// throttle (per-user rate and concurrency).
/// </summary>
internal sealed class OneNoteRoutes(GraphContext context, OneNoteThrottle throttle, NotebooksEndpoint notebooks, PagesEndpoint pages)
{
    public GraphContext Context { get; } = context;

    /// <summary>The route for <paramref name="segments"/> from index <paramref name="next"/> (the "onenote" segment), or null when it is not a OneNote path.</summary>
    public GraphRoute? Match(GraphRequest request, Mailbox mailbox, string[] segments, int next)
    {
        if (!Is(segments[next], "onenote"))
        {
            return null;
        }

        var handler = Handler(request, mailbox, segments[(next + 1)..]);
        return new GraphRoute(() => throttle.Run(request, handler), null);
    }

    private Func<GraphResponse> Handler(GraphRequest request, Mailbox mailbox, string[] path)
    {
        if (path.Length == 0)
        {
            return Fail(GraphErrors.SegmentNotFound(request, "onenote"));
        }

        var collection = path[0];
        if (Is(collection, "notebooks"))
        {
            return path.Length switch
            {
                1 => Methods(request, ("GET", () => notebooks.List(request, mailbox)), ("POST", () => notebooks.Create(request, mailbox))),
                2 when IsAction(path[1], "getNotebookFromWebUrl") => Methods(request, ("POST", () => notebooks.FromWebUrl(request))),
                2 => Methods(request, ("GET", () => notebooks.Get(request, mailbox, path[1]))),
                3 when Is(path[2], "sections") => Methods(request,
                    ("GET", () => notebooks.ListSections(request, mailbox, path[1])),
                    ("POST", () => notebooks.CreateSection(request, mailbox, path[1]))),
                _ => Fail(GraphErrors.SegmentNotFound(request, path[^1])),
            };
        }

        if (Is(collection, "sections"))
        {
            return path.Length switch
            {
                1 => Methods(request, ("GET", () => notebooks.ListSections(request, mailbox, null))),
                2 => Methods(request, ("GET", () => notebooks.GetSection(request, mailbox, path[1]))),
                3 when Is(path[2], "pages") => Methods(request,
                    ("GET", () => pages.List(request, mailbox, path[1])),
                    ("POST", () => pages.Create(request, mailbox, path[1]))),
                _ => Fail(GraphErrors.SegmentNotFound(request, path[^1])),
            };
        }

        if (Is(collection, "pages"))
        {
            return path.Length switch
            {
                1 => Methods(request, ("GET", () => pages.List(request, mailbox, null))),
                2 => Methods(request, ("GET", () => pages.Get(request, mailbox, path[1])), ("DELETE", () => pages.Delete(request, mailbox, path[1]))),
                3 when Is(path[2], "content") => Methods(request,
                    ("GET", () => pages.Content(request, mailbox, path[1])),
                    ("PATCH", () => pages.Patch(request, mailbox, path[1]))),
                3 when Is(path[2], "$value") => Methods(request, ("GET", () => pages.Content(request, mailbox, path[1]))),
                3 when IsAction(path[2], "onenotePatchContent") => Methods(request, ("POST", () => pages.Patch(request, mailbox, path[1]))),
                _ => Fail(GraphErrors.SegmentNotFound(request, path[^1])),
            };
        }

        return Fail(GraphErrors.SegmentNotFound(request, collection));
    }

    private static Func<GraphResponse> Methods(GraphRequest request, params (string Method, Func<GraphResponse> Handler)[] handlers)
    {
        foreach (var (method, handler) in handlers)
        {
            if (string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return handler;
            }
        }

        return Fail(GraphErrors.MethodNotAllowed(request));
    }

    private static Func<GraphResponse> Fail(GraphResponse response) => () => response;

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static bool IsAction(string segment, string name) => Is(segment, name) || Is(segment, "microsoft.graph." + name);
}
