using System.Net;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>JSON batching: validation, dependsOn, per-item statuses, and Outlook's per-mailbox concurrency.</summary>
public sealed class BatchTests : IAsyncLifetime
{
    private const string Pat = ScenarioSeed.Pat;
    private readonly string _seedPath = ScenarioSeed.WriteToTempFile();
    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions { SeedPath = _seedPath });

    public async Task DisposeAsync()
    {
        await _tenant.DisposeAsync();
        File.Delete(_seedPath);
    }

    private static JsonObject GetScheduleItem(string id, string url = "/me/calendar/getSchedule", params string[] dependsOn)
    {
        var item = new JsonObject
        {
            ["id"] = id,
            ["method"] = "POST",
            ["url"] = url,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["body"] = new JsonObject
            {
                ["schedules"] = new JsonArray(Pat),
                ["startTime"] = new JsonObject { ["dateTime"] = "2026-03-02T00:00:00", ["timeZone"] = "UTC" },
                ["endTime"] = new JsonObject { ["dateTime"] = "2026-03-03T00:00:00", ["timeZone"] = "UTC" },
            },
        };
        if (dependsOn.Length > 0)
        {
            item["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode?)d)]);
        }

        return item;
    }

    private static JsonObject GetItem(string id, string url, params string[] dependsOn)
    {
        var item = new JsonObject { ["id"] = id, ["method"] = "GET", ["url"] = url };
        if (dependsOn.Length > 0)
        {
            item["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode?)d)]);
        }

        return item;
    }

    private Task<RawResponse> BatchAsync(params JsonObject[] items) =>
        RawGraph.PostAsync(_http, _tenant, "/$batch", Pat, new JsonObject { ["requests"] = new JsonArray(items) });

    private static JsonNode Item(RawResponse response, string id) =>
        response.Body["responses"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;

    private static int Status(RawResponse response, string id) => Item(response, id)["status"]!.GetValue<int>();

    [Fact]
    public async Task Each_item_gets_its_own_status_headers_and_body()
    {
        var response = await BatchAsync(GetItem("me", "/me"), GetItem("nobody", "/users/nobody@example.test"), GetItem("bad", "me/nonsense"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(200, Status(response, "me"));
        Assert.Equal("Pat Rivera", Item(response, "me")["body"]!["displayName"]!.GetValue<string>());
        Assert.StartsWith("application/json", Item(response, "me")["headers"]!["Content-Type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(404, Status(response, "nobody"));
        Assert.Equal("Request_ResourceNotFound", Item(response, "nobody")["body"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, Status(response, "bad"));
    }

    [Fact]
    public async Task Items_carry_their_own_headers()
    {
        var search = GetItem("search", "/users?$search=\"displayName:kim\"&$select=mail");
        search["headers"] = new JsonObject { ["ConsistencyLevel"] = "eventual" };
        var schedule = GetScheduleItem("schedule");
        schedule["headers"]!["Prefer"] = "outlook.timezone=\"Pacific Standard Time\"";

        var response = await BatchAsync(search, schedule, GetItem("plain", "/users?$search=\"displayName:kim\""));

        Assert.Equal(ScenarioSeed.Kim, Item(response, "search")["body"]!["value"]![0]!["mail"]!.GetValue<string>());
        Assert.Equal("outlook.timezone=\"Pacific Standard Time\"", Item(response, "schedule")["headers"]!["Preference-Applied"]!.GetValue<string>());
        Assert.Equal(400, Status(response, "plain"));
    }

    [Fact]
    public async Task Duplicate_ids_fail_the_whole_batch_even_when_only_case_differs()
    {
        var response = await BatchAsync(GetItem("a", "/me"), GetItem("A", "/me"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BadRequest", response.ErrorCode);
    }

    [Fact]
    public async Task More_than_twenty_items_fail_the_whole_batch()
    {
        var twenty = Enumerable.Range(1, 20).Select(i => GetItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "/me")).ToArray();
        var twentyOne = Enumerable.Range(1, 21).Select(i => GetItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "/me")).ToArray();

        Assert.Equal(HttpStatusCode.OK, (await BatchAsync(twenty)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await BatchAsync(twentyOne)).Status);
    }

    [Fact]
    public async Task Malformed_batches_are_refused_as_a_whole()
    {
        var noContentType = GetScheduleItem("1");
        noContentType.Remove("headers");

        Assert.Equal(HttpStatusCode.BadRequest, (await BatchAsync(noContentType)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await BatchAsync(GetItem("1", "/me", "missing"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await BatchAsync(GetItem("1", "/me", "2"), GetItem("2", "/me", "1"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await BatchAsync(new JsonObject { ["id"] = "1", ["method"] = "GET" })).Status);
        var notABatch = await RawGraph.PostAsync(_http, _tenant, "/$batch", Pat, new JsonObject { ["reqs"] = new JsonArray() });
        Assert.Equal(HttpStatusCode.BadRequest, notABatch.Status);
    }

    [Fact]
    public async Task A_failed_dependency_gives_424_down_the_chain()
    {
        var response = await BatchAsync(
            GetItem("1", "/users/nobody@example.test"),
            GetItem("2", "/me", "1"),
            GetItem("3", "/me", "2"),
            GetItem("4", "/me"));

        Assert.Equal(404, Status(response, "1"));
        Assert.Equal(424, Status(response, "2"));
        Assert.Equal(424, Status(response, "3"));
        Assert.Equal(200, Status(response, "4"));
        Assert.Equal("FailedDependency", Item(response, "2")["body"]!["error"]!["code"]!.GetValue<string>());
        var executed = _tenant.Requests.Snapshot().Where(r => r.IsBatchItem).ToList();
        Assert.Equal(4, executed.Count);
    }

    [Fact]
    public async Task More_than_four_concurrent_calendar_items_for_one_mailbox_get_MailboxConcurrency_429s()
    {
        var items = Enumerable.Range(1, 6).Select(i => GetScheduleItem($"s{i}")).ToArray();

        var response = await BatchAsync(items);

        var statuses = items.Select(i => Status(response, i["id"]!.GetValue<string>())).ToList();
        Assert.Equal(4, statuses.Count(s => s == 200));
        Assert.Equal(2, statuses.Count(s => s == 429));
        var throttled = response.Body["responses"]!.AsArray().First(r => r!["status"]!.GetValue<int>() == 429)!;
        Assert.Equal("ApplicationThrottled", throttled["body"]!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("MailboxConcurrency", throttled["body"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(int.Parse(throttled["headers"]!["Retry-After"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task Sequenced_items_and_other_mailboxes_stay_within_the_limit()
    {
        var chained = Enumerable.Range(1, 6)
            .Select(i => i == 1 ? GetScheduleItem("c1") : GetScheduleItem($"c{i}", "/me/calendar/getSchedule", $"c{i - 1}"))
            .ToArray();
        var spread = Enumerable.Range(1, 4).Select(i => GetScheduleItem($"me{i}"))
            .Concat(Enumerable.Range(1, 4).Select(i => GetScheduleItem($"kim{i}", $"/users/{ScenarioSeed.Kim}/calendar/getSchedule")))
            .Concat(Enumerable.Range(1, 4).Select(i => GetItem($"dir{i}", "/me")))
            .ToArray();

        var chainedResponse = await BatchAsync(chained);
        var spreadResponse = await BatchAsync(spread);

        Assert.All(chainedResponse.Body["responses"]!.AsArray(), r => Assert.Equal(200, r!["status"]!.GetValue<int>()));
        Assert.All(spreadResponse.Body["responses"]!.AsArray(), r => Assert.Equal(200, r!["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Every_item_is_logged_with_the_outer_request()
    {
        _tenant.Requests.Clear();

        await BatchAsync(GetItem("1", "/me"), GetItem("2", "users?$top=1"));

        var log = _tenant.Requests.Snapshot();
        Assert.Equal(3, log.Count);
        var outer = Assert.Single(log, r => !r.IsBatchItem);
        Assert.Equal(("POST", "/$batch", 200, true), (outer.Method, outer.Path, outer.Status, outer.HadAuthorization));
        var second = Assert.Single(log, r => r.BatchItemId == "2");
        Assert.Equal(("/users", "?$top=1", true), (second.Path, second.Query, second.IsBatchItem));
    }
}
