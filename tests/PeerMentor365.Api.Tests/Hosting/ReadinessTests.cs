using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

[Collection(SharedApi.Name)]
public sealed class ReadinessTests(ApiApplication app)
{
    [Fact]
    public async Task Get_root_answers_200_without_a_token_for_the_hosts_readiness_ping()
    {
        using var response = await app.Client().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_app_listens_on_IPv4_loopback()
    {
        Assert.Equal("127.0.0.1", app.Api.BaseAddress.Host);
    }
}
