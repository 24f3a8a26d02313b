using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Hosting;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

[Collection(SharedApi.Name)]
public sealed class FunctionPackageTests(ApiApplication app)
{
    [Fact]
    public void Every_public_route_has_its_function_json_and_every_http_function_its_route()
    {
        var routes = PublicRoutes();
        var functions = FunctionManifest.Read(RepositoryPaths.FunctionApp);

        Assert.NotEmpty(routes);
        Assert.Empty(FunctionManifest.Drift(routes, functions));
    }

    [Fact]
    public void Every_non_http_function_is_an_internal_endpoint_and_the_other_way_round()
    {
        var internalNames = Endpoints()
            .Select(endpoint => endpoint.Metadata.GetMetadata<InternalFunctionMetadata>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        var nonHttp = FunctionManifest.Read(RepositoryPaths.FunctionApp).Where(f => !f.IsHttp).Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(nonHttp, internalNames);
    }

    [Fact]
    public void Outside_api_the_app_answers_only_the_readiness_ping_and_internal_functions()
    {
        var outside = Endpoints()
            .Where(endpoint => !endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            .Where(endpoint => endpoint.Metadata.GetMetadata<InternalFunctionMetadata>() is null)
            .Select(endpoint => endpoint.RoutePattern.RawText)
            .ToList();

        Assert.Equal(["/"], outside);
    }

    [Fact]
    public void Host_json_proxies_http_to_the_apphost_under_the_api_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionApp, "host.json")));
        var root = host.RootElement;
        var handler = root.GetProperty("customHandler");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal(typeof(Program).Assembly.GetName().Name, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        // The prefix is what keeps internal /{FunctionName} endpoints out of reach of public requests.
        Assert.Equal("api", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Http_functions_are_anonymous_at_the_host_because_the_app_checks_bearer_tokens()
    {
        foreach (var folder in Directory.GetDirectories(RepositoryPaths.FunctionApp))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
            var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = bindings.Single(binding => binding.GetProperty("direction").GetString() == "in");
            if (trigger.GetProperty("type").GetString() != "httpTrigger")
            {
                continue;
            }

            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
            // Exactly one http in and one http out: the shape the host proxies (enableProxyingHttpRequest).
            Assert.Equal(2, bindings.Count);
            Assert.Contains(bindings, binding => binding.GetProperty("type").GetString() == "http" && binding.GetProperty("direction").GetString() == "out");
        }
    }

    [Fact]
    public void Drift_is_reported_both_ways_and_for_methods()
    {
        IReadOnlyList<FunctionDefinition> functions =
        [
            new("Suggestions", "httpTrigger", "suggestions", new HashSet<string> { "POST" }),
            new("Stale", "httpTrigger", "gone", new HashSet<string> { "GET" }),
        ];
        IReadOnlyList<PublicRoute> routes =
        [
            new("suggestions", new HashSet<string> { "POST", "GET" }),
            new("new-route", new HashSet<string> { "GET" }),
        ];

        var drift = FunctionManifest.Drift(routes, functions);

        Assert.Equal(3, drift.Count);
        Assert.Contains(drift, problem => problem.Contains("/api/new-route", StringComparison.Ordinal));
        Assert.Contains(drift, problem => problem.Contains("Stale/function.json", StringComparison.Ordinal));
        Assert.Contains(drift, problem => problem.Contains("Suggestions/function.json allows [POST]", StringComparison.Ordinal));
    }

    private List<RouteEndpoint> Endpoints() =>
        [.. app.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    // One function per route: endpoints that share a route (GET and POST /api/pairs) are one function with both methods.
    private List<PublicRoute> PublicRoutes() =>
        [.. Endpoints()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            .GroupBy(endpoint => endpoint.RoutePattern.RawText!["/api/".Length..], StringComparer.OrdinalIgnoreCase)
            .Select(route => new PublicRoute(
                route.Key,
                route.SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any method)"]).ToHashSet()))];
}
