using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Graph.Users;

/// <summary>The directory properties of a user, with Graph's names, and the default set /users returns.</summary>
internal static class UserJson
{
    // What GET /users and /users/{id} return without $select: Graph's default set, plus mailNickname,
    // otherMails and proxyAddresses, which the documented examples (older default sets) show.
    public static readonly string[] DefaultProperties =
    [
        "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mailNickname", "mobilePhone",
        "officeLocation", "otherMails", "preferredLanguage", "proxyAddresses", "surname", "userPrincipalName", "id",
    ];

    private static readonly Dictionary<string, Func<SeedUser, JsonNode?>> Properties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = u => u.Id,
        ["businessPhones"] = _ => new JsonArray(),
        ["displayName"] = u => u.DisplayName,
        ["givenName"] = u => u.GivenName,
        ["surname"] = u => u.Surname,
        ["jobTitle"] = u => u.JobTitle,
        ["mail"] = u => u.Mail,
        ["mailNickname"] = u => u.Mail.Split('@')[0],
        ["mobilePhone"] = _ => null,
        ["officeLocation"] = u => u.OfficeLocation,
        ["preferredLanguage"] = u => u.PreferredLanguage,
        ["userPrincipalName"] = u => u.Mail,
        ["accountEnabled"] = _ => true,
        ["userType"] = _ => "Member",
        ["city"] = u => u.OfficeLocation,
        ["companyName"] = _ => "Contoso",
        ["department"] = _ => null,
        ["otherMails"] = _ => new JsonArray(),
        ["imAddresses"] = u => new JsonArray(u.Mail),
        ["proxyAddresses"] = u => new JsonArray($"SMTP:{u.Mail}"),
        ["identities"] = u => new JsonArray(new JsonObject
        {
            ["signInType"] = "userPrincipalName",
            ["issuer"] = u.Mail.Split('@')[1],
            ["issuerAssignedId"] = u.Mail,
        }),
    };

    /// <summary>Graph's spelling of a property name, or null when the user type has no such property.</summary>
    public static string? CanonicalName(string name) =>
        Properties.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public static JsonObject Render(SeedUser user, IReadOnlyList<string> properties)
    {
        var json = new JsonObject();
        foreach (var property in properties)
        {
            json[property] = Properties[property](user);
        }

        return json;
    }

    public static JsonNode? Value(SeedUser user, string property) => Properties[property](user);
}
