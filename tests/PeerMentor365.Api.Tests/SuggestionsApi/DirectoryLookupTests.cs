using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>The directory lookup inside a suggestion's $batch with an address OData must escape (a single quote).</summary>
public sealed class DirectoryLookupTests : IAsyncLifetime, IDisposable
{
    private const string Sean = "sean.o'brien@contoso.dev";
    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"quoted-address-{Guid.NewGuid():N}.json");
    private DevTenantServer _devTenant = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "PeerMentor365.DevTenant", "Seed", "default-tenant.json")))!;
        var users = seed["users"]!.AsArray();
        var sean = users.Single(user => user!["mail"]!.GetValue<string>() == "finn.walsh@contoso.dev")!.DeepClone();
        sean["id"] = Guid.NewGuid().ToString();
        sean["mail"] = Sean;
        sean["displayName"] = "Seán O'Brien";
        sean["officeLocation"] = "Dublin";
        users.Add(sean);
        File.WriteAllText(_seedPath, seed.ToJsonString());
        _devTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0, SeedPath = _seedPath });
        _api = new ApiFactory(ApiApplication.SettingsFor(_devTenant));
        _api.StartServer();
    }

    [Fact]
    public async Task An_address_with_a_quote_is_looked_up_with_the_quote_doubled_and_named()
    {
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _devTenant.IssueApiToken(ApiApplication.Ana));
        _devTenant.Requests.Clear();

        var answer = await SuggestionsClient.SuggestAsync(client, new { peers = new[] { Sean }, earliestStart = SuggestionsClient.EarliestStart });

        var lookup = Assert.Single(_devTenant.Requests.Snapshot(), request => request.Path == "/users");
        Assert.Equal(200, lookup.Status);
        Assert.Equal($"mail in ('{ApiApplication.Ana}','sean.o''brien@contoso.dev')", QueryHelpers.ParseQuery(lookup.Query)["$filter"].ToString());
        var sean = answer.GetProperty("participants")[1];
        Assert.Equal("Seán O'Brien", sean.GetProperty("displayName").GetString());
        Assert.Equal("Dublin", sean.GetProperty("officeLocation").GetString());
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _devTenant.DisposeAsync();
    }

    public void Dispose() => File.Delete(_seedPath);
}
