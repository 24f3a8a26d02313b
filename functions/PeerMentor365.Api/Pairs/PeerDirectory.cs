using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;

namespace PeerMentor365.Api.Pairs;

/// <summary>A person found in the directory.</summary>
internal sealed record DirectoryPerson(string Id, string Mail, string DisplayName);

/// <summary>Finds peers by mail in the organization's directory: one Graph request, GET /users?$filter=mail in (…).</summary>
internal sealed class PeerDirectory(UserGraphClients graphs)
{
    /// <summary>The people found, keyed by the mail as asked (case-insensitive); mails nobody has are missing.</summary>
    public async Task<IReadOnlyDictionary<string, DirectoryPerson>> FindByMailAsync(SignedInUser user, IReadOnlyList<string> mails, CancellationToken cancellationToken)
    {
        // OData string literals double their quotes; the addresses were validated as mail addresses already.
        var literals = string.Join(",", mails.Select(mail => $"'{mail.Replace("'", "''", StringComparison.Ordinal)}'"));
        var found = await graphs.For(user).Users.GetAsync(
            request =>
            {
                request.QueryParameters.Filter = $"mail in ({literals})";
                request.QueryParameters.Select = ["id", "displayName", "mail"];
                request.QueryParameters.Top = mails.Count;
            },
            cancellationToken);

        var people = new Dictionary<string, DirectoryPerson>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in found?.Value ?? [])
        {
            if (person.Id is { Length: > 0 } id && person.Mail is { Length: > 0 } mail)
            {
                people.TryAdd(mail, new DirectoryPerson(id, mail, person.DisplayName ?? mail));
            }
        }

        return people;
    }
}
