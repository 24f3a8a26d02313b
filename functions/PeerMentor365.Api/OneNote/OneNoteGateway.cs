using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using PeerMentor365.Api.Graph;

namespace PeerMentor365.Api.OneNote;

/// <summary>A notebook as OneNote answers it.</summary>
internal sealed record NotebookInfo(string Id, string DisplayName, string WebUrl, string ClientUrl);

/// <summary>A section as OneNote answers it.</summary>
internal sealed record SectionInfo(string Id, string DisplayName);

/// <summary>A page as OneNote answers it.</summary>
internal sealed record PageInfo(string Id, string Title, string WebUrl, string ClientUrl);

/// <summary>A permission on the notebook's folder, reduced to who has it and whether it lets them write.</summary>
internal sealed record FolderPermission(string? UserId, string? Mail, bool CanWrite);

/// <summary>
/// OneNote and OneDrive through the Graph SDK, as the signed-in user (delegated: OneNote has no app-only access).
/// Requests for a $batch are built here (<c>…Request</c>), answers read here (<c>Read…</c>), and look-ups and the
/// notebook create are sent directly. Every call is paced per user by <see cref="OneNotePacer"/>; the SDK's own retries
/// are off for direct calls, so throttling is retried only by the pacer (1 s, 2 s, 4 s, with jitter).
/// Shared by the series creation and the nightly preparation (issue 5).
/// </summary>
internal sealed class OneNoteGateway(OneNotePacer pacer, GraphBatchSender batches)
{
    /// <summary>OneNote's code for "an item with this name already exists".</summary>
    public const string NameExistsCode = "20117";

    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    /// <summary>The path prefix of the owner's OneNote: /me for the caller's own, /users/{id} for a notebook another member owns.</summary>
    public static string OwnerRoot(string ownerId, string callerId) => ownerId == callerId ? "/me" : "/users/" + Uri.EscapeDataString(ownerId);

    // --- requests for a $batch ---------------------------------------------------------------------------------

    public static RequestInformation CreateSectionRequest(GraphServiceClient graph, string ownerRoot, string notebookId, string name) =>
        Json(graph, Method.POST, $"{ownerRoot}/onenote/notebooks/{Uri.EscapeDataString(notebookId)}/sections", new JsonObject { ["displayName"] = name });

