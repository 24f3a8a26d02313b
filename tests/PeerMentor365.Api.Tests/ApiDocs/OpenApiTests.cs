using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.ApiDocs;

[Collection(SharedApi.Name)]
public sealed class OpenApiTests(ApiApplication app)
{
    [Fact]
    public async Task The_OpenAPI_document_is_served_and_describes_the_public_routes()
    {
        using var response = await app.Client().GetAsync("/api/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/suggestions", out var suggestions));
        Assert.True(suggestions.TryGetProperty("post", out var post));
        Assert.True(post.TryGetProperty("requestBody", out _), "POST /api/suggestions documents its body.");
        Assert.True(paths.TryGetProperty("/api/people", out _));
        Assert.True(paths.TryGetProperty("/api/me", out _));
        Assert.True(paths.TryGetProperty("/api/client-config", out _));
    }
}
