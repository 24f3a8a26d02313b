using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>Starts the built app as its own process, as the Functions host does, and pings it on the host's port.</summary>
[Collection(SharedApi.Name)]
public sealed class CustomHandlerPortTests(ApiApplication app)
{
    [Fact]
    public async Task The_app_listens_on_127_0_0_1_at_FUNCTIONS_CUSTOMHANDLER_PORT_even_when_urls_say_otherwise()
    {
        var decoy = HandlerProcess.FreePort();
        await using var handler = await HandlerProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "PeerMentor365.Api"),
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{decoy}",
                ["DevTenant__BaseUrl"] = app.DevTenant.BaseAddress.ToString(),
            });

        using var http = new HttpClient();
        using var ping = await http.GetAsync(handler.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{decoy}/")));
    }
}
