using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>Background Graph grants on the dev tenant: remembered during a request, used later, gone once revoked.</summary>
[Collection(SharedApi.Name)]
public sealed class BackgroundGrantTests(ApiApplication app)
{
    private IBackgroundGraphAccess Grants => app.Api.Services.GetRequiredService<IBackgroundGraphAccess>();

    private SignedInUser SignedIn(string mail) =>
        new(mail, app.DevTenant.Users.Single(user => user.Mail == mail).Id, app.DevTenant.IssueApiToken(mail));

    private static string NewKey() => "series-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_remembered_grant_acts_as_its_user_later()
    {
        var key = NewKey();
        await Grants.RememberAsync(SignedIn(ApiApplication.Ana), key, CancellationToken.None);

        var graph = await Grants.ForAsync(key, CancellationToken.None);

        Assert.NotNull(graph);
        var me = await graph.Me.GetAsync();
        Assert.Equal(ApiApplication.Ana, me?.Mail);
        // A second run uses the refresh token the first run stored in its place.
        var again = await Grants.ForAsync(key, CancellationToken.None);
        Assert.Equal(ApiApplication.Ana, (await again!.Me.GetAsync())?.Mail);
    }

    [Fact]
    public async Task Grants_are_kept_apart_by_key()
    {
        var anas = NewKey();
        var bens = NewKey();
        await Grants.RememberAsync(SignedIn(ApiApplication.Ana), anas, CancellationToken.None);
        await Grants.RememberAsync(SignedIn(ApiApplication.Ben), bens, CancellationToken.None);

        Assert.Equal(ApiApplication.Ben, (await (await Grants.ForAsync(bens, CancellationToken.None))!.Me.GetAsync())?.Mail);
        Assert.Equal(ApiApplication.Ana, (await (await Grants.ForAsync(anas, CancellationToken.None))!.Me.GetAsync())?.Mail);
    }

    [Fact]
    public async Task A_revoked_grant_gives_null_and_stays_gone()
    {
        const string mail = "hiro.tanaka@contoso.dev";
        var key = NewKey();

        // A Graph token already held stays good until it expires (as in Entra): short-lived ones make the next run redeem the refresh token.
        app.DevTenant.GraphTokenLifetime = TimeSpan.FromMinutes(2);
        try
        {
            await Grants.RememberAsync(SignedIn(mail), key, CancellationToken.None);

            Assert.True(app.DevTenant.RevokeRefreshTokens(mail) >= 1);

            Assert.Null(await Grants.ForAsync(key, CancellationToken.None));
            Assert.Null(await Grants.ForAsync(key, CancellationToken.None));
        }
        finally
        {
            app.DevTenant.GraphTokenLifetime = TimeSpan.FromHours(1);
        }
    }

    [Fact]
    public async Task An_unknown_or_forgotten_grant_gives_null()
    {
        var key = NewKey();
        await Grants.RememberAsync(SignedIn(ApiApplication.Ana), key, CancellationToken.None);

        await Grants.ForgetAsync(key, CancellationToken.None);

        Assert.Null(await Grants.ForAsync(key, CancellationToken.None));
        Assert.Null(await Grants.ForAsync(NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task A_key_the_table_cannot_hold_is_refused_before_anything_is_exchanged()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Grants.RememberAsync(SignedIn(ApiApplication.Ana), "a/b", CancellationToken.None));
    }

    [Fact]
    public async Task Neither_tokens_nor_refresh_tokens_reach_the_log()
    {
        var user = SignedIn(ApiApplication.Ana);
        var key = NewKey();
        await Grants.RememberAsync(user, key, CancellationToken.None);
        await (await Grants.ForAsync(key, CancellationToken.None))!.Me.GetAsync();

        Assert.DoesNotContain(app.Api.Logs.Lines, line => line.Contains(user.AccessToken, StringComparison.Ordinal) || line.Contains("dev-rt.", StringComparison.Ordinal));
    }
}
