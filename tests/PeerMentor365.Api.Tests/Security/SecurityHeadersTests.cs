using System.Net;
using System.Text.RegularExpressions;
using PeerMentor365.Api.Security;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>Every answer carries the security headers; the pane's HTML gets its own Content-Security-Policy.</summary>
[Collection(SharedApi.Name)]
public sealed partial class SecurityHeadersTests(ApiApplication app) : IDisposable
{
    private readonly string _dist = Directory.CreateTempSubdirectory("pane-csp-").FullName;

    [Theory]
    [InlineData("/api/client-config", HttpStatusCode.OK, false)]
    [InlineData("/api/me", HttpStatusCode.OK, true)]
    [InlineData("/api/me", HttpStatusCode.Unauthorized, false)]
    [InlineData("/api/people?search=%22", HttpStatusCode.BadRequest, true)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound, false)]
    [InlineData("/api/openapi/v1.json", HttpStatusCode.OK, false)]
    public async Task Api_answers_forbid_everything_in_the_browser(string path, HttpStatusCode status, bool signedIn)
    {
        using var client = app.Client(signedIn ? ApiApplication.Ana : null);

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(SecurityHeaders.ApiPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http means nothing to a browser");
    }

    [Fact]
    public async Task Strict_transport_security_is_sent_when_the_front_end_says_https()
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/client-config");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_panes_html_may_load_only_its_files_and_office_js_and_be_framed_only_by_office()
    {
        File.WriteAllText(Path.Combine(_dist, "taskpane.html"), "<!doctype html><title>PeerMentor365</title>");
        File.WriteAllText(Path.Combine(_dist, "app.js"), "console.log('pane')");
        using var api = new ApiFactory(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant)) { ["Pane:Path"] = _dist });
        using var client = api.CreateClient();

        using var page = await client.GetAsync("/api/pane/");
        using var script = await client.GetAsync("/api/pane/app.js");

        var policy = Directives(Header(page, "Content-Security-Policy"));
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal("'self' https://appsforoffice.microsoft.com", policy["script-src"]);
        var devTenant = app.DevTenant.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"'self' {devTenant}", policy["connect-src"]);
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal(
            ["'self'", .. SecurityOptions.DefaultPaneFrameAncestors],
            policy["frame-ancestors"].Split(' '));
        Assert.False(page.Headers.Contains("X-Frame-Options"), "Office frames the pane");
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal(SecurityHeaders.ApiPolicy, Header(script, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/api/pane/")]
    [InlineData("/api/pane/taskpane.html")]
    public async Task A_304_for_the_panes_page_carries_the_panes_policy_the_browser_keeps_with_it(string path)
    {
        File.WriteAllText(Path.Combine(_dist, "taskpane.html"), "<!doctype html><title>PeerMentor365</title>");
        using var api = new ApiFactory(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant)) { ["Pane:Path"] = _dist });
        using var client = api.CreateClient();
        using var first = await client.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var notModified = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(Header(first, "Content-Security-Policy"), Header(notModified, "Content-Security-Policy"));
        Assert.NotEqual(SecurityHeaders.ApiPolicy, Header(notModified, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Frame_ancestors_follow_the_setting()
    {
        File.WriteAllText(Path.Combine(_dist, "taskpane.html"), "<!doctype html>");
        using var api = new ApiFactory(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant))
        {
            ["Pane:Path"] = _dist,
            ["Security:PaneFrameAncestors:0"] = "https://outlook.office.com",
            ["Security:PaneFrameAncestors:1"] = "https://*.officeapps.live.com",
        });
        using var client = api.CreateClient();

        using var page = await client.GetAsync("/api/pane/");

        Assert.Equal("'self' https://outlook.office.com https://*.officeapps.live.com", Directives(Header(page, "Content-Security-Policy"))["frame-ancestors"]);
    }

    [Fact]
    public void The_built_pane_has_no_inline_script_for_the_policy_to_refuse()
    {
        var page = Path.Combine(RepositoryPaths.Root, "addin", "dist", "taskpane.html");
        Assert.True(File.Exists(page), $"{page} is missing: build the pane first (cd addin && npm run build; ./test.sh does).");
        var html = File.ReadAllText(page);

        var scripts = ScriptTag().Matches(html).Select(match => match.Value).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains(" src=", tag, StringComparison.Ordinal));
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [Theory]
    [InlineData("http://pane.contoso.test/path")]
    [InlineData("pane.contoso.test")]
    [InlineData("ftp://pane.contoso.test")]
    public void An_allowed_origin_that_is_not_an_origin_stops_the_app(string origin)
    {
        var options = new SecurityOptions { AllowedOrigins = [origin] };

        Assert.Contains(options.Problems(), problem => problem.StartsWith("Security:AllowedOrigins", StringComparison.Ordinal));
    }

    [Fact]
    public void A_frame_ancestor_over_http_stops_the_app()
    {
        Assert.Contains(new SecurityOptions { PaneFrameAncestors = ["http://outlook.office.com"] }.Problems(), problem => problem.StartsWith("Security:PaneFrameAncestors", StringComparison.Ordinal));
        Assert.Empty(new SecurityOptions { PaneFrameAncestors = ["'self'", "https://*.officeapps.live.com"] }.Problems());
    }

    public void Dispose() => Directory.Delete(_dist, recursive: true);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : string.Empty);

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
