using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>The Entra-like identity surface: discovery, JWKS, the token endpoint's two grants, Graph's bearer check, CORS.</summary>
[Collection(SharedTenant.Name)]
public sealed class IdentityTests(TenantFixture fixture)
{
    private const string Ana = "ana.souza@contoso.dev";
    private DevTenantServer Tenant => fixture.Tenant;
    private HttpClient Http => fixture.Http;

    private async Task<TokenValidationResult> ValidateWithJwksAsync(string token, string audience)
    {
        var discovery = await Http.GetFromJsonAsync<JsonObject>($"{Tenant.Authority}/.well-known/openid-configuration");
        var jwks = new JsonWebKeySet(await Http.GetStringAsync(discovery!["jwks_uri"]!.GetValue<string>()));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery["issuer"]!.GetValue<string>(),
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(Tenant.TokenEndpoint, content);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static Dictionary<string, string> PasswordGrant(string username = Ana) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = DevTenantDefaults.PaneClientId,
        ["username"] = username,
        ["password"] = "anything",
        ["scope"] = $"{DevTenantDefaults.ApiAudience}/access_as_user openid profile",
    };

    private static Dictionary<string, string> OnBehalfOf(string assertion) => new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
        ["client_id"] = DevTenantDefaults.ApiClientId,
        ["client_secret"] = DevTenantDefaults.ApiClientSecret,
        ["assertion"] = assertion,
        ["requested_token_use"] = "on_behalf_of",
        ["scope"] = "https://graph.microsoft.com/.default",
    };

    [Fact]
    public async Task The_discovery_document_names_the_issuer_keys_and_token_endpoint()
    {
        var discovery = await Http.GetFromJsonAsync<JsonObject>($"{Tenant.Authority}/.well-known/openid-configuration");

        Assert.Equal(Tenant.Issuer, discovery!["issuer"]!.GetValue<string>());
        Assert.Equal(Tenant.Authority, Tenant.Issuer);
        Assert.Equal(Tenant.TokenEndpoint, discovery["token_endpoint"]!.GetValue<string>());
        Assert.Equal($"{Tenant.BaseAddress}{Tenant.TenantId}/discovery/v2.0/keys", discovery["jwks_uri"]!.GetValue<string>());
        Assert.Equal($"http://127.0.0.1:{Tenant.BaseAddress.Port}/{Tenant.TenantId}/v2.0", Tenant.Authority);
        Assert.Equal($"http://127.0.0.1:{Tenant.BaseAddress.Port}/v1.0", Tenant.GraphBaseUrl);
    }

    [Fact]
    public async Task The_JWKS_has_one_RSA_signing_key_shaped_like_Entras()
    {
        var jwks = await Http.GetFromJsonAsync<JsonObject>($"{Tenant.BaseAddress}{Tenant.TenantId}/discovery/v2.0/keys");

        var key = Assert.Single(jwks!["keys"]!.AsArray())!;
        Assert.Equal("RSA", key["kty"]!.GetValue<string>());
        Assert.Equal("sig", key["use"]!.GetValue<string>());
        Assert.Equal(key["kid"]!.GetValue<string>(), key["x5t"]!.GetValue<string>());
        Assert.NotEmpty(key["n"]!.GetValue<string>());
        Assert.Equal("AQAB", key["e"]!.GetValue<string>());
        Assert.Single(key["x5c"]!.AsArray());
    }

    [Fact]
    public async Task Issued_API_tokens_validate_against_the_JWKS_and_carry_the_user()
    {
        var token = Tenant.IssueApiToken(Ana);

        var result = await ValidateWithJwksAsync(token, DevTenantDefaults.ApiAudience);

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal("access_as_user", jwt.GetClaim("scp").Value);
        Assert.Equal(Tenant.Users.Single(u => u.Mail == Ana).Id, jwt.GetClaim("oid").Value);
        Assert.Equal(Tenant.TenantId, jwt.GetClaim("tid").Value);
        Assert.Equal(Ana, jwt.GetClaim("preferred_username").Value);
        Assert.Equal("Ana Souza", jwt.GetClaim("name").Value);
        Assert.Equal(3600, (jwt.ValidTo - jwt.ValidFrom).TotalSeconds);
    }

    [Fact]
    public async Task Overrides_make_tokens_a_validator_must_refuse()
    {
        var expired = Tenant.IssueApiToken(Ana, o =>
        {
            o.IssuedAt = DateTimeOffset.UtcNow.AddHours(-3);
            o.Expires = DateTimeOffset.UtcNow.AddHours(-2);
        });
        var early = Tenant.IssueApiToken(Ana, o => o.NotBefore = DateTimeOffset.UtcNow.AddHours(1));
        var wrongAudience = Tenant.IssueApiToken(Ana, o => o.Audience = "api://someone-else");
        var wrongIssuer = Tenant.IssueApiToken(Ana, o => o.Issuer = "https://login.microsoftonline.com/other/v2.0");
        var unknownKey = Tenant.IssueApiToken(Ana, o => o.SignWithUnknownKey = true);
        var noScope = Tenant.IssueApiToken(Ana, o => o.OmitScope = true);

        Assert.IsType<SecurityTokenExpiredException>((await ValidateWithJwksAsync(expired, DevTenantDefaults.ApiAudience)).Exception);
        Assert.IsType<SecurityTokenNotYetValidException>((await ValidateWithJwksAsync(early, DevTenantDefaults.ApiAudience)).Exception);
        Assert.IsType<SecurityTokenInvalidAudienceException>((await ValidateWithJwksAsync(wrongAudience, DevTenantDefaults.ApiAudience)).Exception);
        Assert.IsType<SecurityTokenInvalidIssuerException>((await ValidateWithJwksAsync(wrongIssuer, DevTenantDefaults.ApiAudience)).Exception);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>((await ValidateWithJwksAsync(unknownKey, DevTenantDefaults.ApiAudience)).Exception);
        var scopeless = await ValidateWithJwksAsync(noScope, DevTenantDefaults.ApiAudience);
        Assert.True(scopeless.IsValid);
        Assert.False(((JsonWebToken)scopeless.SecurityToken).TryGetClaim("scp", out _));
    }

    [Fact]
    public void Tokens_are_only_issued_for_seeded_users()
    {
        Assert.Throws<ArgumentException>(() => Tenant.IssueApiToken("stranger@contoso.dev"));
        Assert.Throws<ArgumentException>(() => Tenant.IssueGraphToken("stranger@contoso.dev"));
    }

    [Fact]
    public async Task The_password_grant_signs_the_pane_in_as_a_seeded_user()
    {
        var (status, body) = await TokenAsync(PasswordGrant("noa.levi@contoso.dev"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3599, body["expires_in"]!.GetValue<int>());
        Assert.Contains($"{DevTenantDefaults.ApiAudience}/access_as_user", body["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        var access = await ValidateWithJwksAsync(body["access_token"]!.GetValue<string>(), DevTenantDefaults.ApiAudience);
        Assert.True(access.IsValid);
        Assert.Equal("noa.levi@contoso.dev", ((JsonWebToken)access.SecurityToken).GetClaim("preferred_username").Value);
        Assert.True((await ValidateWithJwksAsync(body["id_token"]!.GetValue<string>(), DevTenantDefaults.PaneClientId)).IsValid);
    }

    [Theory]
    [InlineData("username", "stranger@contoso.dev", "invalid_grant", 50034)]
    [InlineData("client_id", "someone-else", "unauthorized_client", 700016)]
    [InlineData("scope", "https://graph.microsoft.com/.default", "invalid_scope", 70011)]
    [InlineData("grant_type", "client_credentials", "unsupported_grant_type", 70003)]
    [InlineData("password", "", "invalid_request", 900144)]
    public async Task Password_grant_errors_come_in_Entras_OAuth_shape(string field, string value, string error, int code)
    {
        var form = PasswordGrant();
        form[field] = value;

        var (status, body) = await TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.Equal(code, Assert.Single(body["error_codes"]!.AsArray())!.GetValue<int>());
        Assert.StartsWith($"AADSTS{code}:", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(body["trace_id"]!.GetValue<string>(), out _));
        Assert.True(Guid.TryParse(body["correlation_id"]!.GetValue<string>(), out _));
        Assert.NotNull(body["timestamp"]);
    }

    [Fact]
    public async Task On_behalf_of_exchanges_an_API_token_for_a_Graph_token_for_the_same_user()
    {
        var (status, body) = await TokenAsync(OnBehalfOf(Tenant.IssueApiToken("hiro.tanaka@contoso.dev")));
        var graphToken = body["access_token"]!.GetValue<string>();
        var me = await RawGraph.SendAsync(Http, Tenant, HttpMethod.Get, "/me", graphToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((await ValidateWithJwksAsync(graphToken, DevTenantDefaults.GraphAudience)).IsValid);
        Assert.Equal("hiro.tanaka@contoso.dev", me.Body["mail"]!.GetValue<string>());
    }

    [Fact]
    public async Task On_behalf_of_checks_the_client_secret_and_the_assertion()
    {
        var wrongSecret = OnBehalfOf(Tenant.IssueApiToken(Ana));
        wrongSecret["client_secret"] = "guess";
        var expired = OnBehalfOf(Tenant.IssueApiToken(Ana, o => (o.IssuedAt, o.Expires) = (DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1))));
        var graphTokenAsAssertion = OnBehalfOf(Tenant.IssueGraphToken(Ana));
        var forged = OnBehalfOf(Tenant.IssueApiToken(Ana, o => o.SignWithUnknownKey = true));
        var otherResource = OnBehalfOf(Tenant.IssueApiToken(Ana));
        otherResource["scope"] = "api://another-api/.default";
        var unconsented = OnBehalfOf(Tenant.IssueApiToken(Ana));
        unconsented["scope"] = "https://graph.microsoft.com/Mail.Send";

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), Summary(await TokenAsync(wrongSecret)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), Summary(await TokenAsync(expired)));
        Assert.Equal(500133, (await TokenAsync(expired)).Body["error_codes"]![0]!.GetValue<int>());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), Summary(await TokenAsync(graphTokenAsAssertion)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), Summary(await TokenAsync(forged)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), Summary(await TokenAsync(otherResource)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), Summary(await TokenAsync(unconsented)));

        static (HttpStatusCode, string) Summary((HttpStatusCode Status, JsonObject Body) r) => (r.Status, r.Body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_token_endpoint_wants_a_form_post()
    {
        using var json = JsonContent.Create(new { grant_type = "password" });
        using var response = await Http.PostAsync(Tenant.TokenEndpoint, json);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Graph_without_a_token_answers_401_InvalidAuthenticationToken()
    {
        var response = await RawGraph.SendAsync(Http, Tenant, HttpMethod.Get, "/me", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.ErrorCode);
        Assert.NotNull(response.Body["error"]!["innerError"]!["request-id"]);
        Assert.StartsWith("Bearer", response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("garbage")]
    [InlineData("forged")]
    public async Task Graph_refuses_tokens_that_are_not_Graph_tokens(string kind)
    {
        var token = kind switch
        {
            "api" => Tenant.IssueApiToken(Ana),
            "forged" => Tenant.IssueApiToken(Ana, o => (o.Audience, o.SignWithUnknownKey) = (DevTenantDefaults.GraphAudience, true)),
            _ => "not.a.jwt",
        };

        var response = await RawGraph.SendAsync(Http, Tenant, HttpMethod.Get, "/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.ErrorCode);
    }

    [Fact]
    public async Task Graph_refuses_an_expired_Graph_token()
    {
        var clock = new AdjustableClock(DateTimeOffset.UtcNow);
        await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions { TimeProvider = clock });
        var token = tenant.IssueGraphToken(Ana);

        var fresh = await RawGraph.SendAsync(Http, tenant, HttpMethod.Get, "/me", token);
        clock.Advance(TimeSpan.FromHours(2));
        var stale = await RawGraph.SendAsync(Http, tenant, HttpMethod.Get, "/me", token);

        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        Assert.Contains("expired", stale.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5173", true)]
    [InlineData("http://127.0.0.1:4280", true)]
    [InlineData("https://evil.example", false)]
    [InlineData("https://localhost:5173", false)]
    public async Task CORS_allows_loopback_origins_on_the_token_endpoint_and_dev_routes(string origin, bool allowed)
    {
        foreach (var url in new[] { Tenant.TokenEndpoint, $"{Tenant.BaseAddress}dev/accounts" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

            using var response = await Http.SendAsync(preflight);

            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        }
    }

    [Fact]
    public async Task Graph_routes_do_not_answer_CORS()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Tenant.GraphBaseUrl}/me");
        request.Headers.Add("Origin", "http://localhost:5173");

        using var response = await Http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Dev_accounts_lists_the_seeded_people_for_the_sign_in_picker()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Tenant.BaseAddress}dev/accounts");
        request.Headers.Add("Origin", "http://localhost:5173");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("http://localhost:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var accounts = body!["value"]!.AsArray();
        Assert.Equal(Tenant.Users.Count, accounts.Count);
        var ana = accounts.Single(a => a!["mail"]!.GetValue<string>() == Ana)!;
        Assert.Equal("Ana Souza", ana["displayName"]!.GetValue<string>());
        Assert.Equal("E. South America Standard Time", ana["timeZone"]!.GetValue<string>());
        Assert.Equal(Tenant.Users.Single(u => u.Mail == Ana).Id, ana["id"]!.GetValue<string>());
    }
}
