using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerMentor365.DevTenant.Graph.Users;

/// <summary>
/// $search on users as directory search does it: quoted "property:text" clauses joined by OR/AND,
/// each matching when a word of the property starts with the text (case and accents ignored).
/// </summary>
internal static partial class UserSearch
{
    private static readonly HashSet<string> Searchable = new(StringComparer.OrdinalIgnoreCase)
    {
        "displayName", "mail", "userPrincipalName", "givenName", "surname", "jobTitle", "officeLocation", "mailNickname",
    };

    public static bool TryParse(string search, out Func<SeedUser, bool> predicate, out string error)
    {
        predicate = _ => false;
        error = string.Empty;
        var tokens = Tokens().Matches(search.Trim()).Select(m => m.Value).ToList();
        if (tokens.Count == 0 || search.Count(c => c == '"') % 2 != 0)
        {
            error = $"Syntax error in '$search={search}': each clause must be quoted, as in \"displayName:ana\".";
            return false;
        }

        // OR of AND-groups: AND binds tighter, as in Graph.
        var groups = new List<List<Func<SeedUser, bool>>> { new() };
        var expectClause = true;
        foreach (var token in tokens)
        {
            if (expectClause)
            {
                if (!token.StartsWith('"'))
                {
                    error = $"Syntax error in '$search={search}': expected a quoted clause, found '{token}'.";
                    return false;
                }

                var clause = token.Trim('"');
                var colon = clause.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    error = $"Syntax error in '$search={search}': a clause is \"property:text\".";
                    return false;
                }

                var property = UserJson.CanonicalName(clause[..colon]);
                var text = clause[(colon + 1)..].Trim();
                if (property is null || !Searchable.Contains(property))
                {
                    error = $"Unsupported or invalid search property '{clause[..colon]}'.";
                    return false;
                }

                groups[^1].Add(user => Matches(UserJson.Value(user, property)?.ToString(), text));
                expectClause = false;
            }
            else if (token == "OR")
            {
                groups.Add([]);
                expectClause = true;
            }
            else if (token == "AND")
            {
                expectClause = true;
            }
            else
            {
                error = $"Syntax error in '$search={search}': clauses are joined by OR or AND, found '{token}'.";
                return false;
            }
        }

        if (expectClause)
        {
            error = $"Syntax error in '$search={search}': a clause is missing after the last operator.";
            return false;
        }

        predicate = user => groups.Any(group => group.All(clause => clause(user)));
        return true;
    }

    private static bool Matches(string? value, string text)
    {
        if (value is null)
        {
            return false;
        }

        if (text.Length == 0)
        {
            return true;
        }

        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        if (compare.IsPrefix(value, text, options))
        {
            return true;
        }

        return Words().Matches(value).Any(word => compare.IsPrefix(word.Value, text, options));
    }

    [GeneratedRegex("\"[^\"]*\"|[^\\s\"]+", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();

    [GeneratedRegex("[^\\s.@_\\-']+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