    /// <summary>A page from XHTML (in a $batch the SDK carries a non-JSON body base64-encoded, as Graph expects).</summary>
    public static RequestInformation CreatePageRequest(GraphServiceClient graph, string ownerRoot, string sectionId, string xhtml)
    {
        var request = Plain(graph, Method.POST, $"{ownerRoot}/onenote/sections/{Uri.EscapeDataString(sectionId)}/pages");
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(xhtml)), "text/html");
        return request;
    }

    /// <summary>GET /shares/u!{base64url(web url)}/driveItem: the notebook's folder in its owner's OneDrive.</summary>
    public static RequestInformation ResolveFolderRequest(GraphServiceClient graph, string notebookWebUrl) =>
        Plain(graph, Method.GET, $"/shares/{ShareToken(notebookWebUrl)}/driveItem?$select=id,name,webUrl");

    /// <summary>POST /me/drive/items/{id}/invite: write access for <paramref name="mails"/>, sign-in required, no mail sent.</summary>
    public static RequestInformation InviteRequest(GraphServiceClient graph, string driveItemId, IEnumerable<string> mails) =>
        Json(graph, Method.POST, $"/me/drive/items/{Uri.EscapeDataString(driveItemId)}/invite", new JsonObject
        {
            ["recipients"] = new JsonArray([.. mails.Select(mail => (JsonNode)new JsonObject { ["email"] = mail })]),
            ["roles"] = new JsonArray("write"),
            ["requireSignIn"] = true,
            ["sendInvitation"] = false,
        });

    public static RequestInformation PermissionsRequest(GraphServiceClient graph, string driveItemId) =>
        Plain(graph, Method.GET, $"/me/drive/items/{Uri.EscapeDataString(driveItemId)}/permissions");

    /// <summary>"u!" + unpadded base64url of the URL: Graph's sharing token for a URL.</summary>
    public static string ShareToken(string url) => "u!" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url));

    // --- sending -------------------------------------------------------------------------------------------------

    /// <summary>One $batch (one round trip) for <paramref name="userKey"/>, paced as <paramref name="oneNoteCalls"/> OneNote calls.</summary>
    public Task<GraphBatchResult> SendBatchAsync(GraphServiceClient graph, string userKey, IReadOnlyList<GraphBatchStep> steps, int oneNoteCalls, CancellationToken cancellationToken) =>
        oneNoteCalls == 0
            ? batches.SendAsync(graph, steps, cancellationToken)
            : pacer.RunAsync(userKey, oneNoteCalls, token => batches.SendAsync(graph, steps, token), _ => false, cancellationToken);

    /// <summary>POST /me/onenote/notebooks; null when OneNote answers 20117 (the name exists: look it up).</summary>
    public async Task<NotebookInfo?> CreateNotebookAsync(GraphServiceClient graph, string userKey, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var json = await SendAsync(graph, userKey, () => Json(graph, Method.POST, "/me/onenote/notebooks", new JsonObject { ["displayName"] = name }), cancellationToken);
            return ReadNotebook(json!.RootElement);
        }
        catch (ODataError error) when (error.Error?.Code == NameExistsCode || error.Error?.InnerError?.AdditionalData.Values.Any(value => value?.ToString() == NameExistsCode) == true)
        {
            return null;
        }
    }

    public async Task<NotebookInfo?> FindNotebookAsync(GraphServiceClient graph, string userKey, string name, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(graph, userKey, () => Plain(graph, Method.GET, $"/me/onenote/notebooks?$filter={Filter("displayName", name)}"), cancellationToken);
        return First(json!.RootElement, ReadNotebook);
    }

    public async Task<SectionInfo?> FindSectionAsync(GraphServiceClient graph, string userKey, string ownerRoot, string notebookId, string name, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(graph, userKey, () => Plain(graph, Method.GET, $"{ownerRoot}/onenote/notebooks/{Uri.EscapeDataString(notebookId)}/sections?$filter={Filter("displayName", name)}"), cancellationToken);
        return First(json!.RootElement, ReadSection);
    }

    public async Task<PageInfo?> FindPageAsync(GraphServiceClient graph, string userKey, string ownerRoot, string sectionId, string title, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(graph, userKey, () => Plain(graph, Method.GET, $"{ownerRoot}/onenote/sections/{Uri.EscapeDataString(sectionId)}/pages?$filter={Filter("title", title)}"), cancellationToken);
        return First(json!.RootElement, ReadPage);
    }

    // --- answers -------------------------------------------------------------------------------------------------

    public static NotebookInfo ReadNotebook(JsonElement json) => new(
        Text(json, "id"), Text(json, "displayName"), Link(json, "oneNoteWebUrl"), Link(json, "oneNoteClientUrl"));

    public static SectionInfo ReadSection(JsonElement json) => new(Text(json, "id"), Text(json, "displayName"));

    public static PageInfo ReadPage(JsonElement json) => new(
        Text(json, "id"), Text(json, "title"), Link(json, "oneNoteWebUrl"), Link(json, "oneNoteClientUrl"));

    public static string ReadDriveItemId(JsonElement json) => Text(json, "id");

    /// <summary>The permissions of a folder (GET …/permissions): who they are granted to and whether they allow writing.</summary>
    public static IReadOnlyList<FolderPermission> ReadPermissions(JsonElement json)
    {
        var permissions = new List<FolderPermission>();
        if (!json.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return permissions;
        }

        foreach (var permission in value.EnumerateArray())
        {
            if (permission.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var canWrite = permission.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                && roles.EnumerateArray().Any(role => role.ValueKind == JsonValueKind.String && role.GetString() is "write" or "owner");
            var user = Path(permission, "grantedToV2", "user") ?? Path(permission, "grantedTo", "user");
            var mail = OptionalText(user, "email") ?? OptionalText(Path(permission, "invitation"), "email");
            permissions.Add(new FolderPermission(OptionalText(user, "id"), mail, canWrite));
        }

        return permissions;
    }

    // --- plumbing ------------------------------------------------------------------------------------------------

    /// <summary>Sends a request built by <paramref name="request"/>, afresh for every attempt: a sent body stream is gone.</summary>
    private async Task<JsonDocument?> SendAsync(GraphServiceClient graph, string userKey, Func<RequestInformation> request, CancellationToken cancellationToken)
    {
        return await pacer.RunAsync(
            userKey,
            1,
            async token =>
            {
                var attempt = request();

                // The pacer retries throttling (OneNote sends no Retry-After); the SDK's retry handler would wait 3 s, 6 s, 12 s.
                attempt.AddRequestOptions([new RetryHandlerOption { MaxRetry = 0 }]);
                var stream = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(attempt, Errors, token);
                if (stream is null)
                {
                    return null;
                }

                await using (stream)
                {
                    try
                    {
                        return await JsonDocument.ParseAsync(stream, cancellationToken: token);
                    }
                    catch (JsonException error)
                    {
                        throw GraphUnavailableException.Unreadable(error);
                    }
                }
            },
            _ => false,
            cancellationToken);
    }

    private static RequestInformation Plain(GraphServiceClient graph, Method method, string pathAndQuery)
    {
        var request = new RequestInformation { HttpMethod = method, URI = new Uri(graph.RequestAdapter.BaseUrl!.TrimEnd('/') + pathAndQuery) };
        request.Headers.Add("Accept", "application/json");
        return request;
    }

    private static RequestInformation Json(GraphServiceClient graph, Method method, string path, JsonObject body)
    {
        var request = Plain(graph, method, path);
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())), "application/json");
        return request;
    }

    private static string Filter(string property, string value) => Uri.EscapeDataString($"{property} eq '{value.Replace("'", "''", StringComparison.Ordinal)}'");

    private static T? First<T>(JsonElement json, Func<JsonElement, T> read)
        where T : class =>
        json.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            ? read(value[0])
            : null;

    private static string Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new GraphUnavailableException($"Microsoft Graph answered without {name}.", StatusCodes.Status502BadGateway, null);

    private static string? OptionalText(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement? Path(JsonElement json, params string[] names)
    {
        var current = json;
        foreach (var name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current) || current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
        }

        return current;
    }

    private static string Link(JsonElement json, string name) =>
        Path(json, "links", name) is { } link && OptionalText(link, "href") is { } href
            ? href
            : throw new GraphUnavailableException($"Microsoft Graph answered without links.{name}.", StatusCodes.Status502BadGateway, null);
}
