using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Hosting;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>One method on one route the app maps, read from its EndpointDataSource (so routes added later join in).</summary>
public sealed record AppEndpoint(string Method, RoutePattern Pattern, EndpointMetadataCollection Metadata)
{
    public string Route => "/" + Pattern.RawText!.TrimStart('/').TrimEnd('/');

    public string Key => $"{Method} {Route}";

    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);

    public bool AllowsAnonymous => Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public bool RequiresSignIn => !AllowsAnonymous && Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    public bool IsInternalFunction => Metadata.GetMetadata<InternalFunctionMetadata>() is not null;

    public bool HasBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>The route with every parameter replaced (by <paramref name="value"/>, or a plausible id when null).</summary>
    public string Path(Func<RoutePatternParameterPart, string>? value = null)
    {
        var segments = Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => value?.Invoke(parameter) ?? Sample(parameter),
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    public override string ToString() => Key;

    /// <summary>A value of the right shape for a parameter: ids look like ids, a catch-all names the pane's page.</summary>
    public static string Sample(RoutePatternParameterPart parameter) => parameter switch
    {
        { IsCatchAll: true } => "taskpane.html",
        { Name: "documentName" } => "v1",
        _ when parameter.Name.EndsWith("Id", StringComparison.OrdinalIgnoreCase) => parameter.Name[0] + "_0000000000000000",
        _ => "x",
    };

    /// <summary>Every method × route the app serves, in a stable order.</summary>
    public static IReadOnlyList<AppEndpoint> Of(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"])
                .Select(method => new AppEndpoint(method, endpoint.RoutePattern, endpoint.Metadata)))
            .DistinctBy(endpoint => endpoint.Key)
            .OrderBy(endpoint => endpoint.Key, StringComparer.Ordinal)];
}
