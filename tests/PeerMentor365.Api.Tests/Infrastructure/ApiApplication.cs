using System.Net.Http.Headers;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>
/// The shared test application: a dev tenant on a free loopback port and the API on real Kestrel pointed at
/// it, with real bearer tokens from the dev tenant. Tests in the "Api" collection run one at a time, so
/// each may read the dev tenant's request log and set its fault switch.
/// </summary>
public sealed class ApiApplication : IAsyncLifetime
{
    public const string Ana = "ana.souza@contoso.dev";
    public const string Ben = "ben.carter@contoso.dev";

    public DevTenantServer DevTenant { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DevTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0 });
        Api = new ApiFactory(SettingsFor(DevTenant));
        Api.StartServer();
    }

    /// <summary>The settings that point the app at a running dev tenant (and lift the per-user rate limit).</summary>
    public static Dictionary<string, string?> SettingsFor(DevTenantServer devTenant) => new()
    {
        ["Graph:Mode"] = "DevTenant",
        ["DevTenant:BaseUrl"] = devTenant.BaseAddress.ToString(),
        ["Suggestions:RequestsPerUserPerMinute"] = "0",
        ["Graph:MaxRetryAfterSeconds"] = "5",
    };

    /// <summary>A client for the app; signed in as <paramref name="mail"/> with a real dev-tenant token when given.</summary>
    public HttpClient Client(string? mail = null)
    {
        var client = Api.CreateClient();
        if (mail is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTenant.IssueApiToken(mail));
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await DevTenant.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApi : ICollectionFixture<ApiApplication>
{
    public const string Name = "Api";
}
