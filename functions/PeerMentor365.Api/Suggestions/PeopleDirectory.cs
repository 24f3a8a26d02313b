using Microsoft.Graph;
using PeerMentor365.Api.Graph;

namespace PeerMentor365.Api.Suggestions;

/// <summary>What the directory says about one person: how to call them and where they work.</summary>
internal sealed record DirectoryEntry(string Mail, string? DisplayName, string? OfficeLocation);

/// <summary>
/// Looks people up by mail in the directory (<c>GET /users?$filter=mail in (...)</c>) as optional steps of a suggestion's
/// $batch: names are nice to have, so a lookup that fails leaves them out and nothing else.
/// </summary>
internal static class PeopleDirectory
{
    /// <summary>
    /// Addresses per lookup: a basic (not advanced) Graph filter holds at most 15 <c>in</c> values, and a basic query
    /// needs no ConsistencyLevel header. 20 people take two lookups.
    /// </summary>
    public const int AddressesPerLookup = 15;

    private static readonly string[] Properties = ["id", "displayName", "mail", "officeLocation"];

    public static List<GraphBatchStep> Steps(GraphServiceClient graph, IReadOnlyList<string> mails) =>
        [.. mails.Chunk(AddressesPerLookup).Select((chunk, index) => new GraphBatchStep(
            $"people{index}",
            () => graph.Users.ToGetRequestInformation(request =>
            {
                request.QueryParameters.Filter = MailIn(chunk);
                request.QueryParameters.Select = Properties;
            }),
            UsesMailbox: false,
            Optional: true))];

    /// <summary><c>mail in ('a@x','b@x')</c>, with single quotes inside an address doubled as OData requires.</summary>
    public static string MailIn(IEnumerable<string> mails) =>
        $"mail in ({string.Join(",", mails.Select(mail => $"'{mail.Replace("'", "''", StringComparison.Ordinal)}'"))})";

    /// <summary>The entries the lookups found, by mail (ignoring case); lookups that failed add nothing.</summary>
    public static Dictionary<string, DirectoryEntry> Read(GraphBatchResult result, IEnumerable<GraphBatchStep> steps)
    {
        var entries = new Dictionary<string, DirectoryEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps)
        {
            if (!result.Succeeded(step.Id))
            {
                continue;
            }

            foreach (var user in GraphJson.Array(result.Body(step.Id), "value"))
            {
                if (GraphJson.String(user, "mail") is { Length: > 0 } mail)
                {
                    entries[mail] = new DirectoryEntry(mail, Text(GraphJson.String(user, "displayName")), Text(GraphJson.String(user, "officeLocation")));
                }
            }
        }

        return entries;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
