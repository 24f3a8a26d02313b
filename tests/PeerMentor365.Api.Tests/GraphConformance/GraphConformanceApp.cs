using System.Net.Http.Headers;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;
using PeerMentor365.TestSupport;
using WireMock.Server;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>
/// The API talking to WireMock the way it talks to Graph (DevTenant:GraphBaseUrl), with tokens from a dev tenant
/// seeded with the people of Graph's documented examples, so that the documented answers fit the signed-in user.
/// </summary>
public sealed class GraphConformanceApp : IAsyncLifetime
{
    /// <summary>The organizer in the documented getSchedule example.</summary>
    public const string Adele = "adelev@contoso.onmicrosoft.com";

    /// <summary>The other person in the documented getSchedule example.</summary>
    public const string Megan = "meganb@contoso.onmicrosoft.com";

    /// <summary>Graph:TimeoutSeconds here: a hanging answer ends the call after this long.</summary>
    public const int TimeoutSeconds = 8;

    private const string Seed = """
        { "users": [
          { "mail": "adelev@contoso.onmicrosoft.com", "displayName": "Adele Vance", "timeZone": "Pacific Standard Time" },
          { "mail": "meganb@contoso.onmicrosoft.com", "displayName": "Megan Bowen", "timeZone": "Pacific Standard Time" } ] }
        """;

    private string _seedPath = null!;

    public DevTenantServer DevTenant { get; private set; } = null!;

    public AzuriteServer Azurite { get; private set; } = null!;

    public WireMockServer Graph { get; private set; } = null!;

    /// <summary>The API with Graph at WireMock.</summary>
    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _seedPath = Path.Combine(Path.GetTempPath(), $"graph-conformance-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_seedPath, Seed);
        DevTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0, SeedPath = _seedPath });
        Azurite = await AzuriteServer.StartAsync();
        Graph = WireMockServer.Start();

        var settings = ApiApplication.WithStorage(ApiApplication.SettingsFor(DevTenant), Azurite);
        settings["OneNote:RetryDelaysMilliseconds"] = "20,40,80";
        settings["DevTenant:GraphBaseUrl"] = Graph.Url + "/v1.0";
        settings["Graph:TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WarmUpAsync();
        Api = new ApiFactory(settings);
        Api.StartServer();
    }

    /// <summary>A client of the WireMock-backed API signed in as <paramref name="mail"/>.</summary>
    public HttpClient Client(string mail)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTenant.IssueApiToken(mail));
        return client;
    }

    /// <summary>
    /// WireMock's first answer in a process takes seconds (its request pipeline is compiled on first use), longer than the
    /// Graph timeout the tests set: ask it once, with time to spare, before any test measures anything.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        using var answer = await http.GetAsync(Graph.Url + "/warm-up");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
        Graph.ResetLogEntries();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Graph.Stop();
        Graph.Dispose();
        await Azurite.DisposeAsync();
        await DevTenant.DisposeAsync();
        File.Delete(_seedPath);
    }
}

[CollectionDefinition(Name)]
public sealed class GraphConformance : ICollectionFixture<GraphConformanceApp>
{
    public const string Name = "GraphConformance";
}
