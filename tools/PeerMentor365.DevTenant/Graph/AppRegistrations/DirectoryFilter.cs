using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PeerMentor365.DevTenant.Graph.AppRegistrations;

/// <summary>
/// The $filter clauses directory lookups use: <c>property eq 'value'</c> (strings ignoring case, as Entra compares
/// names) and <c>tags/any(t:t eq 'value')</c>, joined by <c>and</c>. Anything else is Graph's 400 Request_UnsupportedQuery.
/// </summary>
internal static partial class DirectoryFilter
{
    public static bool TryParse(string? filter, out Func<JsonObject, bool> predicate, out string error)
    {
        predicate = _ => true;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        var clauses = new List<Func<JsonObject, bool>>();
        foreach (var clause in AndSeparator().Split(filter.Trim()))
        {
            if (Equality().Match(clause) is { Success: true } equality)
            {
                var path = equality.Groups["property"].Value.Split('/');
                var value = equality.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
                clauses.Add(item => string.Equals(Text(item, path), value, StringComparison.OrdinalIgnoreCase));
            }
            else if (AnyEquals().Match(clause) is { Success: true } any && any.Groups["variable"].Value == any.Groups["again"].Value)
            {
                var collection = any.Groups["collection"].Value;
                var value = any.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
                clauses.Add(item => item[collection] is JsonArray values
                    && values.Any(v => string.Equals(v?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase)));
            }
            else
            {
                error = $"Unsupported or invalid query filter clause specified for property of resource: '{clause.Trim()}'.";
                return false;
            }
        }

        predicate = item => clauses.All(c => c(item));
        return true;
    }

    private static string? Text(JsonObject item, string[] path)
    {
        JsonNode? node = item;
        foreach (var name in path)
        {
            node = node is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^\s*(?<property>[A-Za-z][A-Za-z0-9/]*)\s+eq\s+'(?<value>(?:[^']|'')*)'\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Equality();

    [GeneratedRegex(@"^\s*(?<collection>[A-Za-z]+)/any\(\s*(?<variable>\w+)\s*:\s*(?<again>\w+)\s+eq\s+'(?<value>(?:[^']|'')*)'\s*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AnyEquals();
}
