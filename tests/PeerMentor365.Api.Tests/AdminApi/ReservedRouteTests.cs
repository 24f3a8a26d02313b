using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.AdminApi;

/// <summary>The Functions host refuses to load a function whose route starts with "admin" (its own management API).</summary>
public sealed class ReservedRouteTests
{
    [Fact]
    public void No_function_route_starts_with_admin()
    {
        var routes = FunctionManifest.Read(RepositoryPaths.FunctionApp).Where(function => function.IsHttp).Select(function => function.Route ?? function.Name).ToList();

        Assert.Contains("program-health", routes);
        Assert.DoesNotContain(routes, route => route.TrimStart('/').StartsWith("admin", StringComparison.OrdinalIgnoreCase));
    }
}
