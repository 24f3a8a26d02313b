using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PeerMentor365.Api.Hosting;

/// <summary>What the Azure Functions host expects of a custom handler: where to listen and a readiness answer.</summary>
internal static class CustomHandlerHosting
{
    /// <summary>Set by the Functions host: the loopback port it will dial.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Where the app listens when the Functions host does not say (and no urls setting does).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddCustomHandlerHosting(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var hostPort = builder.Configuration[PortVariable];
        if (!string.IsNullOrWhiteSpace(hostPort))
        {
            var port = ParsePort(hostPort);
            // The host always dials http://127.0.0.1:{port}: bind IPv4 loopback explicitly, whatever urls say.
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>GET / answers 200: the Functions host polls it until the handler is ready.</summary>
    public static IEndpointConventionBuilder MapReadiness(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/", Ready).WithName("Readiness").ExcludeFromDescription().AllowAnonymous();

    private static Ok<string> Ready() => TypedResults.Ok("ready");

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException(
                $"{PortVariable} must be a TCP port number (1-65535); the Functions host sets it.");
}
