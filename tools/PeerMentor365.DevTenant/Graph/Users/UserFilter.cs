using System.Text;

namespace PeerMentor365.DevTenant.Graph.Users;

/// <summary>
/// The $filter subset the dev tenant understands on users: startswith, endswith, eq, ne, in, not, and, or, parentheses.
/// String comparisons ignore case, as Graph's do. endswith, ne and not are advanced queries: like Graph, they need
/// ConsistencyLevel: eventual. Like Graph, a basic query's in lists hold at most 15 values altogether.
/// </summary>
internal static class UserFilter
{
    /// <summary>Graph's limit on the values of in lists in one basic (not advanced) filter.</summary>
    public const int MaxInValues = 15;

    private static readonly HashSet<string> Filterable = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "displayName", "mail", "userPrincipalName", "givenName", "surname", "jobTitle", "officeLocation",
        "city", "companyName", "department", "accountEnabled", "userType", "mailNickname",
    };

    public static bool TryParse(string filter, bool advanced, out Func<SeedUser, bool> predicate, out string error)
    {
        predicate = _ => false;
        try
        {
            var parser = new Parser(Tokenize(filter), advanced);
            predicate = parser.ParseAll();
            error = string.Empty;
            return true;
        }
        catch (FilterException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
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
                tokens.Add(new Token(TokenKind.Punct, c.ToString()));
                i++;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FilterException($"Invalid filter clause: unterminated string in '{text}'.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i]);
                    i++;
                }

                tokens.Add(new Token(TokenKind.String, value.ToString()));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '\''))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Word,
        String,
        Punct,
    }

    private sealed record Token(TokenKind Kind, string Text)
    {
        public bool Is(string word) => Kind != TokenKind.String && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class FilterException(string message) : Exception(message);

    private sealed class Parser(List<Token> tokens, bool advanced)
    {
        private int _position;

        private int _inValues;

        public Func<SeedUser, bool> ParseAll()
        {
            var expression = ParseOr();
            if (_position != tokens.Count)
            {
                throw new FilterException($"Invalid filter clause: unexpected '{tokens[_position].Text}'.");
            }

            if (!advanced && _inValues > MaxInValues)
            {
                throw new FilterException(
                    $"Too many child clauses specified in search filter expression containing 'OR' operators: {_inValues}. Max allowed: {MaxInValues}.");
            }

            return expression;
        }

        private Func<SeedUser, bool> ParseOr()
        {
            var left = ParseAnd();
            while (Peek()?.Is("or") == true)
            {
                _position++;
                var right = ParseAnd();
                var l = left;
                left = u => l(u) || right(u);
            }

            return left;
        }

        private Func<SeedUser, bool> ParseAnd()
        {
            var left = ParseUnary();
            while (Peek()?.Is("and") == true)
            {
                _position++;
                var right = ParseUnary();
                var l = left;
                left = u => l(u) && right(u);
            }

            return left;
        }

        private Func<SeedUser, bool> ParseUnary()
        {
            var token = Next();
            if (token.Is("not"))
            {
                RequireAdvanced("not");
                var inner = ParseUnary();
                return u => !inner(u);
            }

            if (token.Is("("))
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (token.Is("startswith") || token.Is("endswith"))
            {
                var isStart = token.Is("startswith");
                if (!isStart)
                {
                    RequireAdvanced("endswith");
                }

                Expect("(");
                var property = Property(Next());
                Expect(",");
                var value = Next();
                if (value.Kind != TokenKind.String)
                {
                    throw new FilterException($"Invalid filter clause: {token.Text} needs a quoted string.");
                }

                Expect(")");
                return u => UserJson.Value(u, property)?.ToString() is { } actual
                    && (isStart
                        ? actual.StartsWith(value.Text, StringComparison.OrdinalIgnoreCase)
                        : actual.EndsWith(value.Text, StringComparison.OrdinalIgnoreCase));
            }

            if (token.Kind == TokenKind.Word)
            {
                var property = Property(token);
                var op = Next();
                if (op.Is("eq") || op.Is("ne"))
                {
                    var negate = op.Is("ne");
                    if (negate)
                    {
                        RequireAdvanced("ne");
                    }

                    var literal = Literal(Next());
                    return u => Equal(UserJson.Value(u, property), literal) != negate;
                }

                if (op.Is("in"))
                {
                    Expect("(");
                    var values = new List<object?> { Literal(Next()) };
                    while (Peek()?.Is(",") == true)
                    {
                        _position++;
                        values.Add(Literal(Next()));
                    }

                    Expect(")");
                    _inValues += values.Count;
                    return u => values.Any(v => Equal(UserJson.Value(u, property), v));
                }

                throw new FilterException($"Invalid filter clause: unsupported operator '{op.Text}'.");
            }

            throw new FilterException($"Invalid filter clause: unexpected '{token.Text}'.");
        }

        private static bool Equal(System.Text.Json.Nodes.JsonNode? actual, object? literal) => literal switch
        {
            null => actual is null,
            bool b => actual is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var ab) && ab == b,
            string s => actual is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var a) && string.Equals(a, s, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

        private static object? Literal(Token token) => token switch
        {
            { Kind: TokenKind.String } => token.Text,
            _ when token.Is("null") => null,
            _ when token.Is("true") => true,
            _ when token.Is("false") => false,
            _ => throw new FilterException($"Invalid filter clause: '{token.Text}' is not a literal."),
        };

        private static string Property(Token token)
        {
            var name = token.Kind == TokenKind.Word ? UserJson.CanonicalName(token.Text) : null;
            if (name is null)
            {
                throw new FilterException($"Could not find a property named '{token.Text}' on type 'microsoft.graph.user'.");
            }

            if (!Filterable.Contains(name))
            {
                throw new FilterException($"Unsupported or invalid query filter clause specified for property '{name}' of resource 'User'.");
            }

            return name;
        }

        private void RequireAdvanced(string what)
        {
            if (!advanced)
            {
                throw new FilterException($"Unsupported Query. '{what}' needs the ConsistencyLevel: eventual header.");
            }
        }

        private Token? Peek() => _position < tokens.Count ? tokens[_position] : null;

        private Token Next() =>
            _position < tokens.Count ? tokens[_position++] : throw new FilterException("Invalid filter clause: the expression ends too early.");

        private void Expect(string punct)
        {
            var token = Next();
            if (!token.Is(punct))
            {
                throw new FilterException($"Invalid filter clause: expected '{punct}', found '{token.Text}'.");
            }
        }
    }
}
