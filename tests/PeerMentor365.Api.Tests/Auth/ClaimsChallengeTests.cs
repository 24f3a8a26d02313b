using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>
/// Conditional Access through the whole path: the dev tenant asks for multi-factor authentication on-behalf-of, the
/// API answers 401 insufficient_claims with the claims challenge, and a token signed in with those claims gets through.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class ClaimsChallengeTests(ApiApplication app)
{
    private const string Mail = "noa.levi@contoso.dev";

    [Fact]
    public async Task A_step_up_challenge_is_a_401_with_the_claims_and_a_token_signed_in_with_them_gets_through()
    {
        app.DevTenant.RequireStepUp(Mail);
        try
        {
            using var client = app.Client();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(claims: null));

            using var challenged = await client.GetAsync("/api/me");

            var problem = await ProblemAssert.IsProblemAsync(challenged, HttpStatusCode.Unauthorized);
            var header = Assert.Single(challenged.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", header.Scheme);
            Assert.Contains("error=\"insufficient_claims\"", header.Parameter, StringComparison.Ordinal);
            var claims = Encoding.UTF8.GetString(Convert.FromBase64String(ClaimsOf(header.Parameter!)));
            Assert.Equal(problem.GetProperty("claims").GetString(), ClaimsOf(header.Parameter!));
            Assert.True(JsonDocument.Parse(claims).RootElement.GetProperty("access_token").TryGetProperty("capolids", out _));

            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(claims));
            using var stepped = await client.GetAsync("/api/me");

            Assert.Equal(HttpStatusCode.OK, stepped.StatusCode);
            Assert.Equal(Mail, (await stepped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mail").GetString());
        }
        finally
        {
            app.DevTenant.RequireStepUp(Mail, required: false);
        }
    }

    [Fact]
    public async Task A_step_up_challenge_while_a_grant_is_remembered_is_the_claims_challenge_too()
    {
        app.DevTenant.RequireStepUp(Mail);
        try
        {
            var user = new SignedInUser(Mail, app.DevTenant.Users.Single(u => u.Mail == Mail).Id, await SignInAsync(claims: null));
            var grants = app.Api.Services.GetRequiredService<IBackgroundGraphAccess>();

            var error = await Assert.ThrowsAsync<ClaimsChallengeException>(
                () => grants.RememberAsync(user, "series-" + Guid.NewGuid().ToString("N"), CancellationToken.None));

            Assert.Contains("capolids", error.Claims, StringComparison.Ordinal);
        }
        finally
        {
            app.DevTenant.RequireStepUp(Mail, required: false);
        }
    }

    /// <summary>The pane's dev sign-in (password grant), asking for the challenge's claims when given.</summary>
    private async Task<string> SignInAsync(string? claims)
    {
        using var http = new HttpClient();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = DevTenantDefaults.PaneClientId,
            ["username"] = Mail,
            ["password"] = "any",
            ["scope"] = $"{DevTenantDefaults.ApiAudience}/{DevTenantDefaults.ApiScope}",
        };
        if (claims is not null)
        {
            form["claims"] = claims;
        }

        using var response = await http.PostAsync(app.DevTenant.TokenEndpoint, new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static string ClaimsOf(string parameter)
    {
        const string name = "claims=\"";
        var start = parameter.IndexOf(name, StringComparison.Ordinal) + name.Length;
        return parameter[start..parameter.IndexOf('"', start)];
    }
}
