using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph;

/// <summary>A Graph request as the handlers see it, whether it came over HTTP or inside a $batch.</summary>
internal sealed class GraphRequest
{
    public required string Method { get; init; }

    /// <summary>The path below /v1.0, starting with '/'.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, with its leading '?' (or empty).</summary>
    public required string QueryString { get; init; }

    public required IReadOnlyDictionary<string, StringValues> Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The JSON body, when one was sent and parsed.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>Why the body did not parse, when it did not.</summary>
    public string? BodyError { get; init; }

    public bool HasBody { get; init; }

    /// <summary>The body as text (UTF-8), whatever its type: HTML pages and JSON alike. In a $batch, a string body is given here decoded from base64 when it was sent that way.</summary>
    public string? BodyText { get; init; }

    /// <summary>The request's Content-Type header, when one was sent.</summary>
    public string? ContentType { get; init; }

    public required Mailbox Caller { get; init; }

    public required string RequestId { get; init; }

    public required string ClientRequestId { get; init; }

    public bool IsBatchItem { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A query option by name, with or without its '$' (v1.0 makes the prefix optional), case-insensitively.</summary>
    public string? Option(string name)
    {
        var bare = name.TrimStart('$');
        foreach (var (key, value) in Query)
        {
            if (string.Equals(key.TrimStart('$'), bare, StringComparison.OrdinalIgnoreCase))
            {
                return value.ToString();
            }
        }

        return null;
    }

    public bool EventualConsistency =>
        string.Equals(Header("ConsistencyLevel")?.Trim(), "eventual", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A Graph response before it is written to HTTP or into a $batch item.</summary>
internal sealed class GraphResponse
{
    public const string ODataJson = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    public int Status { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public JsonNode? Json { get; init; }

    public string? Text { get; init; }

    public static GraphResponse Ok(JsonNode json, int status = StatusCodes.Status200OK)
    {
        var response = new GraphResponse { Status = status, Json = json };
        response.Headers["Cache-Control"] = "no-cache";
        response.Headers["OData-Version"] = "4.0";
        response.Headers["Content-Type"] = ODataJson;
        return response;
    }

    /// <summary>An HTML body (OneNote page content); inside a $batch it travels as a JSON string.</summary>
    public static GraphResponse Html(string html, int status = StatusCodes.Status200OK)
    {
        var response = new GraphResponse { Status = status, Text = html };
        response.Headers["Cache-Control"] = "no-cache";
        response.Headers["Content-Type"] = "text/html; charset=utf-8";
        return response;
    }

    /// <summary>A response without a body (204 by default).</summary>
    public static GraphResponse Empty(int status = StatusCodes.Status204NoContent)
    {
        var response = new GraphResponse { Status = status };
        response.Headers["Cache-Control"] = "no-cache";
        return response;
    }

    public static GraphResponse PlainText(string text)
    {
        var response = new GraphResponse { Status = StatusCodes.Status200OK, Text = text };
        response.Headers["Cache-Control"] = "no-cache";
        response.Headers["Content-Type"] = "text/plain";
        return response;
    }
}

/// <summary>Graph's error JSON: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
internal static class GraphErrors
{
    public static GraphResponse Create(GraphRequest request, int status, string code, string message) =>
        Create(request.RequestId, request.ClientRequestId, status, code, message);

    public static GraphResponse Create(string requestId, string clientRequestId, int status, string code, string message)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = clientRequestId,
                },
            },
        };
        var response = new GraphResponse { Status = status, Json = body };
        response.Headers["Cache-Control"] = "no-cache";
        response.Headers["Content-Type"] = "application/json";
        return response;
    }

    public static GraphResponse BadRequest(GraphRequest request, string message, string code = "BadRequest") =>
        Create(request, StatusCodes.Status400BadRequest, code, message);

    public static GraphResponse SegmentNotFound(GraphRequest request, string segment) =>
        BadRequest(request, $"Resource not found for the segment '{segment}'.");

    public static GraphResponse MethodNotAllowed(GraphRequest request) =>
        Create(request, StatusCodes.Status405MethodNotAllowed, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");

    public static GraphResponse UserNotFound(GraphRequest request, string idOrMail) =>
        Create(request, StatusCodes.Status404NotFound, "Request_ResourceNotFound",
            $"Resource '{idOrMail}' does not exist or one of its queried reference-property objects are not present.");

    public static GraphResponse MailboxUserNotFound(GraphRequest request, string idOrMail) =>
        Create(request, StatusCodes.Status404NotFound, "ErrorInvalidUser", $"The requested user '{idOrMail}' is invalid.");

    public static GraphResponse TimeZoneNotSupported(GraphRequest request, string? zone) =>
        BadRequest(request, $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{zone}'.", "TimeZoneNotSupportedException");

    public static GraphResponse Throttled(GraphRequest request, int retryAfterSeconds, string code, string message)
    {
        var response = Create(request, StatusCodes.Status429TooManyRequests, code, message);
        response.Headers["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }
}
