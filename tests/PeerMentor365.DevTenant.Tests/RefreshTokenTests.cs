using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>Refresh tokens for the API's background work: given with offline_access, used with the refresh_token grant, revocable.</summary>
[Collection(SharedTenant.Name)]
public sealed class RefreshTokenTests(TenantFixture fixture)
{
    private const string Hiro = "hiro.tanaka@contoso.dev";
    private DevTenantServer Tenant => fixture.Tenant;

    private async Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await fixture.Http.PostAsync(Tenant.TokenEndpoint, content);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private Dictionary<string, string> OnBehalfOf(string mail, string scope) => new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
        ["client_id"] = DevTenantDefaults.ApiClientId,
        ["client_secret"] = DevTenantDefaults.ApiClientSecret,
        ["assertion"] = Tenant.IssueApiToken(mail),
        ["requested_token_use"] = "on_behalf_of",
        ["scope"] = scope,
    };

    private static Dictionary<string, string> Refresh(string refreshToken, string secret = DevTenantDefaults.ApiClientSecret) => new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = DevTenantDefaults.ApiClientId,
        ["client_secret"] = secret,
        ["refresh_token"] = refreshToken,
        ["scope"] = "https://graph.microsoft.com/.default offline_access",
    };

    private async Task<string> MeAsync(string graphToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Tenant.GraphBaseUrl + "/me");
        request.Headers.Authorization = new("Bearer", graphToken);
        using var response = await fixture.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["mail"]!.GetValue<string>();
    }

    [Fact]
    public async Task On_behalf_of_gives_a_refresh_token_only_when_offline_access_is_asked_for()
    {
        var (plainStatus, plain) = await TokenAsync(OnBehalfOf(Hiro, "https://graph.microsoft.com/.default"));
        var (offlineStatus, offline) = await TokenAsync(OnBehalfOf(Hiro, "https://graph.microsoft.com/.default offline_access"));

        Assert.Equal(HttpStatusCode.OK, plainStatus);
        Assert.False(plain.ContainsKey("refresh_token"));
        Assert.Equal(HttpStatusCode.OK, offlineStatus);
        Assert.False(string.IsNullOrEmpty(offline["refresh_token"]!.GetValue<string>()));
        Assert.Contains("offline_access", offline["scope"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_buys_a_Graph_token_for_the_same_user_and_a_new_refresh_token()
    {
        var (_, granted) = await TokenAsync(OnBehalfOf(Hiro, "https://graph.microsoft.com/.default offline_access"));
        var first = granted["refresh_token"]!.GetValue<string>();

        var (status, refreshed) = await TokenAsync(Refresh(first));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Hiro, await MeAsync(refreshed["access_token"]!.GetValue<string>()));
        var second = refreshed["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        var (againStatus, _) = await TokenAsync(Refresh(second));
        Assert.Equal(HttpStatusCode.OK, againStatus);
    }

    [Fact]
    public async Task Revoked_unknown_or_foreign_refresh_tokens_are_refused_as_Entra_refuses_them()
    {
        var (_, granted) = await TokenAsync(OnBehalfOf("finn.walsh@contoso.dev", "https://graph.microsoft.com/.default offline_access"));
        var token = granted["refresh_token"]!.GetValue<string>();

        var (wrongSecretStatus, wrongSecret) = await TokenAsync(Refresh(token, "guess"));
        var (unknownStatus, unknown) = await TokenAsync(Refresh("dev-rt.not-issued"));
        Assert.True(Tenant.RevokeRefreshTokens("finn.walsh@contoso.dev") >= 1);
        var (revokedStatus, revoked) = await TokenAsync(Refresh(token));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecretStatus);
        Assert.Equal("invalid_client", wrongSecret["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Equal("invalid_grant", unknown["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, revokedStatus);
        Assert.Equal("invalid_grant", revoked["error"]!.GetValue<string>());
        Assert.Equal(50173, revoked["error_codes"]![0]!.GetValue<int>());
    }
}
