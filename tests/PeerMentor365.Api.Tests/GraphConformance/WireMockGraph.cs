using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>Answers for WireMock standing in for Graph: documented examples served verbatim, and the failures Graph makes.</summary>
public static class WireMockGraph
{
    /// <summary>The path of a Graph v1.0 resource on the mock.</summary>
    public static string V1(string path) => "/v1.0" + path;

    public static IResponseBuilder Documented(GraphExample example)
    {
        var response = Response.Create().WithStatusCode(example.Status).WithHeaders(new Dictionary<string, string>(example.Headers));
        return example.Body is null ? response : response.WithBody(example.Body);
    }

    /// <summary>A 500 whose body is an HTML error page (a proxy or gateway in front of Graph).</summary>
    public static IResponseBuilder HtmlError() => Response.Create()
        .WithStatusCode(500)
        .WithHeader("Content-Type", "text/html; charset=utf-8")
        .WithBody("<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>");

    /// <summary>The documented answer cut off half-way (a connection that closed early).</summary>
    public static IResponseBuilder Truncated(GraphExample example) => Response.Create()
        .WithStatusCode(example.Status)
        .WithHeader("Content-Type", "application/json")
        .WithBody(example.Body![..(example.Body!.Length / 2)]);

    /// <summary>The documented answer, but only after far longer than the API's Graph timeout.</summary>
    public static IResponseBuilder Hanging(GraphExample example) => Documented(example).WithDelay(TimeSpan.FromSeconds(30));

    /// <summary>A throttling answer as Graph sends it, with Retry-After (seconds or an HTTP date).</summary>
    public static IResponseBuilder Throttled(int status, string? retryAfter)
    {
        var response = Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithBody(ThrottledBody(status));
        return retryAfter is null ? response : response.WithHeader("Retry-After", retryAfter);
    }

    /// <summary>Graph's error body of a throttling answer.</summary>
    public static string ThrottledBody(int status) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = status == 429 ? "TooManyRequests" : "ServiceUnavailable", ["message"] = "Please retry again later." } }.ToJsonString();

    /// <summary>A 200 JSON answer written by the test (an envelope around documented parts, or what the directory holds).</summary>
    public static IResponseBuilder Json(JsonNode body) => Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json")
        .WithBody(body.ToJsonString());

    /// <summary>Requests the mock received for <paramref name="method"/> on a path starting with <paramref name="pathPrefix"/>.</summary>
    public static IReadOnlyList<WireMock.Logging.ILogEntry> Received(WireMockServer server, string method, string pathPrefix) =>
        [.. server.LogEntries.Where(entry => entry.RequestMessage.Method == method && entry.RequestMessage.Path.StartsWith(V1(pathPrefix), StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// Graph's $batch answer to the batch the API sent, each item answered by <paramref name="answer"/> (given the item the
    /// API sent). The envelope is ours (the answer to the ids the API chose); the items' bodies are what the caller gives.
    /// </summary>
    public static string BatchEnvelope(string batchRequest, Func<JsonNode, BatchItemAnswer> answer)
    {
        var responses = new JsonArray();
        foreach (var node in JsonNode.Parse(batchRequest)!["requests"]!.AsArray())
        {
            var request = node!;
            var item = answer(request);
            responses.Add(new JsonObject
            {
                ["id"] = request["id"]!.GetValue<string>(),
                ["status"] = item.Status,
                ["headers"] = item.Headers,
                ["body"] = item.Body is null ? null : JsonNode.Parse(item.Body),
            });
        }

        return new JsonObject { ["responses"] = responses }.ToJsonString();
    }

    public static IRequestBuilder Get(string path) => Request.Create().UsingGet().WithPath(V1(path));

    public static IRequestBuilder Post(string path) => Request.Create().UsingPost().WithPath(V1(path));
}

/// <summary>The answer to one item of a $batch: its status, headers and body.</summary>
public sealed record BatchItemAnswer(int Status, JsonObject Headers, string? Body)
{
    /// <summary>The documented answer as a batch item (status, headers and body unchanged).</summary>
    public static BatchItemAnswer Of(GraphExample example)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in example.Headers)
        {
            headers[name] = value;
        }

        return new BatchItemAnswer(example.Status, headers, example.Body);
    }

    /// <summary>A throttled item (429 or 503) with Retry-After in seconds or as an HTTP date.</summary>
    public static BatchItemAnswer Throttled(int status, string retryAfter) =>
        new(status, new JsonObject { ["Content-Type"] = "application/json", ["Retry-After"] = retryAfter }, WireMockGraph.ThrottledBody(status));
}
