using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;

namespace PeerMentor365.Api.People;

/// <summary>GET /api/people?search=…&amp;top=…: the people picker (Graph directory search), without the signed-in user.</summary>
internal static class PeopleApi
{
    public const int MaxSearchLength = 100;

    public const int DefaultTop = 10;

    public const int MaxTop = 25;

    public static RouteGroupBuilder MapPeople(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/people").WithTags("People").RequireAuthorization(ApiAuthentication.AccessAsUser);
        group.MapGet("", SearchPeople).WithName("SearchPeople");
        return group;
    }

    private static async Task<Results<Ok<PeopleResponse>, ValidationProblem>> SearchPeople(
        string? search, string? top, SignedInUser user, UserGraphClients graphs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var term = search?.Trim() ?? string.Empty;
        if (term.Length is 0 or > MaxSearchLength)
        {
            errors["search"] = [$"search is required: 1 to {MaxSearchLength} characters."];
        }
        else if (term.Contains('"', StringComparison.Ordinal) || term.Contains('\\', StringComparison.Ordinal))
        {
            errors["search"] = ["search must not contain quotes or backslashes."];
        }

        var count = DefaultTop;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTop))
        {
            errors["top"] = [$"top must be a whole number from 1 to {MaxTop}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var graph = graphs.For(user);
        // One more than asked, in case the signed-in user is among the matches and gets dropped.
        var found = await GraphCalls.ReadAsync(() => graph.Users.GetAsync(
            request =>
            {
                request.QueryParameters.Search = $"\"displayName:{term}\" OR \"mail:{term}\"";
                request.QueryParameters.Select = ["id", "displayName", "mail", "jobTitle", "officeLocation"];
                request.QueryParameters.Top = count + 1;
                request.Headers.Add("ConsistencyLevel", "eventual");
            },
            cancellationToken));

        var people = (found?.Value ?? [])
            .Where(person => !string.IsNullOrEmpty(person.Mail))
            .Where(person => !IsSignedInUser(person, user))
            .Take(count)
            .Select(person => new Person(person.Id ?? string.Empty, person.DisplayName ?? person.Mail!, person.Mail!, person.JobTitle, NullIfBlank(person.OfficeLocation)))
            .ToList();
        return TypedResults.Ok(new PeopleResponse(people));
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsSignedInUser(Microsoft.Graph.Models.User person, SignedInUser user) =>
        string.Equals(person.Mail, user.Mail, StringComparison.OrdinalIgnoreCase)
        || (user.ObjectId is not null && string.Equals(person.Id, user.ObjectId, StringComparison.OrdinalIgnoreCase));
}

internal sealed record PeopleResponse(IReadOnlyList<Person> People);

internal sealed record Person(string Id, string DisplayName, string Mail, string? JobTitle, string? OfficeLocation);
