using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.GraphAccess;

/// <summary>The user's token is exchanged for a Graph token at the dev tenant once, then reused until near expiry.</summary>
[Collection(SharedApi.Name)]
public sealed class OnBehalfOfTests(ApiApplication app)
{
    [Fact]
    public async Task Repeated_requests_with_one_user_token_exchange_it_once_and_a_new_token_exchanges_again()
    {
        var exchanges = new ExchangeCounter();
        using var api = new ApiFactory(
            ApiApplication.SettingsFor(app.DevTenant),
            services => services.AddHttpClient(DevTenantOnBehalfOf.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(exchanges)));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana));

        for (var i = 0; i < 3; i++)
        {
            using var me = await client.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var people = await client.GetAsync("/api/people?search=ben"))
        {
            Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        }

        Assert.Equal(1, exchanges.Count);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana, token => token.AdditionalClaims["uti"] = Guid.NewGuid().ToString()));
        using var again = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, exchanges.Count);
    }

    [Fact]
    public async Task The_Graph_token_is_for_the_signed_in_user()
    {
        app.DevTenant.Requests.Clear();
        using var client = app.Client("hiro.tanaka@contoso.dev");

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hiro.tanaka@contoso.dev", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class ExchangeCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingHandler(ExchangeCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
