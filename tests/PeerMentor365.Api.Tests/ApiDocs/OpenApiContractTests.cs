using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.ApiDocs;

/// <summary>
/// The pane's types are generated (openapi-typescript, at every pane build) from addin/openapi.json, a checked-in copy
/// of the document the API serves, so a fresh machine builds the pane without running the API. This test keeps the
/// copy true: any change to a route, a request or an answer shape fails here until the copy is refreshed, and the
/// refreshed copy then fails the pane's type check wherever the pane still expects the old shape.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class OpenApiContractTests(ApiApplication app)
{
    /// <summary>Set to 1 to write the served document over the checked-in copy instead of failing.</summary>
    private const string UpdateVariable = "PEERMENTOR_UPDATE_OPENAPI";

    private static string CopyPath => Path.Combine(RepositoryPaths.Root, "addin", "openapi.json");

    [Fact]
    public async Task The_pane_is_typed_against_the_document_the_API_serves()
    {
        using var response = await app.Client().GetAsync("/api/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var served = Normalised(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CopyPath, text);
            return;
        }

        Assert.True(File.Exists(CopyPath), $"{CopyPath} is missing. Write it with {UpdateVariable}=1 dotnet test tests/PeerMentor365.Api.Tests --filter OpenApiContractTests.");
        var copy = JsonNode.Parse(await File.ReadAllTextAsync(CopyPath))!;
        Assert.True(
            JsonNode.DeepEquals(served, copy),
            $"addin/openapi.json differs from what the API serves at /api/openapi/v1.json. Refresh it with {UpdateVariable}=1 dotnet test tests/PeerMentor365.Api.Tests --filter OpenApiContractTests, then run the pane's type check (cd addin && npm run typecheck).");
    }

    [Fact]
    public async Task Every_value_in_a_route_is_a_declared_path_parameter_of_its_operations()
    {
        using var response = await app.Client().GetAsync("/api/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();

        var missing = new List<string>();
        foreach (var (path, item) in paths)
        {
            var inPath = Regex.Matches(path, @"\{([^}:]+)").Select(m => m.Groups[1].Value).ToList();
            foreach (var (method, operation) in item!.AsObject())
            {
                var declared = (operation!["parameters"]?.AsArray() ?? [])
                    .Where(p => (string?)p!["in"] == "path" && (bool?)p["required"] == true)
                    .Select(p => (string)p!["name"]!)
                    .ToHashSet();
                missing.AddRange(inPath.Where(name => !declared.Contains(name)).Select(name => $"{method.ToUpperInvariant()} {path}: {name}"));
            }
        }

        Assert.Empty(missing);
    }

    /// <summary>The server list names the host the test happened to use; the pane calls relative URLs, so it is left out.</summary>
    private static JsonNode Normalised(JsonNode document)
    {
        document.AsObject().Remove("servers");
        return document;
    }
}
