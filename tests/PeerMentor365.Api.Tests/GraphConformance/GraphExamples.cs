using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>One documented answer of Graph: status, headers and body as the documentation shows them.</summary>
public sealed record GraphExample(int Status, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>The body as JSON (documented JSON bodies are stored parsed).</summary>
    public JsonElement Json => JsonDocument.Parse(Body ?? throw new InvalidOperationException("The example has no body.")).RootElement.Clone();
}

/// <summary>
/// Graph's documented examples (../shared/graph-examples beside the clone, see its README), read at test time and
/// never copied into the repository: answers nobody here wrote.
/// </summary>
public static class GraphExamples
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "graph-examples"));

    /// <summary>The documented response of <paramref name="path"/> (relative to the corpus, e.g. <c>user-list/example-01-get-all-users.json</c>).</summary>
    public static GraphExample Response(string path)
    {
        var file = Path.Combine(Folder, path);
        Assert.True(File.Exists(file), $"Graph's documented examples are expected at {Folder} (shared/ beside the clone).");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var response = document.RootElement.GetProperty("response");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (response.TryGetProperty("headers", out var documented) && documented.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in documented.EnumerateObject())
            {
                // Content-Length belongs to the documented message's bytes, not to ours: the server sets its own.
                if (!header.NameEquals("Content-length") && !string.Equals(header.Name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    headers[header.Name] = header.Value.GetString()!;
                }
            }
        }

        var body = response.GetProperty("body");
        var text = body.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => body.GetString(),
            _ => body.GetRawText(),
        };
        return new GraphExample(response.GetProperty("status").GetInt32(), headers, text);
    }
}
