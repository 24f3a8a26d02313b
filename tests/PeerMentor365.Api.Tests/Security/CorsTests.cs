using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>CORS answers the pane's origin (Security:AllowedOrigins) and nobody else; by default nobody at all.</summary>
[Collection(SharedApi.Name)]
public sealed class CorsTests(ApiApplication app)
{
    private const string Pane = "https://pane.contoso.test";
    private const string Stranger = "https://evil.example";

    [Fact]
    public async Task A_preflight_from_the_panes_origin_is_answered_with_what_the_pane_may_send()
    {
        using var api = WithPaneOrigin();
        using var client = api.CreateClient();

        using var response = await client.SendAsync(Preflight("/api/pairs/p_1/goals/g_1", Pane, "PATCH", "authorization,content-type,if-match"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Pane, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PATCH", Single(response, "Access-Control-Allow-Methods").Split(','));
        var headers = Single(response, "Access-Control-Allow-Headers").Split(',').Select(header => header.Trim().ToLowerInvariant());
        Assert.Equal(["authorization", "content-type", "if-match"], headers.Order());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task The_panes_origin_reads_answers_and_their_etag_and_retry_after()
    {
        using var api = WithPaneOrigin();
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Origin", Pane);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pane, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Single(response, "Access-Control-Expose-Headers").Split(','));
    }

    [Theory]
    [InlineData(Stranger)]
    [InlineData("https://pane.contoso.test.evil.example")]
    [InlineData("http://pane.contoso.test")]
    [InlineData("null")]
    public async Task Other_origins_get_no_cors_headers_on_preflights_or_answers(string origin)
    {
        using var api = WithPaneOrigin();
        using var client = api.CreateClient();

        using var preflight = await client.SendAsync(Preflight("/api/pairs", origin, "POST", "authorization"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/client-config");
        request.Headers.Add("Origin", origin);
        using var answer = await client.SendAsync(request);

        Assert.True((int)preflight.StatusCode < 500);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        foreach (var response in new[] { preflight, answer })
        {
            Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Without_the_setting_no_origin_gets_cors_headers()
    {
        using var client = app.Client();

        using var preflight = await client.SendAsync(Preflight("/api/pairs", Pane, "POST", "authorization"));

        Assert.True((int)preflight.StatusCode < 500);
        Assert.DoesNotContain(preflight.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    private ApiFactory WithPaneOrigin() =>
        new(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant)) { ["Security:AllowedOrigins:0"] = Pane });

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues(name));
}
