using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace PeerMentor365.DevTenant.Graph.Batch;

/// <summary>
/// POST /$batch: up to 20 requests, unique ids, dependsOn sequencing (424 after a failed dependency).
/// Independent items run concurrently in waves; Outlook's limit of 4 concurrent requests per mailbox
/// applies inside a wave, so the fifth calendar item for one mailbox gets an inner 429 MailboxConcurrency.
/// </summary>
internal sealed class BatchEndpoint(GraphService service, GraphRequestLog log, TimeProvider clock)
{
    public const int MaxItems = 20;

    public async Task<GraphResponse> PostAsync(GraphRequest outer, bool hadAuthorization)
    {
        if (outer.BodyError is not null || outer.Body is not JsonObject body
            || !JsonParameters.TryGet(body, "requests", out var requestsNode) || requestsNode is not JsonArray requests)
        {
            return GraphErrors.BadRequest(outer, "Invalid batch payload format.", "BadRequest");
        }

        if (requests.Count == 0)
        {
            return GraphErrors.BadRequest(outer, "Invalid batch payload format: the requests array is empty.", "BadRequest");
        }

        if (requests.Count > MaxItems)
        {
            return GraphErrors.BadRequest(outer, $"Number of batch request steps exceeds the maximum of {MaxItems}.", "BadRequest");
        }

        var items = new List<BatchItem>();
        foreach (var node in requests)
        {
            var (item, error) = Parse(outer, node);
            if (error is not null)
            {
                return error;
            }

            if (items.Any(i => string.Equals(i.Id, item!.Id, StringComparison.OrdinalIgnoreCase)))
            {
                return GraphErrors.BadRequest(outer, $"Batch request contains duplicate id '{item!.Id}'. Each request must have a unique id.", "BadRequest");
            }

            items.Add(item!);
        }

        foreach (var item in items)
        {
            foreach (var dependency in item.DependsOn)
            {
                if (items.All(i => i.Id != dependency) || dependency == item.Id)
                {
                    return GraphErrors.BadRequest(outer, $"Request '{item.Id}' depends on '{dependency}', which is not a request of this batch.", "BadRequest");
                }
            }
        }

        var waves = Waves(items);
        if (waves is null)
        {
            return GraphErrors.BadRequest(outer, "The dependsOn references of this batch form a cycle.", "BadRequest");
        }

        var results = new Dictionary<string, GraphResponse>(StringComparer.Ordinal);
        foreach (var wave in waves)
        {
            await RunWaveAsync(outer, wave, results, hadAuthorization);
        }

        var responses = new JsonArray();
        foreach (var item in items)
        {
            responses.Add(Render(item.Id, results[item.Id]));
        }

        return GraphResponse.Ok(new JsonObject { ["responses"] = responses });
    }

    private async Task RunWaveAsync(GraphRequest outer, List<BatchItem> wave, Dictionary<string, GraphResponse> results, bool hadAuthorization)
    {
        var ready = new List<(BatchItem Item, GraphRequest Request, GraphRoute Route, IDisposable? Slot)>();
        var immediate = new List<(BatchItem Item, GraphRequest Request, GraphResponse Response)>();
        foreach (var item in wave)
        {
            var request = ToRequest(outer, item);
            var failedDependency = item.DependsOn.FirstOrDefault(d => results[d].Status >= 400);
            if (failedDependency is not null)
            {
                immediate.Add((item, request, GraphErrors.Create(request, 424, "FailedDependency",
                    $"The request depends on request '{failedDependency}', which failed.")));
                continue;
            }

            if (item.Error is not null)
            {
                immediate.Add((item, request, GraphErrors.BadRequest(request, item.Error)));
                continue;
            }

            if (service.DrawFault(request, isBatchItem: true) is { } fault)
            {
                immediate.Add((item, request, fault));
                continue;
            }

            var route = service.Route(request);
            IDisposable? slot = null;
            if (route.OutlookMailboxId is { } mailboxId)
            {
                // Every item of a wave is in flight together, so slots are taken for the whole wave before any runs.
                slot = service.TryEnterMailbox(mailboxId);
                if (slot is null)
                {
                    immediate.Add((item, request, GraphService.MailboxConcurrencyExceeded(request)));
                    continue;
                }
            }

            ready.Add((item, request, route, slot));
        }

        var running = ready.Select(entry => Task.Run(async () =>
        {
            GraphResponse response;
            try
            {
                response = GraphService.Run(entry.Request, entry.Route);
            }
            finally
            {
                entry.Slot?.Dispose();
            }

            await service.AnswerAsync(entry.Request);
            return (entry.Item, entry.Request, Response: response);
        })).ToList();
        var finished = await Task.WhenAll(running);

        foreach (var (item, request, response) in immediate.Concat(finished))
        {
            results[item.Id] = response;
            log.Add(new GraphRequestRecord(request.Method, request.Path, request.QueryString, hadAuthorization, response.Status, true, item.Id, clock.GetUtcNow()));
        }
    }

