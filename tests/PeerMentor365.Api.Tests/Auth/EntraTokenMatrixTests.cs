using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>Entra mode refuses every token that is not a current Entra v2.0 access token for this API from an allowed tenant.</summary>
[Collection(SharedEntra.Name)]
public sealed class EntraTokenMatrixTests(EntraApplication app)
{
    public static TheoryData<string> Unauthenticated => new()
    {
        "expired", "not yet valid", "wrong audience", "issuer of another tenant than its tid", "v1.0 issuer",
        "dev tenant token", "alg none", "unknown signing key", "tampered payload", "not a JWT",
    };

    private string Spoiled(string why) => why switch
    {
        "expired" => app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => (t.IssuedAt, t.NotBefore, t.Expires) = (DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow.AddHours(-2))),
        "not yet valid" => app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => (t.NotBefore, t.Expires) = (DateTimeOffset.UtcNow.AddMinutes(30), DateTimeOffset.UtcNow.AddHours(2))),
        "wrong audience" => app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.Audience = "00000003-0000-0000-c000-000000000000"),
        "issuer of another tenant than its tid" => app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.Issuer = $"{EntraStub.Instance}/{EntraStub.StrangerTenant}/v2.0"),
        "v1.0 issuer" => app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.Issuer = $"https://sts.windows.net/{EntraStub.HomeTenant}/"),
        "dev tenant token" => app.DevTenant.IssueApiToken(EntraApplication.Ana, t => t.Audience = EntraStub.ClientId),
        "alg none" => AlgNone(app.Entra.IssueApiToken(EntraApplication.Ana)),
        "unknown signing key" => app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.SignWithUnknownKey = true),
        "tampered payload" => Tampered(app.Entra.IssueApiToken(EntraApplication.Ana)),
        _ => "not-a-token",
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task Tokens_that_are_not_valid_Entra_tokens_for_this_API_get_401_problem(string why)
    {
        using var client = EntraApplication.Client(app.Api, Spoiled(why));

        using var response = await client.GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_valid_token_reaches_Graph_as_its_user()
    {
        using var client = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana));

        using var response = await client.GetAsync("/api/me");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(EntraApplication.Ana, JsonDocument.Parse(body).RootElement.GetProperty("mail").GetString());
    }

    [Fact]
    public async Task The_app_id_URI_is_an_accepted_audience_too()
    {
        using var client = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.Audience = EntraStub.AppIdUri));

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("User.Read")]
    public async Task A_token_without_access_as_user_gets_403_problem(string? scope)
    {
        using var client = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.Scope = scope));

        using var response = await client.GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("access_as_user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_from_an_organisation_not_allowed_gets_a_403_that_says_so()
    {
        using var client = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana, EntraStub.StrangerTenant));

        using var response = await client.GetAsync("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.True(problem.GetProperty("tenantNotAllowed").GetBoolean());
        Assert.EndsWith("tenant-not-allowed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("organisation is not allowed", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Entra.TokenRequests, request => request.Tenant == EntraStub.StrangerTenant);
    }

    [Fact]
    public async Task Allowed_tenants_sign_in_and_exchange_tokens_in_their_own_tenant()
    {
        var api = app.Start(new()
        {
            ["Auth:ClientSecret"] = EntraStub.ClientSecret,
            ["Auth:AllowedTenantIds"] = $"{EntraStub.HomeTenant}, {EntraStub.PartnerTenant}",
        });
        using var partner = EntraApplication.Client(api, app.Entra.IssueApiToken(EntraApplication.Ben, EntraStub.PartnerTenant));
        using var stranger = EntraApplication.Client(api, app.Entra.IssueApiToken(EntraApplication.Ben, EntraStub.StrangerTenant));

        using var allowed = await partner.GetAsync("/api/me");
        using var refused = await stranger.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains(app.Entra.TokenRequests, request => request.Tenant == EntraStub.PartnerTenant);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Program_health_needs_the_ProgramAdmin_app_role()
    {
        using var admin = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana, spoil: t => t.Roles.Add("ProgramAdmin")));
        using var member = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana));

        using var allowed = await admin.GetAsync("/api/program-health");
        using var refused = await member.GetAsync("/api/program-health");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Client_config_tells_the_pane_to_sign_in_with_Entra()
    {
        using var client = EntraApplication.Client(app.Api, null);

        var config = await client.GetFromJsonAsync<JsonElement>("/api/client-config");

        Assert.Equal("entra", config.GetProperty("authMode").GetString());
        Assert.Equal($"{EntraStub.AppIdUri}/access_as_user", config.GetProperty("apiScope").GetString());
        Assert.Equal(EntraStub.ClientId, config.GetProperty("entra").GetProperty("clientId").GetString());
        Assert.Equal($"{EntraStub.Instance}/{EntraStub.HomeTenant}", config.GetProperty("entra").GetProperty("authority").GetString());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("devTenant").ValueKind);
    }

    private static string AlgNone(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{parts[1]}.";
    }

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(EntraApplication.Ana, EntraApplication.Ben, StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
