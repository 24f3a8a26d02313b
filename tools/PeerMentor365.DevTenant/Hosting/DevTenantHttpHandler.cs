using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using PeerMentor365.DevTenant.Graph;
using PeerMentor365.DevTenant.Graph.Batch;
using PeerMentor365.DevTenant.Identity;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Hosting;

/// <summary>Dispatches every HTTP request the dev tenant receives: Graph under /v1.0, identity under /{tenant}, dev tools under /dev.</summary>
internal sealed class DevTenantHttpHandler(
    DevTenantEndpoints endpoints,
    TenantSeed seed,
    TokenIssuer issuer,
    IdentityEndpoints identity,
    GraphService graph,
    BatchEndpoint batch,
    GraphRequestLog log,
    FaultSwitch faults,
    TimeProvider clock)
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        // Graph sends non-ASCII text as UTF-8, not \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.Equals("/v1.0", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase))
        {
            await GraphAsync(http, path["/v1.0".Length..]);
            return;
        }

        if (path.StartsWith("/dev/", StringComparison.OrdinalIgnoreCase) || IsTokenEndpoint(path))
        {
            if (Cors.Apply(http))
            {
                return;
            }
        }

        var tenantRoot = $"/{endpoints.TenantId}";
        if (path.Equals($"{tenantRoot}/v2.0/.well-known/openid-configuration", StringComparison.OrdinalIgnoreCase))
        {
            await WriteJsonAsync(http, 200, identity.DiscoveryDocument());
        }
        else if (path.Equals($"{tenantRoot}/discovery/v2.0/keys", StringComparison.OrdinalIgnoreCase))
        {
            await WriteJsonAsync(http, 200, identity.Jwks());
        }
        else if (IsTokenEndpoint(path))
        {
            var (status, body) = await identity.TokenAsync(http.Request);
            http.Response.Headers.CacheControl = "no-store, no-cache";
            await WriteJsonAsync(http, status, body);
        }
        else if (path.Equals($"{tenantRoot}/oauth2/v2.0/authorize", StringComparison.OrdinalIgnoreCase))
        {
            var (status, body) = identity.OAuthError(400, "unsupported_response_type", 70000,
                "The dev tenant has no interactive sign-in page: the pane signs in with the dev password grant (see docs/dev-tenant.md).");
            await WriteJsonAsync(http, status, body);
        }
        else if (path.Equals("/dev/accounts", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(http.Request.Method))
        {
            await WriteJsonAsync(http, 200, Accounts());
        }
        else if (path.Equals("/dev/faults", StringComparison.OrdinalIgnoreCase))
        {
            await FaultsAsync(http);
        }
        else if (path.Equals("/dev/step-up", StringComparison.OrdinalIgnoreCase))
        {
            await StepUpAsync(http);
        }
        else
        {
            await WriteProblemAsync(http, 404, "Not found", $"The dev tenant serves Graph under /v1.0, identity under /{endpoints.TenantId}, and /dev/accounts, /dev/faults and /dev/step-up.");
        }
    }

    private bool IsTokenEndpoint(string path) =>
        path.Equals($"/{endpoints.TenantId}/oauth2/v2.0/token", StringComparison.OrdinalIgnoreCase);

    private JsonObject Accounts()
    {
        var values = new JsonArray();
        foreach (var mailbox in seed.Mailboxes)
        {
            values.Add(new JsonObject
            {
                ["id"] = mailbox.User.Id,
                ["displayName"] = mailbox.User.DisplayName,
                ["mail"] = mailbox.User.Mail,
                ["timeZone"] = mailbox.User.TimeZone,
                ["jobTitle"] = mailbox.User.JobTitle,
                ["officeLocation"] = mailbox.User.OfficeLocation,
            });
        }

        return new JsonObject { ["value"] = values };
    }

    /// <summary>PUT {"mail": "…", "required": true|false}: marks (or clears) a user for multi-factor step-up (see DevTenantServer.RequireStepUp).</summary>
    private async Task StepUpAsync(HttpContext http)
    {
        if (!HttpMethods.IsPut(http.Request.Method))
        {
            await WriteProblemAsync(http, 405, "Method not allowed", "Use PUT on /dev/step-up with {\"mail\": \"…\", \"required\": true}.");
            return;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        var mail = body?["mail"] is JsonValue mailValue && mailValue.TryGetValue<string>(out var text) ? text : null;
        var required = body?["required"] is JsonValue requiredValue && requiredValue.TryGetValue<bool>(out var flag) && flag;
        if (mail is null || seed.Find(mail) is not { } mailbox)
        {
            await WriteProblemAsync(http, 400, "Unknown user", "Send {\"mail\": a seeded user's mail, \"required\": true or false}.");
            return;
        }

        identity.RequireStepUp(mailbox.User, required);
        await WriteJsonAsync(http, 200, new JsonObject { ["mail"] = mailbox.User.Mail, ["required"] = required });
    }

    private async Task FaultsAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await WriteJsonAsync(http, 200, FaultJson(faults.Current));
            return;
        }

        if (!HttpMethods.IsPut(http.Request.Method))
        {
            await WriteProblemAsync(http, 405, "Method not allowed", "Use GET or PUT on /dev/faults.");
            return;
        }

        FaultSettingsBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, FaultSettingsJsonContext.Default.FaultSettingsBody, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            await WriteProblemAsync(http, 400, "Malformed fault settings", $"The body is not valid JSON for fault settings: {ex.Message}");
            return;
        }

        if (body is null)
        {
            await WriteProblemAsync(http, 400, "Malformed fault settings", "Send {\"rate\": 0.2, \"kind\": \"tooManyRequests\", \"retryAfterSeconds\": 1}.");
            return;
        }

        var kind = FaultKind.TooManyRequests;
        if (body.Kind is not null && !(Enum.TryParse(body.Kind, ignoreCase: true, out kind) && Enum.IsDefined(kind)))
        {
            await WriteProblemAsync(http, 400, "Unknown fault kind", "kind must be tooManyRequests, serviceUnavailable, mixed or dropAfterWrite.");
            return;
        }

        var target = FaultTarget.AllRequests;
        if (body.Target is not null && !(Enum.TryParse(body.Target, ignoreCase: true, out target) && Enum.IsDefined(target)))
        {
            await WriteProblemAsync(http, 400, "Unknown fault target", "target must be allRequests, outerRequestsOnly or batchItemsOnly.");
            return;
        }

        var settings = new FaultOptions
        {
            Rate = body.Rate ?? 0,
            Kind = kind,
            RetryAfterSeconds = body.RetryAfterSeconds ?? 1,
            RandomSeed = body.RandomSeed,
            Target = target,
            PathPrefix = body.PathPrefix,
            MaxFaults = body.MaxFaults,
        };
        try
        {
            faults.Set(settings);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            await WriteProblemAsync(http, 400, "Invalid fault settings", ex.Message);
            return;
        }

        await WriteJsonAsync(http, 200, FaultJson(faults.Current));
    }

    private static JsonObject FaultJson(FaultOptions options) => new()
    {
        ["rate"] = options.Rate,
        ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(options.Kind.ToString()),
        ["retryAfterSeconds"] = options.RetryAfterSeconds,
        ["randomSeed"] = options.RandomSeed,
        ["target"] = JsonNamingPolicy.CamelCase.ConvertName(options.Target.ToString()),
        ["pathPrefix"] = options.PathPrefix,
        ["maxFaults"] = options.MaxFaults,
    };

    private async Task GraphAsync(HttpContext http, string graphPath)
    {
        var started = clock.GetUtcNow();
        var authorization = http.Request.Headers.Authorization.ToString();
        var hadAuthorization = authorization.Length > 0;
        var requestId = Guid.NewGuid().ToString();
        var clientRequestId = http.Request.Headers["client-request-id"].ToString() is { Length: > 0 } cid ? cid : requestId;
        var path = graphPath.Length == 0 ? "/" : graphPath;
        var queryString = http.Request.QueryString.Value ?? string.Empty;

        GraphResponse response;
        var dropConnection = false;
        Mailbox? caller = null;
        string? authFailure = null;
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= "Bearer ".Length)
        {
            authFailure = "Access token is empty.";
        }
        else
        {
            var check = await issuer.ValidateAsync(authorization["Bearer ".Length..].Trim(), DevTenantDefaults.GraphAudience);
            caller = check.IsValid ? seed.Mailboxes.FirstOrDefault(m => string.Equals(m.User.Id, check.ObjectId, StringComparison.OrdinalIgnoreCase)) : null;
            authFailure = check.Failure switch
            {
                null when caller is null => "Access token validation failure: the user does not exist in this tenant.",
                null => null,
                TokenFailure.Expired => "Lifetime validation failed, the token is expired.",
                TokenFailure.NotYetValid => "Lifetime validation failed, the token is not yet valid.",
                TokenFailure.WrongAudience => "Access token validation failure. Invalid audience.",
                TokenFailure.WrongIssuer => "Access token validation failure. Invalid issuer.",
                TokenFailure.BadSignature => "Access token validation failure. Invalid signature.",
                _ => "Access token validation failure. The token is malformed.",
            };
        }

        if (authFailure is not null || caller is null)
        {
            response = GraphErrors.Create(requestId, clientRequestId, 401, "InvalidAuthenticationToken", authFailure ?? "Access token validation failure.");
            response.Headers["WWW-Authenticate"] = $"Bearer realm=\"\", authorization_uri=\"{endpoints.AuthorizeEndpoint}\", client_id=\"00000003-0000-0000-c000-000000000000\"";
        }
        else
        {
            var request = await ReadRequestAsync(http, path, queryString, caller, requestId, clientRequestId);
            if (request.BodyError == BodyTooLarge)
            {
                response = GraphErrors.Create(request, 413, "RequestEntityTooLarge", "The request body is larger than the dev tenant accepts (4 MB).");
            }
            else if (string.Equals(path.TrimEnd('/'), "/$batch", StringComparison.OrdinalIgnoreCase))
            {
                response = !HttpMethods.IsPost(http.Request.Method)
                    ? GraphErrors.MethodNotAllowed(request)
                    : graph.DrawFault(request, isBatchItem: false) ?? await batch.PostAsync(request, hadAuthorization);
                dropConnection = graph.DropsAfterWrite(request, response);
            }
            else
            {
                response = graph.Execute(request);
                dropConnection = graph.DropsAfterWrite(request, response);
                await graph.AnswerAsync(request);
            }
        }

        log.Add(new GraphRequestRecord(http.Request.Method, path, queryString, hadAuthorization, response.Status, false, null, started));
        if (dropConnection)
        {
            // Fault DropAfterWrite: the write happened, the client never hears of it.
            http.Abort();
            return;
        }

        http.Response.Headers["request-id"] = requestId;
        http.Response.Headers["client-request-id"] = clientRequestId;
        await WriteGraphAsync(http, response);
    }

    private const string BodyTooLarge = "body too large";

    private static async Task<GraphRequest> ReadRequestAsync(HttpContext http, string path, string queryString, Mailbox caller, string requestId, string clientRequestId)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in http.Request.Headers)
        {
            if (!string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = value.ToString();
            }
        }

        JsonNode? body = null;
        string? bodyError = null;
        var hasBody = false;
        string? bodyText = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes)
                {
                    bodyError = BodyTooLarge;
                    break;
                }
            }

            hasBody = buffer.Length > 0;
            if (hasBody && bodyError is null)
            {
                bodyText = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                try
                {
                    body = JsonNode.Parse(buffer.ToArray());
                }
                catch (JsonException ex)
                {
                    bodyError = ex.Message;
                }
            }
        }

        var query = QueryHelpers.ParseQuery(queryString);
        return new GraphRequest
        {
            Method = http.Request.Method.ToUpperInvariant(),
            Path = path,
            QueryString = queryString,
            Query = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            Headers = headers,
            Body = body,
            BodyError = bodyError,
            HasBody = hasBody,
            BodyText = bodyText,
            ContentType = http.Request.ContentType,
            Caller = caller,
            RequestId = requestId,
            ClientRequestId = clientRequestId,
        };
    }

    private static async Task WriteGraphAsync(HttpContext http, GraphResponse response)
    {
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            if (!string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers[name] = value;
            }
        }

        http.Response.Headers.CacheControl = "no-cache";
        if (response.Json is not null)
        {
            http.Response.ContentType = response.Headers.GetValueOrDefault("Content-Type") ?? "application/json";
            await using var writer = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = WriteOptions.Encoder });
            response.Json.WriteTo(writer, WriteOptions);
            await writer.FlushAsync(http.RequestAborted);
        }
        else if (response.Text is not null)
        {
            http.Response.ContentType = response.Headers.GetValueOrDefault("Content-Type") ?? "text/plain";
            await http.Response.WriteAsync(response.Text, Encoding.UTF8);
        }
    }

    private static async Task WriteJsonAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(WriteOptions), Encoding.UTF8);
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        var problem = new JsonObject { ["type"] = "about:blank", ["title"] = title, ["status"] = status, ["detail"] = detail };
        await http.Response.WriteAsync(problem.ToJsonString(WriteOptions), Encoding.UTF8);
    }
}

internal sealed class FaultSettingsBody
{
    public double? Rate { get; set; }
    public string? Kind { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public int? RandomSeed { get; set; }
    public string? Target { get; set; }
    public string? PathPrefix { get; set; }
    public int? MaxFaults { get; set; }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
[System.Text.Json.Serialization.JsonSerializable(typeof(FaultSettingsBody))]
internal sealed partial class FaultSettingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
