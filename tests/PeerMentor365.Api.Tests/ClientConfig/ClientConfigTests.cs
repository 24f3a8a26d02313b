using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.ClientConfig;

[Collection(SharedApi.Name)]
public sealed class ClientConfigTests(ApiApplication app)
{
    [Fact]
    public async Task Anonymous_callers_get_the_dev_tenant_sign_in_endpoints()
    {
        using var response = await app.Client().GetAsync("/api/client-config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("devTenant", root.GetProperty("authMode").GetString());
        Assert.Equal("api://peermentor365-dev/access_as_user", root.GetProperty("apiScope").GetString());
        var dev = root.GetProperty("devTenant");
        Assert.Equal(app.DevTenant.Authority, dev.GetProperty("authority").GetString());
        Assert.Equal(app.DevTenant.TokenEndpoint, dev.GetProperty("tokenEndpoint").GetString());
        Assert.Equal(new Uri(app.DevTenant.BaseAddress, "dev/accounts").ToString(), dev.GetProperty("accountsEndpoint").GetString());
        Assert.Equal("peermentor365-pane", dev.GetProperty("clientId").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("entra").ValueKind);
    }

    [Fact]
    public async Task The_advertised_endpoints_work_the_authority_serves_its_OIDC_metadata()
    {
        using var config = JsonDocument.Parse(await app.Client().GetStringAsync("/api/client-config"));
        var authority = config.RootElement.GetProperty("devTenant").GetProperty("authority").GetString();

        using var http = new HttpClient();
        using var metadata = JsonDocument.Parse(await http.GetStringAsync($"{authority}/.well-known/openid-configuration"));

        Assert.Equal(authority, metadata.RootElement.GetProperty("issuer").GetString());
    }
}
