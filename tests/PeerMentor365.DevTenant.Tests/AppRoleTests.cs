using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using PeerMentor365.DevTenant.Seed;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>App roles: seeded per user, issued as the roles claim of API tokens only (as Entra does).</summary>
[Collection(SharedTenant.Name)]
public sealed class AppRoleTests(TenantFixture fixture)
{
    private const string Admin = "priya.admin@contoso.dev";
    private const string Ana = "ana.souza@contoso.dev";

    private DevTenantServer Tenant => fixture.Tenant;

    [Fact]
    public void The_default_seed_has_exactly_one_program_admin()
    {
        var admin = Assert.Single(Tenant.Users, user => user.AppRoles.Count > 0);

        Assert.Equal(Admin, admin.Mail);
        Assert.Equal("Priya Nair", admin.DisplayName);
        Assert.Equal("GMT Standard Time", admin.TimeZone); // Europe/London
        Assert.Equal(["ProgramAdmin"], admin.AppRoles);
    }

    [Fact]
    public void Api_tokens_carry_the_users_roles_as_an_array_and_others_no_roles_claim()
    {
        var admin = new JsonWebToken(Tenant.IssueApiToken(Admin));
        var member = new JsonWebToken(Tenant.IssueApiToken(Ana));

        Assert.Equal(["ProgramAdmin"], admin.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value));
        Assert.Equal("array", System.Text.Json.JsonDocument.Parse(Base64UrlPayload(admin)).RootElement.GetProperty("roles").ValueKind.ToString().ToLowerInvariant());
        Assert.DoesNotContain(member.Claims, claim => claim.Type == "roles");
    }

    [Fact]
    public async Task The_token_endpoint_puts_roles_in_the_access_token_but_not_the_id_token_or_Graph_token()
    {
        using var http = new HttpClient();
        using var password = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = DevTenantDefaults.PaneClientId,
            ["username"] = Admin,
            ["password"] = "anything",
            ["scope"] = $"{DevTenantDefaults.ApiAudience}/access_as_user openid profile",
        });
        using var signIn = await http.PostAsync(Tenant.TokenEndpoint, password);
        var tokens = (await signIn.Content.ReadFromJsonAsync<JsonObject>())!;
        var accessToken = tokens["access_token"]!.GetValue<string>();

        using var exchange = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["client_id"] = DevTenantDefaults.ApiClientId,
            ["client_secret"] = DevTenantDefaults.ApiClientSecret,
            ["assertion"] = accessToken,
            ["requested_token_use"] = "on_behalf_of",
            ["scope"] = "https://graph.microsoft.com/.default",
        });
        using var onBehalfOf = await http.PostAsync(Tenant.TokenEndpoint, exchange);
        var graphToken = (await onBehalfOf.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onBehalfOf.StatusCode);
        Assert.Contains(new JsonWebToken(accessToken).Claims, claim => claim.Type == "roles" && claim.Value == "ProgramAdmin");
        Assert.DoesNotContain(new JsonWebToken(tokens["id_token"]!.GetValue<string>()).Claims, claim => claim.Type == "roles");
        Assert.DoesNotContain(new JsonWebToken(graphToken).Claims, claim => claim.Type == "roles");
    }

    [Theory]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "appRoles": ["Program Admin"]}]}""", "users[0].appRoles[0]")] // a space
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "appRoles": ["ProgramAdmin", ""]}]}""", "users[0].appRoles[1]")] // empty
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "appRoles": ["1Admin"]}]}""", "users[0].appRoles[0]")] // not starting with a letter
    public void Invalid_app_roles_fail_the_seed_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<InvalidDataException>(() => SeedLoader.Parse(json, "roles.json", TimeProvider.System));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_roles_are_issued_once()
    {
        var seed = SeedLoader.Parse(
            """{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "appRoles": ["ProgramAdmin", "ProgramAdmin", "Reader"]}]}""",
            "roles.json",
            TimeProvider.System);

        Assert.Equal(["ProgramAdmin", "Reader"], seed.Mailboxes[0].User.AppRoles);
    }

    private static string Base64UrlPayload(JsonWebToken token) =>
        System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
}
