using System.Net.Http.Headers;
using PeerMentor365.DevTenant;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>
/// The shared test application: a dev tenant and Azurite on free loopback ports and the API on real Kestrel
/// pointed at them (its tables under a prefix of its own), with real bearer tokens from the dev tenant. Tests in
/// the "Api" collection run one at a time, so each may read the dev tenant's request log and set its fault switch.
/// </summary>
public sealed class ApiApplication : IAsyncLifetime
{
    public const string Ana = "ana.souza@contoso.dev";
    public const string Ben = "ben.carter@contoso.dev";

    public DevTenantServer DevTenant { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public AzuriteServer Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // One tenant serves every API suite, so a few seeded people make in minutes the OneNote requests a real person
        // makes in weeks: OneNote's per-user minute and hour quotas are lifted here. Its throttling is exercised where it
        // is the subject: the dev tenant's OneNote tests, the pacer's tests and the series fault tests (fault switch).
        DevTenant = await DevTenantServer.StartAsync(new DevTenantOptions
        {
            Port = 0,
            OneNoteLimits = new OneNoteLimits { RequestsPerMinute = 100_000, RequestsPerHour = 1_000_000 },
        });
        Azurite = await AzuriteServer.StartAsync();
        Api = new ApiFactory(WithStorage(SettingsFor(DevTenant), Azurite));
        Api.StartServer();
    }

    /// <summary>The settings plus Azurite as storage, under a table prefix no other app in the run uses.</summary>
    public static Dictionary<string, string?> WithStorage(Dictionary<string, string?> settings, AzuriteServer azurite)
    {
        settings["Storage:ConnectionString"] = azurite.ConnectionString;
        settings["Storage:TablePrefix"] = AzuriteServer.UniqueTableName("api");
        return settings;
    }

    /// <summary>The settings that point the app at a running dev tenant (and lift the per-user rate limits).</summary>
    public static Dictionary<string, string?> SettingsFor(DevTenantServer devTenant) => new()
    {
        ["Graph:Mode"] = "DevTenant",
        ["DevTenant:BaseUrl"] = devTenant.BaseAddress.ToString(),
        ["Suggestions:RequestsPerUserPerMinute"] = "0",
        ["Security:RequestsPerUserPerMinute"] = "0",
        ["Security:AnonymousRequestsPerMinute"] = "0",
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
        await Azurite.DisposeAsync();
        await DevTenant.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedApi : ICollectionFixture<ApiApplication>
{
    public const string Name = "Api";
}
