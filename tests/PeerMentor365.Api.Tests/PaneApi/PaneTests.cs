using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Pane;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PaneApi;

[Collection(SharedApi.Name)]
public sealed class PaneTests(ApiApplication app) : IDisposable
{
    private readonly string _dist = Directory.CreateTempSubdirectory("pane-dist-").FullName;

    [Fact]
    public async Task The_pane_is_served_at_api_pane_with_taskpane_html_as_its_default_document()
    {
        File.WriteAllText(Path.Combine(_dist, "taskpane.html"), "<!doctype html><title>PeerMentor365</title>");
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        File.WriteAllText(Path.Combine(_dist, "assets", "app.js"), "console.log('pane')");
        using var api = PaneApp(_dist);
        using var client = api.CreateClient();

        using var page = await client.GetAsync("/api/pane/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("PeerMentor365", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var script = await client.GetAsync("/api/pane/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        using var missing = await client.GetAsync("/api/pane/assets/none.js");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Api_pane_without_its_slash_redirects_so_relative_assets_resolve()
    {
        File.WriteAllText(Path.Combine(_dist, "taskpane.html"), "<!doctype html>");
        using var api = PaneApp(_dist);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };

        using var response = await client.GetAsync("/api/pane");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/pane/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/pane/../appsettings.json")]
    [InlineData("/api/pane/%2e%2e/appsettings.json")]
    [InlineData("/api/pane/..%2fappsettings.json")]
    [InlineData("/api/pane/..%5cappsettings.json")]
    public async Task Paths_that_climb_out_of_the_pane_folder_find_nothing(string target)
    {
        File.WriteAllText(Path.Combine(_dist, "taskpane.html"), "<!doctype html>");
        File.WriteAllText(Path.Combine(Directory.GetParent(_dist)!.FullName, "appsettings.json"), "{}");
        using var api = PaneApp(Path.Combine(_dist));

        var status = await RawHttp.SendAsync(api.BaseAddress, "GET", target, body: string.Empty);

        Assert.True(status == 404, $"GET {target} answered {status}.");
    }

    [Fact]
    public async Task Without_a_built_pane_the_app_runs_and_says_the_pane_is_not_built()
    {
        using var api = new ApiFactory(
            ApiApplication.SettingsFor(app.DevTenant),
            services => services.AddSingleton(new PaneFiles(root: null)));
        using var client = api.CreateClient();

        using var ready = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var pane = await client.GetAsync("/api/pane/");
        var problem = await ProblemAssert.IsProblemAsync(pane, HttpStatusCode.NotFound);
        Assert.Contains("not built", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pane_folder_is_the_configured_one_else_the_repositorys_build_else_the_packaged_copy()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_dist, "repo"));
        File.WriteAllText(Path.Combine(repo.FullName, "PeerMentor365.sln"), string.Empty);
        var bin = Directory.CreateDirectory(Path.Combine(repo.FullName, "functions", "Api", "bin"));
        var package = Directory.CreateDirectory(Path.Combine(_dist, "package"));

        Assert.Equal(_dist, PaneFiles.Locate(_dist, bin.FullName));
        Assert.Null(PaneFiles.Locate(null, bin.FullName)); // a repository whose pane is not built
        var built = Directory.CreateDirectory(Path.Combine(repo.FullName, "addin", "dist"));
        Assert.Equal(built.FullName, PaneFiles.Locate(null, bin.FullName));
        Assert.Null(PaneFiles.Locate(null, package.FullName)); // a package without the pane
        var packaged = Directory.CreateDirectory(Path.Combine(package.FullName, "pane"));
        Assert.Equal(packaged.FullName, PaneFiles.Locate(null, package.FullName));
    }

    public void Dispose() => Directory.Delete(_dist, recursive: true);

    private ApiFactory PaneApp(string dist) =>
        new(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant)) { ["Pane:Path"] = dist });
}
