using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Tests.Hosting;

public sealed class EmbeddedDevTenantTests
{
    [Fact]
    public async Task Without_a_tenant_configured_the_app_embeds_a_dev_tenant_and_uses_it_for_tokens_and_Graph()
    {
        using var api = new ApiFactory(new Dictionary<string, string?> { ["DevTenant:Port"] = "0" });
        var embedded = api.Services.GetRequiredService<EmbeddedDevTenant>().Server;
        using var client = api.CreateClient();

        using var config = JsonDocument.Parse(await client.GetStringAsync("/api/client-config"));
        Assert.Equal(embedded.Authority, config.RootElement.GetProperty("devTenant").GetProperty("authority").GetString());

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", embedded.IssueApiToken("emma.schulz@contoso.dev"));
        using var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(embedded.Requests.Snapshot(), request => request.HadAuthorization);
    }
}
