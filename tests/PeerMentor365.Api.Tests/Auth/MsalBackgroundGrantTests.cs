using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Graph.Background;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>Entra background grants: MSAL's long-running on-behalf-of with its cache in the TokenCache table, against the stub.</summary>
[Collection(SharedEntra.Name)]
public sealed class MsalBackgroundGrantTests(EntraApplication app)
{
    private static IBackgroundGraphAccess GrantsOf(Infrastructure.ApiFactory api) => api.Services.GetRequiredService<IBackgroundGraphAccess>();

    private SignedInUser SignedIn(string mail) =>
        new(mail, app.DevTenant.Users.Single(user => user.Mail == mail).Id, app.Entra.IssueApiToken(mail));

    private static string NewKey() => "series-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_grant_remembered_in_one_instance_is_used_by_another_through_the_refresh_token_it_kept()
    {
        var key = NewKey();
        var obo = app.Entra.CountGrants("urn:ietf:params:oauth:grant-type:jwt-bearer");

        // Short-lived Graph tokens (MSAL renews within 5 minutes of expiry) make the later run redeem the kept refresh token.
        app.Entra.GraphTokenLifetimeSeconds = 120;
        try
        {
            await GrantsOf(app.Api).RememberAsync(SignedIn(EntraApplication.Ana), key, CancellationToken.None);
            Assert.Equal(obo + 1, app.Entra.CountGrants("urn:ietf:params:oauth:grant-type:jwt-bearer"));
            Assert.Contains("offline_access", app.Entra.TokenRequests[^1].Scope, StringComparison.Ordinal);
            var stored = await app.Api.Services.GetRequiredService<GrantTable>().ReadAsync(key, CancellationToken.None);
            Assert.Equal(EntraStub.HomeTenant, stored?.TenantId);

            // A fresh instance has nothing in memory: only the table row can get it a token.
            var nightly = app.Start(new() { ["Auth:ClientSecret"] = EntraStub.ClientSecret });
            var refreshes = app.Entra.CountGrants("refresh_token");
            var graph = await GrantsOf(nightly).ForAsync(key, CancellationToken.None);

            Assert.NotNull(graph);
            Assert.Equal(EntraApplication.Ana, (await graph.Me.GetAsync())?.Mail);
            Assert.True(app.Entra.CountGrants("refresh_token") > refreshes);
            Assert.Equal(obo + 1, app.Entra.CountGrants("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        }
        finally
        {
            app.Entra.GraphTokenLifetimeSeconds = 3599;
        }
    }

    [Fact]
    public async Task While_the_Graph_token_is_fresh_the_grant_is_served_from_the_kept_cache()
    {
        var key = NewKey();
        await GrantsOf(app.Api).RememberAsync(SignedIn(EntraApplication.Ben), key, CancellationToken.None);
        var requests = app.Entra.TokenRequests.Count;

        var graph = await GrantsOf(app.Api).ForAsync(key, CancellationToken.None);

        Assert.Equal(EntraApplication.Ben, (await graph!.Me.GetAsync())?.Mail);
        Assert.Equal(requests, app.Entra.TokenRequests.Count);
    }

    [Fact]
    public async Task A_revoked_grant_gives_null_and_is_forgotten()
    {
        const string mail = "isha.shrestha@contoso.dev";
        var key = NewKey();
        app.Entra.GraphTokenLifetimeSeconds = 120;
        try
        {
            await GrantsOf(app.Api).RememberAsync(SignedIn(mail), key, CancellationToken.None);
            app.Entra.Revoke(mail);

            Assert.Null(await GrantsOf(app.Api).ForAsync(key, CancellationToken.None));
            Assert.Null(await app.Api.Services.GetRequiredService<GrantTable>().ReadAsync(key, CancellationToken.None));
            Assert.Null(await GrantsOf(app.Api).ForAsync(key, CancellationToken.None));
        }
        finally
        {
            app.Entra.GraphTokenLifetimeSeconds = 3599;
        }
    }

    [Fact]
    public async Task Unknown_and_forgotten_grants_give_null()
    {
        var key = NewKey();
        await GrantsOf(app.Api).RememberAsync(SignedIn(EntraApplication.Ana), key, CancellationToken.None);

        await GrantsOf(app.Api).ForgetAsync(key, CancellationToken.None);

        Assert.Null(await GrantsOf(app.Api).ForAsync(key, CancellationToken.None));
        Assert.Null(await GrantsOf(app.Api).ForAsync(NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task Remembering_without_consent_is_the_consent_required_failure()
    {
        const string mail = "noa.levi@contoso.dev";
        app.Entra.WithoutConsent[mail] = true;
        try
        {
            await Assert.ThrowsAsync<ConsentRequiredException>(() => GrantsOf(app.Api).RememberAsync(SignedIn(mail), NewKey(), CancellationToken.None));
        }
        finally
        {
            app.Entra.WithoutConsent.TryRemove(mail, out _);
        }
    }
}
