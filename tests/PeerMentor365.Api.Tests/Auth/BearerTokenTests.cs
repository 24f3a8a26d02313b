using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.Auth;

[Collection(SharedApi.Name)]
public sealed class BearerTokenTests(ApiApplication app)
{
    public static TheoryData<string, Action<TokenDescriptorOverrides>?> Rejected => new()
    {
        // Each row: why the token is bad, and how the dev tenant is asked to spoil it.
        { "no token at all", null },
        { "expired an hour ago", token => { token.IssuedAt = DateTimeOffset.UtcNow.AddHours(-2); token.NotBefore = DateTimeOffset.UtcNow.AddHours(-2); token.Expires = DateTimeOffset.UtcNow.AddHours(-1); } },
        { "issued for another API", token => token.Audience = "api://someone-else" },
        { "issued by another authority", token => token.Issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0" },
        { "signed with a key the authority does not publish", token => token.SignWithUnknownKey = true },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Invalid_tokens_get_401_problem(string why, Action<TokenDescriptorOverrides>? spoil)
    {
        using var client = app.Client();
        if (spoil is not null || why != "no token at all")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana, spoil));
        }

        using var response = await client.GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_token_that_is_not_a_JWT_gets_401_problem()
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await client.PostAsync("/api/suggestions", JsonContent.Create(new { peers = new[] { ApiApplication.Ben } }));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_without_the_access_as_user_scope_gets_403_problem()
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana, token => token.OmitScope = true));

        using var response = await client.GetAsync("/api/people?search=ben");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_token_with_another_scope_only_gets_403_problem()
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana, token => token.Scope = "something_else"));

        using var response = await client.GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        using var response = await app.Client(ApiApplication.Ana).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
