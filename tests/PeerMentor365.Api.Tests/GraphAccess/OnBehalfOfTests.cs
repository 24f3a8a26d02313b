using System.Net;
using System.Net.Http.Headers;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.GraphAccess;

/// <summary>The user's token is exchanged for a Graph token at the dev tenant once, then reused until near expiry.</summary>
[Collection(SharedApi.Name)]
public sealed class OnBehalfOfTests(ApiApplication app)
{
    [Fact]
    public async Task Repeated_requests_with_one_user_token_exchange_it_once_and_a_new_token_exchanges_again()
    {
        const string OnBehalfOf = "urn:ietf:params:oauth:grant-type:jwt-bearer";
        var before = app.DevTenant.CountTokenRequests(OnBehalfOf);
        using var api = new ApiFactory(ApiApplication.SettingsFor(app.DevTenant));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana));

        for (var i = 0; i < 3; i++)
        {
            using var me = await client.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var people = await client.GetAsync("/api/people?search=ben"))
        {
            Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        }

        Assert.Equal(before + 1, app.DevTenant.CountTokenRequests(OnBehalfOf));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana, token => token.AdditionalClaims["uti"] = Guid.NewGuid().ToString()));
        using var again = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(before + 2, app.DevTenant.CountTokenRequests(OnBehalfOf));
    }

    [Fact]
    public async Task The_Graph_token_is_for_the_signed_in_user()
    {
        app.DevTenant.Requests.Clear();
        using var client = app.Client("hiro.tanaka@contoso.dev");

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hiro.tanaka@contoso.dev", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
