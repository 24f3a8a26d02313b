using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>The fault switch: 429/503 with Retry-After for a share of Graph requests, outer and inside batches.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";
    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync()
    {
        await _tenant.DisposeAsync();
    }

    private static JsonObject Batch(int count) => new()
    {
        ["requests"] = new JsonArray([.. Enumerable.Range(1, count).Select(i => (JsonNode?)new JsonObject
        {
            ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = "GET",
            ["url"] = "/me",
        })]),
    };

    [Fact]
    public async Task At_rate_one_every_outer_request_gets_429_with_Retry_After()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0, RetryAfterSeconds = 7 });

        var me = await RawGraph.GetAsync(_http, _tenant, "/me", Ana);
        var batch = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, Batch(2));

        foreach (var response in new[] { me, batch })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
            Assert.Equal("7", response.Headers["Retry-After"]);
            Assert.Equal("TooManyRequests", response.ErrorCode);
        }
    }

    [Fact]
    public async Task Batch_items_fail_one_by_one_with_their_own_Retry_After()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0, Target = FaultTarget.BatchItemsOnly, RetryAfterSeconds = 3 });

        var batch = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, Batch(3));
        var me = await RawGraph.GetAsync(_http, _tenant, "/me", Ana);

        Assert.Equal(HttpStatusCode.OK, batch.Status);
        Assert.All(batch.Body["responses"]!.AsArray(), item =>
        {
            Assert.Equal(429, item!["status"]!.GetValue<int>());
            Assert.Equal("3", item["headers"]!["Retry-After"]!.GetValue<string>());
        });
        Assert.Equal(HttpStatusCode.OK, me.Status);
    }

    [Fact]
    public async Task A_path_prefix_fails_only_the_requests_under_it_inside_a_batch_and_out()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0, PathPrefix = "/USERS" });
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["id"] = "me", ["method"] = "GET", ["url"] = "/me" },
                new JsonObject { ["id"] = "people", ["method"] = "GET", ["url"] = "/users?$filter=mail in ('ben.carter@contoso.dev')" }),
        };

        var answer = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, batch);
        var users = await RawGraph.GetAsync(_http, _tenant, "/users?$select=mail", Ana);
        var me = await RawGraph.GetAsync(_http, _tenant, "/me", Ana);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var statuses = answer.Body["responses"]!.AsArray().ToDictionary(item => item!["id"]!.GetValue<string>(), item => item!["status"]!.GetValue<int>());
        Assert.Equal(200, statuses["me"]);
        Assert.Equal(429, statuses["people"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, users.Status);
        Assert.Equal(HttpStatusCode.OK, me.Status);
    }

    [Fact]
    public async Task MaxFaults_fails_exactly_that_many_requests_then_lets_everything_through()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0, Target = FaultTarget.BatchItemsOnly, MaxFaults = 2 });

        var first = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, Batch(3));
        var second = await RawGraph.PostAsync(_http, _tenant, "/$batch", Ana, Batch(3));

        Assert.Equal([429, 429, 200], first.Body["responses"]!.AsArray().Select(item => item!["status"]!.GetValue<int>()));
        Assert.All(second.Body["responses"]!.AsArray(), item => Assert.Equal(200, item!["status"]!.GetValue<int>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tenant.Faults.Set(new FaultOptions { Rate = 1.0, MaxFaults = -1 }));
    }

    [Fact]
    public async Task Service_unavailable_answers_503_with_Retry_After()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0, Kind = FaultKind.ServiceUnavailable });

        var response = await RawGraph.GetAsync(_http, _tenant, "/me", Ana);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("1", response.Headers["Retry-After"]);
    }

    [Fact]
    public async Task A_seeded_partial_rate_is_reproducible_and_mixes_kinds()
    {
        var settings = new FaultOptions { Rate = 0.5, Kind = FaultKind.Mixed, RandomSeed = 42 };

        async Task<List<HttpStatusCode>> RunAsync()
        {
            _tenant.Faults.Set(settings);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 40; i++)
            {
                statuses.Add((await RawGraph.GetAsync(_http, _tenant, "/me", Ana)).Status);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
    }

    [Fact]
    public async Task Off_lets_everything_through_again()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0 });
        _tenant.Faults.Off();

        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, _tenant, "/me", Ana)).Status);
        Assert.Equal(0, _tenant.Faults.Current.Rate);
    }

    [Fact]
    public async Task Faults_set_in_the_options_apply_from_the_first_request()
    {
        await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions { Faults = new FaultOptions { Rate = 1.0 } });

        Assert.Equal(HttpStatusCode.TooManyRequests, (await RawGraph.GetAsync(_http, tenant, "/me", Ana)).Status);
    }

    [Fact]
    public async Task PUT_dev_faults_switches_faults_for_manual_testing()
    {
        using var put = await _http.PutAsJsonAsync(new Uri(_tenant.BaseAddress, "dev/faults"),
            new { rate = 1.0, kind = "serviceUnavailable", retryAfterSeconds = 2, target = "outerRequestsOnly", pathPrefix = "/me" });
        var current = await _http.GetFromJsonAsync<JsonObject>(new Uri(_tenant.BaseAddress, "dev/faults"));
        var me = await RawGraph.GetAsync(_http, _tenant, "/me", Ana);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("serviceUnavailable", current!["kind"]!.GetValue<string>());
        Assert.Equal("/me", current["pathPrefix"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await RawGraph.GetAsync(_http, _tenant, "/users?$select=mail", Ana)).Status);
        Assert.Equal(FaultTarget.OuterRequestsOnly, _tenant.Faults.Current.Target);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, me.Status);
        Assert.Equal("2", me.Headers["Retry-After"]);
    }

    [Theory]
    [InlineData("""{"rate": 1.5}""")]
    [InlineData("""{"rate": 0.5, "kind": "teapot"}""")]
    [InlineData("""{"rate": 0.5, "retryAfterSeconds": -1}""")]
    [InlineData("""{"rate": 0.5, "colour": "red"}""")]
    [InlineData("""{"rate": """)]
    public async Task Bad_fault_settings_are_refused_with_problem_json(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync(new Uri(_tenant.BaseAddress, "dev/faults"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _tenant.Faults.Current.Rate);
    }

    [Fact]
    public async Task The_SDK_retry_handler_honours_Retry_After_and_then_gives_up()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1.0, RetryAfterSeconds = 0 });
        var graph = GraphClients.For(_tenant, Ana);
        _tenant.Requests.Clear();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => graph.Me.GetAsync());

        Assert.IsType<AggregateException>(failure);
        var log = _tenant.Requests.Snapshot();
        Assert.Equal(4, log.Count);
        Assert.All(log, r => Assert.Equal(429, r.Status));
    }

    [Fact]
    public void Invalid_options_are_refused_by_the_switch()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _tenant.Faults.Set(new FaultOptions { Rate = -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tenant.Faults.Set(new FaultOptions { Rate = double.NaN }));
    }

    [Fact]
    public async Task Starting_with_invalid_fault_options_fails()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            DevTenantServer.StartAsync(new DevTenantOptions { Faults = new FaultOptions { Rate = 2 } }));
    }

}
