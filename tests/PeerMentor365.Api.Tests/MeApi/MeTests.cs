using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.MeApi;

[Collection(SharedApi.Name)]
public sealed class MeTests(ApiApplication app)
{
    [Fact]
    public async Task Me_is_the_signed_in_user_with_their_mailbox_zone_from_one_batch()
    {
        app.DevTenant.Requests.Clear();

        using var response = await app.Client(ApiApplication.Ben).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var me = json.RootElement;
        var seeded = app.DevTenant.Users.Single(user => user.Mail == ApiApplication.Ben);
        Assert.Equal(seeded.Id, me.GetProperty("id").GetString());
        Assert.Equal(seeded.DisplayName, me.GetProperty("displayName").GetString());
        Assert.Equal(ApiApplication.Ben, me.GetProperty("mail").GetString());
        Assert.Equal("America/Los_Angeles", me.GetProperty("timeZone").GetString());
        Assert.Equal("Pacific Standard Time", me.GetProperty("windowsTimeZone").GetString());
        Assert.Equal("Seattle", me.GetProperty("officeLocation").GetString());

        var outer = app.DevTenant.Requests.Snapshot().Where(request => !request.IsBatchItem).ToList();
        var only = Assert.Single(outer);
        Assert.EndsWith("/$batch", only.Path, StringComparison.Ordinal);
        Assert.True(only.HadAuthorization);
    }
}
