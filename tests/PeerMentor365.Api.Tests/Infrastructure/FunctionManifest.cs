using System.Text.Json;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>A function of the package: its folder name, trigger type, and for HTTP triggers the route and methods.</summary>
public sealed record FunctionDefinition(string Name, string TriggerType, string? Route, IReadOnlySet<string> Methods)
{
    public bool IsHttp => TriggerType == "httpTrigger";
}

/// <summary>An HTTP route of the app as the Functions host would see it (route without the /api prefix).</summary>
public sealed record PublicRoute(string Route, IReadOnlySet<string> Methods);

/// <summary>Reads host.json and the function.json files, and compares them with the app's routes.</summary>
public static class FunctionManifest
{
    public static IReadOnlyList<FunctionDefinition> Read(string functionAppFolder)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var folder in Directory.GetDirectories(functionAppFolder).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "function.json");
            if (!File.Exists(file))
            {
                continue;
            }

            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var trigger = json.RootElement.GetProperty("bindings").EnumerateArray()
                .Single(binding => binding.GetProperty("direction").GetString() == "in" && binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var type = trigger.GetProperty("type").GetString()!;
            var methods = trigger.TryGetProperty("methods", out var list)
                ? list.EnumerateArray().Select(method => method.GetString()!.ToUpperInvariant()).ToHashSet()
                : [];
            var route = trigger.TryGetProperty("route", out var r) ? r.GetString() : null;
            functions.Add(new FunctionDefinition(Path.GetFileName(folder), type, route, methods));
        }

        return functions;
    }

    /// <summary>Every mismatch between the app's public routes and the HTTP functions, in words.</summary>
    public static IReadOnlyList<string> Drift(IReadOnlyList<PublicRoute> routes, IReadOnlyList<FunctionDefinition> functions)
    {
        var problems = new List<string>();
        var http = functions.Where(function => function.IsHttp).ToList();
        foreach (var route in routes)
        {
            var function = http.FirstOrDefault(f => string.Equals(Normalise(f.Route), Normalise(route.Route), StringComparison.OrdinalIgnoreCase));
            if (function is null)
            {
                problems.Add($"Route /api/{route.Route} [{string.Join(",", route.Methods.Order())}] has no function.json.");
            }
            else if (!function.Methods.SetEquals(route.Methods))
            {
                problems.Add($"{function.Name}/function.json allows [{string.Join(",", function.Methods.Order())}] but /api/{route.Route} answers [{string.Join(",", route.Methods.Order())}].");
            }
        }

        foreach (var function in http)
        {
            if (!routes.Any(route => string.Equals(Normalise(function.Route), Normalise(route.Route), StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{function.Name}/function.json routes api/{function.Route}, which the app does not serve.");
            }
        }

        return problems;
    }

    // ASP.NET Core and the Functions host both accept {*x} and {**x} for a catch-all.
    private static string Normalise(string? route) => (route ?? string.Empty).Trim('/').Replace("{**", "{*", StringComparison.Ordinal);
}
