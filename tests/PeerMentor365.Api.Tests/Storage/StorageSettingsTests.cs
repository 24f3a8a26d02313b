using System.Net;
using Azure.Data.Tables;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.Storage;

/// <summary>Storage settings: checked at start naming the setting; without storage the pairs routes say so (503) and the rest works.</summary>
[Collection(SharedApi.Name)]
public sealed class StorageSettingsTests(ApiApplication app)
{
    private static readonly string[] MentoringTableNames = ["CommitmentsDue", "PairMemberships", "Pairs", "SeriesIndex"];

    [Fact]
    public async Task Without_storage_the_pairs_routes_answer_503_and_everything_else_works()
    {
        using var api = new ApiFactory(ApiApplication.SettingsFor(app.DevTenant));
        using var ana = new Member(api, app.DevTenant, Member.Ana);

        using var pairs = await ana.SendAsync(HttpMethod.Get, "/api/pairs");
        using var commitments = await ana.SendAsync(HttpMethod.Post, "/api/pairs/p_0000000000000000/commitments", new { text = "x" });
        using var me = await ana.SendAsync(HttpMethod.Get, "/api/me");
        using var anonymous = await api.CreateClient().GetAsync("/api/pairs");

        var problem = await ProblemAssert.IsProblemAsync(pairs, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("storage is not configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(commitments, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Storage:TableEndpoint", "http://account.table.core.windows.net")] // managed identity needs https
    [InlineData("Storage:TablePrefix", "1abc")] // table names start with a letter
    [InlineData("Storage:TablePrefix", "has-dash")] // letters and digits only
    [InlineData("Storage:ConnectionString", "AccountName=x")] // no key, no endpoint
    [InlineData("Storage:ManagedIdentityClientId", "not-a-guid")] // a client id is a GUID
    public void A_bad_storage_setting_stops_the_start_naming_it(string setting, string value)
    {
        var settings = ApiApplication.SettingsFor(app.DevTenant);
        settings[setting] = value;
        if (setting == "Storage:ManagedIdentityClientId")
        {
            settings["Storage:TableEndpoint"] = "https://account.table.core.windows.net";
        }

        using var api = new ApiFactory(settings);

        var error = Assert.ThrowsAny<Exception>(api.StartServer);
        Assert.True(Flatten(error).Contains(setting, StringComparison.Ordinal), $"The start failed without naming {setting}: {error}");
    }

    [Fact]
    public void Both_a_connection_string_and_an_endpoint_is_refused()
    {
        var settings = ApiApplication.WithStorage(ApiApplication.SettingsFor(app.DevTenant), app.Azurite);
        settings["Storage:TableEndpoint"] = "https://account.table.core.windows.net";
        using var api = new ApiFactory(settings);

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        var message = Flatten(error);
        Assert.Contains("not both", message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Azurite.ConnectionString, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_a_503_problem_not_a_500()
    {
        var settings = ApiApplication.SettingsFor(app.DevTenant);
        settings["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={TestSupport.AzuriteServer.AccountKey};TableEndpoint=http://127.0.0.1:{HandlerProcess.FreePort()}/devstoreaccount1;";
        using var api = new ApiFactory(settings);
        using var ana = new Member(api, app.DevTenant, Member.Ana);

        using var response = await ana.SendAsync(HttpMethod.Get, "/api/pairs");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Storage is unavailable", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(TestSupport.AzuriteServer.AccountKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tables_are_created_under_the_prefix_on_first_use()
    {
        using var isolated = new IsolatedApi(app);
        using var ana = isolated.As(Member.Ana);
        var service = new TableServiceClient(app.Azurite.ConnectionString);
        var before = await TablesAsync(service, isolated.TablePrefix);

        await ana.GetAsync("/api/pairs");

        Assert.Empty(before);
        var after = await TablesAsync(service, isolated.TablePrefix);
        Assert.Equal(MentoringTableNames.Select(name => isolated.TablePrefix + name), after);
    }

    private static async Task<List<string>> TablesAsync(TableServiceClient service, string prefix)
    {
        var names = new List<string>();
        await foreach (var table in service.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            names.Add(table.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
