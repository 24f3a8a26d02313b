using System.Text.Json.Nodes;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>getSchedule's maximum, 20 people (the organizer and 19 peers), on a tenant seeded with 20 people.</summary>
public sealed class TwentyPeopleTests : IAsyncLifetime, IDisposable
{
    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"twenty-people-{Guid.NewGuid():N}.json");
    private DevTenantServer _devTenant = null!;
    private ApiFactory _api = null!;
    private List<string> _mails = [];

    public async Task InitializeAsync()
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tools", "PeerMentor365.DevTenant", "Seed", "default-tenant.json")))!;
        var users = seed["users"]!.AsArray();
        var originals = users.Select(user => user!.DeepClone()).ToList();
        for (var copy = 0; users.Count < 20; copy++)
        {
            var user = originals[copy % originals.Count]!.DeepClone();
            user["id"] = Guid.NewGuid().ToString();
            user["mail"] = $"twin{copy}.{user["mail"]!.GetValue<string>()}";
            user["displayName"] = $"{user["displayName"]!.GetValue<string>()} (twin {copy})";
            users.Add(user);
        }

        File.WriteAllText(_seedPath, seed.ToJsonString());
        _mails = [.. users.Select(user => user!["mail"]!.GetValue<string>())];
        _devTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0, SeedPath = _seedPath });
        _api = new ApiFactory(ApiApplication.SettingsFor(_devTenant));
        _api.StartServer();
    }

    [Fact]
    public async Task Twenty_people_over_a_year_still_take_one_Graph_request()
    {
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _devTenant.IssueApiToken(_mails[0]));
        _devTenant.Requests.Clear();

        var answer = await SuggestionsClient.SuggestAsync(client, new { peers = _mails.Skip(1).ToArray(), horizonMonths = 12, earliestStart = SuggestionsClient.EarliestStart });

        Assert.Equal(20, answer.GetProperty("participants").GetArrayLength());
        var log = _devTenant.Requests.Snapshot();
        var outer = Assert.Single(log, request => !request.IsBatchItem);
        Assert.True(outer.HadAuthorization);
        Assert.All(log.Where(request => request.IsBatchItem), item => Assert.Equal(200, item.Status));
        // Graph's basic filter takes 15 addresses: two directory lookups, and everyone is named.
        Assert.Equal(2, log.Count(request => request.Path == "/users"));
        var names = _devTenant.Users.ToDictionary(user => user.Mail, user => user.DisplayName, StringComparer.OrdinalIgnoreCase);
        Assert.All(answer.GetProperty("participants").EnumerateArray(), participant =>
            Assert.Equal(names[participant.GetProperty("mail").GetString()!], participant.GetProperty("displayName").GetString()));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _devTenant.DisposeAsync();
    }

    public void Dispose() => File.Delete(_seedPath);
}
