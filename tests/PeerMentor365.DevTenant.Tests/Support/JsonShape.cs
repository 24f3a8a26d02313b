using System.Text.Json;
using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>
/// Compares a response with a documented one by shape: every documented property present with the same JSON type
/// and nesting (extra properties allowed). A documented null stands for "no value" and matches any type.
/// Arrays: each actual element is compared with the documented first element.
/// </summary>
internal static class JsonShape
{
    public static List<string> Differences(JsonNode? documented, JsonNode? actual, IReadOnlyCollection<string>? skip = null)
    {
        var differences = new List<string>();
        Compare(documented, actual, "$", skip ?? [], differences);
        return differences;
    }

    private static void Compare(JsonNode? documented, JsonNode? actual, string path, IReadOnlyCollection<string> skip, List<string> differences)
    {
        if (skip.Contains(path) || documented is null)
        {
            return;
        }

        if (actual is null)
        {
            differences.Add($"{path}: documented {Kind(documented)}, got null");
            return;
        }

        if (Kind(documented) != Kind(actual))
        {
            differences.Add($"{path}: documented {Kind(documented)}, got {Kind(actual)}");
            return;
        }

        switch (documented)
        {
            case JsonObject documentedObject:
                var actualObject = actual.AsObject();
                foreach (var (name, value) in documentedObject)
                {
                    var childPath = $"{path}.{name}";
                    if (skip.Contains(childPath))
                    {
                        continue;
                    }

                    if (!actualObject.TryGetPropertyValue(name, out var actualValue))
                    {
                        differences.Add($"{childPath}: missing");
                        continue;
                    }

                    Compare(value, actualValue, childPath, skip, differences);
                }

                break;

            case JsonArray documentedArray when documentedArray.Count > 0:
                var actualArray = actual.AsArray();
                for (var i = 0; i < actualArray.Count; i++)
                {
                    Compare(documentedArray[0], actualArray[i], $"{path}[*]", skip, differences);
                }

                break;
        }
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
        var kind => kind,
    };
}
