using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>Reads the shared corpus of Graph's documented requests and responses.</summary>
internal static class GraphExamples
{
    public static JsonObject Load(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.GraphExamples(), relativePath);
        Assert.True(File.Exists(path), $"The Graph example {relativePath} is missing from {RepositoryPaths.GraphExamples()}.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    /// <summary>Every example file, as corpus-relative paths with '/' separators.</summary>
    public static IReadOnlyList<string> All()
    {
        var root = RepositoryPaths.GraphExamples();
        return
        [
            .. Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal),
        ];
    }

    public static string? Header(JsonObject headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
}
