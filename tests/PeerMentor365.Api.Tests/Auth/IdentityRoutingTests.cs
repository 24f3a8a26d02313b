using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>Entra mode: none of the dev tenant's routing is registered; MSAL and the JWT metadata reach Entra as configured.</summary>
[Collection(SharedEntra.Name)]
public sealed class EntraModeRoutingTests(EntraApplication app)
{
    [Fact]
    public void Entra_mode_has_no_dev_tenant_routing_requires_https_metadata_and_trusts_no_loopback_issuer()
    {
        var msalHttp = app.Api.Services.GetRequiredService<IMsalHttpClientFactory>();
        var jwt = app.Api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.IsNotType<DevTenantRouting>(msalHttp);
        Assert.Null(app.Api.Services.GetService<DevTenantRouting>());
        Assert.True(jwt.RequireHttpsMetadata);
        Assert.All(jwt.TokenValidationParameters.ValidIssuers, issuer => Assert.StartsWith(EntraStub.Instance + "/", issuer, StringComparison.Ordinal));
        Assert.Empty(EntraModeGuard.Check(msalHttp, jwt));
    }

    [Fact]
    public void The_guard_names_each_piece_of_dev_tenant_routing_it_finds()
    {
        var jwt = new JwtBearerOptions { RequireHttpsMetadata = false };
        jwt.TokenValidationParameters.ValidIssuers = ["http://127.0.0.1:5081/5e1c0f0a-7d3b-4c1e-9a2f-3b8d6e4f7a10/v2.0"];
        using var routing = new DevTenantRouting(app.Api.Services);

        var failures = EntraModeGuard.Check(routing, jwt);

        Assert.Equal(3, failures.Count);
    }
}

/// <summary>Dev-tenant mode takes the same Identity.Web path, with login.microsoftonline.com answered by the loopback dev tenant.</summary>
[Collection(SharedApi.Name)]
public sealed class DevTenantRoutingTests(ApiApplication app)
{
    [Fact]
    public void Dev_tenant_mode_routes_MSAL_and_trusts_only_the_dev_tenant_issuer()
    {
        var msalHttp = app.Api.Services.GetRequiredService<IMsalHttpClientFactory>();
        var jwt = app.Api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.IsType<DevTenantRouting>(msalHttp);
        Assert.Equal([app.DevTenant.Issuer], jwt.TokenValidationParameters.ValidIssuers);
        Assert.Equal("https://login.microsoftonline.com/", app.Api.Services.GetRequiredService<IOptionsMonitor<Microsoft.Identity.Web.MicrosoftIdentityOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).Instance);
    }

    [Fact]
    public void A_dev_tenant_that_is_not_on_this_machine_stops_the_start_naming_the_setting()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Graph:Mode"] = "DevTenant",
            ["DevTenant:BaseUrl"] = "http://dev-tenant.example.com:5081/",
        });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        Assert.Contains("DevTenant:BaseUrl", error.ToString(), StringComparison.Ordinal);
    }
}
