using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PeopleApi;

[Collection(SharedApi.Name)]
public sealed class PeopleTests(ApiApplication app)
{
    [Fact]
    public async Task Search_finds_people_by_name_through_Graph()
    {
        app.DevTenant.Requests.Clear();

        var people = await SearchAsync(ApiApplication.Ana, "/api/people?search=ben");

        var ben = Assert.Single(people, person => person.GetProperty("mail").GetString() == ApiApplication.Ben);
        Assert.Equal("Ben Carter", ben.GetProperty("displayName").GetString());
        Assert.Equal("Seattle", ben.GetProperty("officeLocation").GetString());
        Assert.False(string.IsNullOrEmpty(ben.GetProperty("id").GetString()));
        var request = Assert.Single(app.DevTenant.Requests.Snapshot());
        Assert.Equal("/users", request.Path);
        Assert.True(request.HadAuthorization);
    }

    [Fact]
    public async Task Search_by_mail_domain_lists_colleagues_but_never_the_signed_in_user()
    {
        var people = await SearchAsync(ApiApplication.Ana, "/api/people?search=contoso&top=25");

        Assert.True(people.Count >= 5, $"Expected most of the seeded people, got {people.Count}.");
        Assert.DoesNotContain(people, person => person.GetProperty("mail").GetString() == ApiApplication.Ana);
        Assert.Contains(people, person => person.GetProperty("mail").GetString() == ApiApplication.Ben);
    }

    [Fact]
    public async Task Top_limits_the_number_of_people()
    {
        var people = await SearchAsync(ApiApplication.Ana, "/api/people?search=contoso&top=2");

        Assert.Equal(2, people.Count);
    }

    [Theory]
    [InlineData("/api/people", "search")] // search is required
    [InlineData("/api/people?search=", "search")] // and not empty
    [InlineData("/api/people?search=%22ben", "search")] // a quote would break Graph's $search syntax
    [InlineData("/api/people?search=ben&top=0", "top")] // below 1
    [InlineData("/api/people?search=ben&top=26", "top")] // above 25
    [InlineData("/api/people?search=ben&top=ten", "top")] // not a number
    public async Task Bad_queries_get_400_naming_the_parameter(string url, string field)
    {
        using var response = await app.Client(ApiApplication.Ana).GetAsync(url);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task A_search_longer_than_100_characters_gets_400()
    {
        using var response = await app.Client(ApiApplication.Ana).GetAsync("/api/people?search=" + new string('a', 101));

        await ProblemAssert.IsValidationProblemAsync(response, "search");
    }

    private async Task<List<JsonElement>> SearchAsync(string mail, string url)
    {
        using var response = await app.Client(mail).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("people").EnumerateArray().Select(person => person.Clone())];
    }
}
