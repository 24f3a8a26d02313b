using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PeerMentor365.Api.Hosting;

/// <summary>
/// A non-HTTP function (a timer, say): the Functions host invokes it as POST /{Name} with its JSON envelope.
/// Register implementations in DI; <see cref="InternalFunctionEndpoints.MapInternalFunctions"/> maps them all.
/// </summary>
internal interface IInternalFunction
{
    /// <summary>The function's name: its folder in the package and the path the host posts to.</summary>
    string Name { get; }

    /// <summary>Runs one invocation; the result is the host's response envelope.</summary>
    Task<IResult> InvokeAsync(HttpContext context, CancellationToken cancellationToken);
}

/// <summary>Marks an endpoint that only the Functions host may reach (never proxied from the public /api routes).</summary>
internal sealed record InternalFunctionMetadata(string Name);

internal static class InternalFunctionEndpoints
{
    /// <summary>Maps every registered <see cref="IInternalFunction"/> as POST /{Name}, the path the host posts to.</summary>
    public static IEndpointRouteBuilder MapInternalFunctions(this IEndpointRouteBuilder routes)
    {
        foreach (var function in routes.ServiceProvider.GetServices<IInternalFunction>())
        {
            routes.MapInternalFunction(function);
        }

        return routes;
    }

    private static void MapInternalFunction(this IEndpointRouteBuilder routes, IInternalFunction function)
    {
        var path = "/" + function.Name;
        routes.MapPost(path, (HttpContext context, CancellationToken cancellationToken) =>
                IsDirectCall(context, path) ? function.InvokeAsync(context, cancellationToken) : Task.FromResult<IResult>(NotFound()))
            .WithMetadata(new InternalFunctionMetadata(function.Name))
            .WithName("Internal" + function.Name)
            .ExcludeFromDescription()
            .AllowAnonymous();
    }

    // The host calls POST /{Name} literally. Anything else that normalises to this path (/api/../Name,
    // %2e%2e, encoded letters, absolute-form targets) came from outside and must look like nothing is here.
    private static bool IsDirectCall(HttpContext context, string path)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? rawTarget : rawTarget[..query];
        return string.Equals(rawPath, path, StringComparison.OrdinalIgnoreCase);
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
}
