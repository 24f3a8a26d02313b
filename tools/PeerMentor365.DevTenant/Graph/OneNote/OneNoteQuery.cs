using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>
/// The OData options OneNote collections take: $filter (eq/ne, contains/startswith/endswith, tolower/toupper, and/or/not,
/// parentheses; strings compared ignoring case, as OneNote names are), $orderby (one property, asc/desc), $top, $skip
/// and $select, applied to the rendered JSON of each item.
/// </summary>
internal static class OneNoteQuery
{
    public sealed record Result(List<JsonObject>? Items, string? NextSkip, GraphResponse? Error);

    public static Result Apply(GraphRequest request, IEnumerable<JsonObject> items, string typeName, int? defaultTop, int maxTop, string defaultOrder)
    {
        var list = items.ToList();
        if (request.Option("filter") is { Length: > 0 } filter)
        {
            Func<JsonObject, bool> predicate;
            try
            {
                predicate = new FilterParser(filter).Parse();
            }
            catch (FormatException ex)
            {
                return new Result(null, null, GraphErrors.BadRequest(request, $"Invalid $filter: {ex.Message}", "20140"));
            }

            list = [.. list.Where(predicate)];
        }

        var order = request.Option("orderby") is { Length: > 0 } orderby ? orderby : defaultOrder;
        var parts = order.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || (parts.Length == 2 && parts[1].ToLowerInvariant() is not ("asc" or "desc")))
        {
            return new Result(null, null, GraphErrors.BadRequest(request, $"Invalid $orderby '{order}': use one property, optionally asc or desc.", "20140"));
        }

        var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        list = descending
            ? [.. list.OrderByDescending(i => Text(i, parts[0]), StringComparer.OrdinalIgnoreCase)]
            : [.. list.OrderBy(i => Text(i, parts[0]), StringComparer.OrdinalIgnoreCase)];

        var skip = 0;
        if (request.Option("skip") is { } skipText && (!int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            return new Result(null, null, GraphErrors.BadRequest(request, $"Invalid $skip '{skipText}'.", "20140"));
        }

        var top = defaultTop;
        if (request.Option("top") is { } topText)
        {
            if (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > maxTop)
            {
                return new Result(null, null, GraphErrors.BadRequest(request, $"Invalid $top '{topText}': it must be between 1 and {maxTop}.", "20140"));
            }

            top = parsed;
        }

        var page = list.Skip(skip).Take(top ?? int.MaxValue).ToList();
        var nextSkip = top is { } size && skip + size < list.Count ? (skip + size).ToString(CultureInfo.InvariantCulture) : null;

        if (request.Option("select") is { Length: > 0 } select)
        {
            var names = select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var known = page.Count > 0 ? page[0] : null;
            foreach (var name in names)
            {
                if (known is not null && !known.ContainsKey(name))
                {
                    return new Result(null, null, GraphErrors.BadRequest(request, $"Could not find a property named '{name}' on type 'microsoft.graph.{typeName}'.", "20140"));
                }
            }

            page = [.. page.Select(item => Select(item, names))];
        }

        return new Result(page, nextSkip, null);
    }

    /// <summary>One item with only the selected properties (and its annotations' siblings kept out).</summary>
    public static JsonObject Select(JsonObject item, IReadOnlyCollection<string> names)
    {
        var selected = new JsonObject();
        foreach (var (name, value) in item)
        {
            if (name.StartsWith('@') || names.Contains(name, StringComparer.Ordinal))
            {
                selected[name] = value?.DeepClone();
            }
        }

        return selected;
    }

    private static string Text(JsonObject item, string property) =>
        item.TryGetPropertyValue(property, out var value) && value is JsonValue json ? json.ToString() : string.Empty;

    /// <summary>A small recursive-descent parser over OData filter text.</summary>
    private sealed class FilterParser(string text)
    {
        private readonly List<string> _tokens = Tokenise(text);
        private int _position;

        public Func<JsonObject, bool> Parse()
        {
            var expression = Or();
            if (_position != _tokens.Count)
            {
                throw new FormatException($"unexpected '{_tokens[_position]}'.");
            }

            return expression;
        }

        private Func<JsonObject, bool> Or()
        {
            var left = And();
            while (Accept("or"))
            {
                var (a, b) = (left, And());
                left = item => a(item) || b(item);
            }

            return left;
        }

        private Func<JsonObject, bool> And()
        {
            var left = Unary();
            while (Accept("and"))
            {
                var (a, b) = (left, Unary());
                left = item => a(item) && b(item);
            }

            return left;
        }

        private Func<JsonObject, bool> Unary()
        {
            if (Accept("not"))
            {
                var inner = Unary();
                return item => !inner(item);
            }

            if (Accept("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            var word = Next().ToLowerInvariant();
            if (word is "contains" or "startswith" or "endswith")
            {
                Expect("(");
                var operand = Operand();
                Expect(",");
                var literal = Literal() ?? throw new FormatException($"{word} needs a string.");
                Expect(")");
                return word switch
                {
                    "contains" => item => operand(item)?.Contains(literal, StringComparison.OrdinalIgnoreCase) == true,
                    "startswith" => item => operand(item)?.StartsWith(literal, StringComparison.OrdinalIgnoreCase) == true,
                    _ => item => operand(item)?.EndsWith(literal, StringComparison.OrdinalIgnoreCase) == true,
                };
            }

            _position--;
            var left = Operand();
            var op = Next().ToLowerInvariant();
            if (op is not ("eq" or "ne"))
            {
                throw new FormatException($"unsupported operator '{op}': use eq, ne, contains, startswith or endswith.");
            }

            var value = Literal();
            return op == "eq"
                ? item => string.Equals(left(item), value, StringComparison.OrdinalIgnoreCase)
                : item => !string.Equals(left(item), value, StringComparison.OrdinalIgnoreCase);
        }

        private Func<JsonObject, string?> Operand()
        {
            var word = Next();
            if (word.ToLowerInvariant() is "tolower" or "toupper")
            {
                Expect("(");
                var inner = Operand();
                Expect(")");
                return inner;
            }

            if (word.StartsWith('\'') || !char.IsLetter(word[0]))
            {
                throw new FormatException($"'{word}' is not a property.");
            }

            return item => item.TryGetPropertyValue(word, out var value) && value is JsonValue json ? Normalise(json) : null;
        }

        private static string? Normalise(JsonValue value) =>
            value.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false") : value.ToString();

        private string? Literal()
        {
            var token = Next();
            if (token.StartsWith('\''))
            {
                return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            return token.ToLowerInvariant() switch
            {
                "null" => null,
                "true" => "true",
                "false" => "false",
                _ => throw new FormatException($"'{token}' is not a literal."),
            };
        }

        private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new FormatException("the filter ends too early.");

        private bool Accept(string token)
        {
            if (_position < _tokens.Count && string.Equals(_tokens[_position], token, StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(string token)
        {
            if (!Accept(token))
            {
                throw new FormatException($"expected '{token}'.");
            }
        }

        private static List<string> Tokenise(string text)
        {
            var tokens = new List<string>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c is '(' or ')' or ',')
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else if (c == '\'')
                {
                    var builder = new StringBuilder("'");
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new FormatException("a string is not closed.");
                        }

                        if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            builder.Append("''");
                            i += 2;
                        }
                        else if (text[i] == '\'')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            builder.Append(text[i++]);
                        }
                    }

                    tokens.Add(builder.Append('\'').ToString());
                }
                else
                {
                    var start = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '\''))
                    {
                        i++;
                    }

                    tokens.Add(text[start..i]);
                }
            }

            return tokens;
        }
    }
}
