using System.Net;
using System.Text;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>Oversized bodies, request lines and headers end as 4xx (413 problem for bodies), never 5xx.</summary>
[Collection(SharedApi.Name)]
public sealed class RequestLimitTests(ApiApplication app)
{
    [Theory]
    [InlineData("/api/pairs", 65 * 1024)]
    [InlineData("/api/suggestions", 65 * 1024)]
    [InlineData("/api/pairs/p_0000000000000000/goals", 65 * 1024)]
    [InlineData("/api/pairs", 300 * 1024)]
    public async Task A_json_body_over_the_routes_limit_is_413_problem(string path, int size)
    {
        using var client = app.Client(ApiApplication.Ana);

        using var response = await client.PostAsync(path, Json(size));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("64 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_body_that_grows_past_the_limit_is_413_problem()
    {
        using var client = app.Client(ApiApplication.Ana);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Body(100 * 1024))));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pairs") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read_as_usual()
    {
        using var client = app.Client(ApiApplication.Ana);

        using var response = await client.PostAsync("/api/pairs", Json(60 * 1024));

        await ProblemAssert.IsValidationProblemAsync(response, "peers");
    }

    [Fact]
    public async Task Routes_outside_api_have_the_servers_limit()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant))
        {
            ["Security:MaxRequestBodyKilobytes"] = "8",
            ["Security:JsonBodyKilobytes"] = "4",
        });
        using var client = api.CreateClient();

        using var small = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Content = Json(1024) });
        using var large = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Content = Json(9 * 1024) });
        using var json = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/me") { Content = Json(5 * 1024) });

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(large, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("8 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("4 KB", (await ProblemAssert.IsProblemAsync(json, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_url_or_header_is_refused_with_4xx()
    {
        using var client = app.Client(ApiApplication.Ana);
        using var headers = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        headers.Headers.TryAddWithoutValidation("X-Padding", new string('a', 40 * 1024));
        using var many = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        for (var i = 0; i < 120; i++)
        {
            many.Headers.TryAddWithoutValidation($"X-Many-{i}", "x");
        }

        using var longUrl = await client.GetAsync("/api/people?search=" + new string('a', 10 * 1024));
        using var bigHeader = await client.SendAsync(headers);
        using var manyHeaders = await client.SendAsync(many);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longUrl.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, bigHeader.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, manyHeaders.StatusCode);
    }

    private static string Body(int size) => "{\"peers\":[],\"padding\":\"" + new string('x', size) + "\"}";

    private static StringContent Json(int size) => new(Body(size), Encoding.UTF8, "application/json");
}
