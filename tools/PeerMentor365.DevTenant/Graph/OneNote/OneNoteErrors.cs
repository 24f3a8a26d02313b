namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>OneNote's errors: Graph's envelope with numeric-text codes (see docs/dev-tenant.md for the statuses chosen where Graph is silent).</summary>
internal static class OneNoteErrors
{
    public static GraphResponse NotFound(GraphRequest request) =>
        GraphErrors.Create(request, 404, "20102", "The specified resource ID does not exist.");

    /// <summary>A name already used at that level. Graph documents the code but not the status; the dev tenant answers 409.</summary>
    public static GraphResponse NameExists(GraphRequest request) =>
        GraphErrors.Create(request, 409, "20117", "An item with this name already exists in this location.");

    public static GraphResponse BadName(GraphRequest request, string message) =>
        GraphErrors.Create(request, 400, "20153", message);

    public static GraphResponse MalformedPage(GraphRequest request, string message) =>
        GraphErrors.Create(request, 400, "20109", message);

    public static GraphResponse BadRequest(GraphRequest request, string message) =>
        GraphErrors.Create(request, 400, "20001", message);

    public static GraphResponse NoReadAccess(GraphRequest request) =>
        GraphErrors.Create(request, 403, "40003", "The user does not have permission to access the requested resource.");

    public static GraphResponse NoWriteAccess(GraphRequest request) =>
        GraphErrors.Create(request, 403, "40002", "The user does not have permission to write to the requested location.");

    /// <summary>OneNote's throttling answer: 429 with code 20166 and, unlike the rest of Graph, no Retry-After.</summary>
    public static GraphResponse Throttled(GraphRequest request) =>
        GraphErrors.Create(request, 429, "20166", "The request was throttled because it exceeded the limit of requests for the user. Please wait before sending more requests.");
}