    private static List<List<BatchItem>>? Waves(List<BatchItem> items)
    {
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        var remaining = new List<BatchItem>(items);
        while (remaining.Count > 0)
        {
            var progressed = false;
            foreach (var item in remaining.ToList())
            {
                if (item.DependsOn.All(level.ContainsKey))
                {
                    level[item.Id] = item.DependsOn.Count == 0 ? 0 : item.DependsOn.Max(d => level[d]) + 1;
                    remaining.Remove(item);
                    progressed = true;
                }
            }

            if (!progressed)
            {
                return null;
            }
        }

        return [.. items.GroupBy(i => level[i.Id]).OrderBy(g => g.Key).Select(g => g.ToList())];
    }

    private static (BatchItem? Item, GraphResponse? Error) Parse(GraphRequest outer, JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return (null, GraphErrors.BadRequest(outer, "Invalid batch payload format: each request must be an object."));
        }

        JsonParameters.TryGet(json, "id", out var idNode);
        JsonParameters.TryGet(json, "method", out var methodNode);
        JsonParameters.TryGet(json, "url", out var urlNode);
        var id = JsonParameters.String(idNode);
        var method = JsonParameters.String(methodNode);
        var url = JsonParameters.String(urlNode);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(method) || string.IsNullOrWhiteSpace(url))
        {
            return (null, GraphErrors.BadRequest(outer, "Invalid batch payload format: every request needs an id, a method and a url."));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (JsonParameters.TryGet(json, "headers", out var headersNode) && headersNode is JsonObject headerObject)
        {
            foreach (var (name, value) in headerObject)
            {
                if (JsonParameters.String(value) is { } text)
                {
                    headers[name] = text;
                }
            }
        }

        var dependsOn = new List<string>();
        if (JsonParameters.TryGet(json, "dependsOn", out var dependsNode) && dependsNode is JsonArray dependsArray)
        {
            foreach (var dependency in dependsArray)
            {
                if (JsonParameters.String(dependency) is { } dependencyId)
                {
                    dependsOn.Add(dependencyId);
                }
            }
        }

        JsonParameters.TryGet(json, "body", out var bodyNode);
        var hasBody = bodyNode is not null;
        if (hasBody && !headers.ContainsKey("Content-Type"))
        {
            return (null, GraphErrors.BadRequest(outer, $"Write request id : {id} does not contain Content-Type header or body."));
        }

        string? itemError = null;
        if (url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
        {
            itemError = "Batch request urls must be relative to the version, e.g. /me or users?$top=5.";
        }

        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var path = "/" + (queryStart < 0 ? url : url[..queryStart]).TrimStart('/');
        var queryString = queryStart < 0 ? string.Empty : url[queryStart..];
        return (new BatchItem(id, method.ToUpperInvariant(), path, queryString, headers, bodyNode?.DeepClone(), hasBody, dependsOn, itemError), null);
    }

    private static GraphRequest ToRequest(GraphRequest outer, BatchItem item)
    {
        var query = QueryHelpers.ParseQuery(item.QueryString);
        var clientRequestId = item.Headers.TryGetValue("client-request-id", out var cid) ? cid : outer.ClientRequestId;
        return new GraphRequest
        {
            Method = item.Method,
            Path = item.Path,
            QueryString = item.QueryString,
            Query = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            Headers = item.Headers,
            Body = item.Body,
            HasBody = item.HasBody,
            BodyText = BodyText(item),
            ContentType = item.Headers.TryGetValue("Content-Type", out var contentType) ? contentType : null,
            Caller = outer.Caller,
            RequestId = Guid.NewGuid().ToString(),
            ClientRequestId = clientRequestId,
            IsBatchItem = true,
        };
    }

    /// <summary>
    /// A step's body as text: JSON as written; a string (how a non-JSON body such as a OneNote page travels) decoded
    /// from base64 when it is base64 (the SDK sends it so), else as it is.
    /// </summary>
    private static string? BodyText(BatchItem item)
    {
        if (item.Body is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var buffer = new byte[text.Length];
            return !text.Contains('<', StringComparison.Ordinal) && Convert.TryFromBase64String(text, buffer, out var written)
                ? System.Text.Encoding.UTF8.GetString(buffer, 0, written)
                : text;
        }

        return item.Body?.ToJsonString();
    }

    private static JsonObject Render(string id, GraphResponse response)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        var item = new JsonObject
        {
            ["id"] = id,
            ["status"] = response.Status,
            ["headers"] = headers,
        };
        if (response.Json is not null)
        {
            // Each response is built for this item alone, so its JSON can move into the batch without a copy.
            item["body"] = response.Json;
        }
        else if (response.Text is not null && response.Headers.GetValueOrDefault("Content-Type")?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            // HTML (OneNote page content) travels as a JSON string, which the SDK's batch response hands back as the content.
            item["body"] = response.Text;
        }
        else if (response.Text is not null)
        {
            // Non-JSON bodies travel base64-encoded inside a batch.
            item["body"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(response.Text));
        }

        return item;
    }

    private sealed record BatchItem(
        string Id,
        string Method,
        string Path,
        string QueryString,
        Dictionary<string, string> Headers,
        JsonNode? Body,
        bool HasBody,
        List<string> DependsOn,
        string? Error);
}
