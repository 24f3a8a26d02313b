using System.Reflection;

namespace PeerMentor365.Api.Auth;

/// <summary>The caller, from their validated access token. Bound as a handler parameter on signed-in routes.</summary>
internal sealed record SignedInUser(string Mail, string? ObjectId, string AccessToken)
{
    /// <summary>Entra (and the dev tenant) put the user's sign-in name, their mail address here.</summary>
    public const string MailClaim = "preferred_username";

    public const string ObjectIdClaim = "oid";

    public static ValueTask<SignedInUser?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var mail = context.User.FindFirst(MailClaim)?.Value;
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(mail) || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            // Only reachable on a route without the AccessAsUser policy: a programming error, not a client's.
            throw new InvalidOperationException($"{parameter.Name} needs a route that requires {ApiAuthentication.AccessAsUser}.");
        }

        return ValueTask.FromResult<SignedInUser?>(
            new SignedInUser(mail, context.User.FindFirst(ObjectIdClaim)?.Value, header[scheme.Length..].Trim()));
    }

    /// <summary>Never print the token.</summary>
    public override string ToString() => $"SignedInUser {{ ObjectId = {ObjectId} }}";
}
