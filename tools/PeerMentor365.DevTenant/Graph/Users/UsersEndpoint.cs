using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.Users;

/// <summary>GET /me, /users/{id | userPrincipalName}, /users (with $search, $filter, $select, $top, $orderby, $count) and /users/$count.</summary>
internal sealed class UsersEndpoint(GraphContext context)
{
    private const int DefaultPageSize = 100;

    public GraphResponse GetOne(GraphRequest request, Mailbox mailbox)
    {
        var select = ParseSelect(request, out var selectError);
        if (selectError is not null)
        {
            return selectError;
        }

        var json = new JsonObject
        {
            ["@odata.context"] = context.Metadata(select is null ? "users/$entity" : $"users({string.Join(',', select)})/$entity"),
        };
        foreach (var (key, value) in UserJson.Render(mailbox.User, (IReadOnlyList<string>?)select ?? UserJson.DefaultProperties))
        {
            json[key] = value?.DeepClone();
        }

        return DirectoryResponse(GraphResponse.Ok(json));
    }

    public GraphResponse Count(GraphRequest request)
    {
        if (!request.EventualConsistency)
        {
            return GraphErrors.BadRequest(request, "Count is not currently supported.", "Request_BadRequest");
        }

        var query = Query(request);
        if (query.Error is not null)
        {
            return query.Error;
        }

        return DirectoryResponse(GraphResponse.PlainText(query.Users.Count.ToString(CultureInfo.InvariantCulture)));
    }

    public GraphResponse List(GraphRequest request)
    {
        var select = ParseSelect(request, out var selectError);
        if (selectError is not null)
        {
            return selectError;
        }

        var query = Query(request);
        if (query.Error is not null)
        {
            return query.Error;
        }

        var countRequested = request.Option("count") is { } countText && ParseBool(countText, out var count) && count;
        if (request.Option("count") is { } rawCount && !ParseBool(rawCount, out _))
        {
            return GraphErrors.BadRequest(request, $"Invalid value '{rawCount}' for query option '$count'.", "Request_BadRequest");
        }

        if (countRequested && !request.EventualConsistency)
        {
            return GraphErrors.BadRequest(request, "$count is not currently supported.", "Request_BadRequest");
        }

        var pageSize = DefaultPageSize;
        if (request.Option("top") is { } topText)
        {
            if (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 999)
            {
                return GraphErrors.BadRequest(request, $"Invalid page size specified: '{topText}'. Must be between 1 and 999 inclusive.", "Request_BadRequest");
            }
        }

        var skip = 0;
        if (request.Option("skiptoken") is { } skipToken)
        {
            if (!TryDecodeSkipToken(skipToken, out skip))
            {
                return GraphErrors.BadRequest(request, "Invalid paging token.", "Request_BadRequest");
            }
        }

        var page = query.Users.Skip(skip).Take(pageSize).ToList();
        var json = new JsonObject
        {
            ["@odata.context"] = context.Metadata(select is null ? "users" : $"users({string.Join(',', select)})"),
        };
        if (countRequested)
        {
            json["@odata.count"] = query.Users.Count;
        }

        if (skip + page.Count < query.Users.Count)
        {
            json["@odata.nextLink"] = NextLink(request, skip + page.Count);
        }

        var values = new JsonArray();
        foreach (var user in page)
        {
            values.Add(UserJson.Render(user, (IReadOnlyList<string>?)select ?? UserJson.DefaultProperties));
        }

        json["value"] = values;
        return DirectoryResponse(GraphResponse.Ok(json));
    }

    // Directory requests report the resource units they cost (Graph's identity throttling); the dev tenant charges one.
    private static GraphResponse DirectoryResponse(GraphResponse response)
    {
        response.Headers["x-ms-resource-unit"] = "1";
        return response;
    }

    private (List<SeedUser> Users, GraphResponse? Error) Query(GraphRequest request)
    {
        IEnumerable<SeedUser> users = context.Seed.Mailboxes.Select(m => m.User);
        var search = request.Option("search");
        var filter = request.Option("filter");
        if (search is not null)
        {
            if (!request.EventualConsistency)
            {
                return ([], GraphErrors.BadRequest(request,
                    "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
                    "Request_UnsupportedQuery"));
            }

            if (!UserSearch.TryParse(search, out var predicate, out var searchError))
            {
                return ([], GraphErrors.BadRequest(request, searchError, "Request_UnsupportedQuery"));
            }

            users = users.Where(predicate);
        }

        if (filter is not null)
        {
            if (!UserFilter.TryParse(filter, request.EventualConsistency, out var predicate, out var filterError))
            {
                return ([], GraphErrors.BadRequest(request, filterError, "Request_UnsupportedQuery"));
            }

            users = users.Where(predicate);
        }

        var orderBy = request.Option("orderby");
        if (orderBy is not null)
        {
            if ((search is not null || filter is not null) && !request.EventualConsistency)
            {
                return ([], GraphErrors.BadRequest(request, "Sorting not supported for current query.", "Request_UnsupportedQuery"));
            }

            var parts = orderBy.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var property = parts.Length > 0 ? UserJson.CanonicalName(parts[0]) : null;
            var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            var validDirection = parts.Length == 1 || (parts.Length == 2 && (descending || parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)));
            if (property is not ("displayName" or "userPrincipalName" or "mail" or "givenName" or "surname" or "id") || !validDirection)
            {
                return ([], GraphErrors.BadRequest(request, $"Unsupported or invalid query option '$orderby={orderBy}'.", "Request_UnsupportedQuery"));
            }

            users = descending
                ? users.OrderByDescending(u => UserJson.Value(u, property)?.ToString(), StringComparer.OrdinalIgnoreCase)
                : users.OrderBy(u => UserJson.Value(u, property)?.ToString(), StringComparer.OrdinalIgnoreCase);
        }

        return (users.ToList(), null);
    }

    private static List<string>? ParseSelect(GraphRequest request, out GraphResponse? error)
    {
        error = null;
        var select = request.Option("select");
        if (select is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var raw in select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = UserJson.CanonicalName(raw);
            if (name is null)
            {
                error = GraphErrors.BadRequest(request, $"Could not find a property named '{raw}' on type 'microsoft.graph.user'.", "Request_BadRequest");
                return null;
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? null : names;
    }

    private string NextLink(GraphRequest request, int offset)
    {
        var url = $"{context.GraphBaseUrl}/users";
        foreach (var (key, value) in request.Query)
        {
            if (key.TrimStart('$').Equals("skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            url = QueryHelpers.AddQueryString(url, key, value.ToString());
        }

        return QueryHelpers.AddQueryString(url, "$skiptoken", EncodeSkipToken(offset));
    }

    private static string EncodeSkipToken(int offset) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"devtenant:{offset}"));

    private static bool TryDecodeSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("devtenant:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("devtenant:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool ParseBool(string text, out bool value) => bool.TryParse(text.Trim(), out value);
}
