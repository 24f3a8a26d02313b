using System.Net;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.OneNote;

/// <summary>
/// OneNote's per-user limits: the 6th concurrent request and the 121st in a minute get 429 with code 20166 and no
/// Retry-After. Time moves on the tenant's clock; concurrency is made exact with the inspection API's request hold.
/// </summary>
public sealed class OneNoteThrottleTests
{
    private const string Ana = "ana.souza@contoso.dev";
    private const string Ben = "ben.carter@contoso.dev";
    private const string Notebooks = "/me/onenote/notebooks";
    private readonly HttpClient _http = SharedHttp.Client;

    private static void AssertThrottled(RawResponse response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal("20166", response.ErrorCode);
        Assert.False(response.Headers.ContainsKey("Retry-After"), "OneNote's 429 carries no Retry-After.");
    }

    [Fact]
    public async Task The_121st_request_in_a_minute_is_throttled_until_the_minute_has_passed()
    {
        var clock = new AdjustableClock(DateTimeOffset.UtcNow);
        await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions { TimeProvider = clock });

        for (var i = 0; i < 120; i++)
        {
            var ok = await RawGraph.GetAsync(_http, tenant, Notebooks, Ana);
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            if (i % 40 == 39)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
            }
        }

        var throttled = await RawGraph.GetAsync(_http, tenant, Notebooks, Ana);
        var create = await RawGraph.PostAsync(_http, tenant, Notebooks, Ana, new JsonObject { ["displayName"] = "Blocked" });
        var otherUser = await RawGraph.GetAsync(_http, tenant, Notebooks, Ben);
        var notOneNote = await RawGraph.GetAsync(_http, tenant, "/me", Ana);

        AssertThrottled(throttled);
        AssertThrottled(create);
        Assert.Empty(tenant.OneNote.NotebooksOf(Ana));
        Assert.Equal(HttpStatusCode.OK, otherUser.Status);
        Assert.Equal(HttpStatusCode.OK, notOneNote.Status);

        // The first 40 requests leave the sliding minute 60 s after they were made (30 s from now), not before.
        clock.Advance(TimeSpan.FromSeconds(29));
        AssertThrottled(await RawGraph.GetAsync(_http, tenant, Notebooks, Ana));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, tenant, Notebooks, Ana)).Status);
    }

    [Fact]
    public async Task The_hourly_limit_holds_after_the_minute_and_lifts_after_the_hour()
    {
        var clock = new AdjustableClock(DateTimeOffset.UtcNow);
        await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions
        {
            TimeProvider = clock,
            OneNoteLimits = new OneNoteLimits { RequestsPerMinute = 3, RequestsPerHour = 5 },
        });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, tenant, Notebooks, Ana)).Status);
        }

        AssertThrottled(await RawGraph.GetAsync(_http, tenant, Notebooks, Ana));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, tenant, Notebooks, Ana)).Status);
        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, tenant, Notebooks, Ana)).Status);
        AssertThrottled(await RawGraph.GetAsync(_http, tenant, Notebooks, Ana));
        clock.Advance(TimeSpan.FromMinutes(5));
        AssertThrottled(await RawGraph.GetAsync(_http, tenant, Notebooks, Ana));
        clock.Advance(TimeSpan.FromMinutes(55));
        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, tenant, Notebooks, Ana)).Status);
    }

    [Fact]
    public async Task The_sixth_concurrent_request_is_throttled_and_the_five_complete()
    {
        await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        Task<RawResponse>[] inFlight;
        RawResponse sixth;
        using (var hold = tenant.OneNote.HoldRequests())
        {
            inFlight = [.. Enumerable.Range(0, 5).Select(_ => RawGraph.GetAsync(_http, tenant, Notebooks, Ana))];
            await hold.WhenHeldAsync(5);

            sixth = await RawGraph.GetAsync(_http, tenant, Notebooks, Ana);
            Assert.Equal(5, hold.Held);
        }

        var completed = await Task.WhenAll(inFlight);

        AssertThrottled(sixth);
        Assert.All(completed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, tenant, Notebooks, Ana)).Status);
    }

    [Fact]
    public async Task Six_OneNote_items_running_together_in_a_batch_get_one_inner_429_without_Retry_After()
    {
        await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray([.. Enumerable.Range(1, 6).Select(i => (JsonNode?)new JsonObject
            {
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["method"] = "GET",
                ["url"] = "/me/onenote/notebooks",
            })]),
        };

        Task<RawResponse> pending;
        using (var hold = tenant.OneNote.HoldRequests())
        {
            pending = RawGraph.PostAsync(_http, tenant, "/$batch", Ana, batch);
            await hold.WhenHeldAsync(5);
            await hold.WhenRefusedAsync(1);
        }

        var response = await pending;

        var items = response.Body["responses"]!.AsArray();
        Assert.Equal(5, items.Count(i => i!["status"]!.GetValue<int>() == 200));
        var throttled = Assert.Single(items, i => i!["status"]!.GetValue<int>() == 429)!;
        Assert.Equal("20166", throttled["body"]!["error"]!["code"]!.GetValue<string>());
        Assert.Null(throttled["headers"]!["Retry-After"]);
    }

    [Fact]
    public async Task Limits_below_one_are_refused_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            DevTenantServer.StartAsync(new DevTenantOptions { OneNoteLimits = new OneNoteLimits { ConcurrentRequests = 0 } }));
    }
}
