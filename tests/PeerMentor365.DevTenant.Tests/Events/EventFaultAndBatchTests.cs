using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using PeerMentor365.DevTenant.Tests.Support;
using static PeerMentor365.DevTenant.Tests.Events.EventRequests;

namespace PeerMentor365.DevTenant.Tests.Events;

/// <summary>Events inside $batch, and the fault switch on event writes: 429/503 before, a dropped connection after the write.</summary>
public sealed class EventFaultAndBatchTests : IAsyncLifetime
{
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    private static JsonObject SeriesBody(string transactionId) => new()
    {
        ["subject"] = "Peer mentoring: Ana & Ben",
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Agenda link</p>" },
        ["start"] = new JsonObject { ["dateTime"] = "2027-03-01T09:00:00", ["timeZone"] = London },
        ["end"] = new JsonObject { ["dateTime"] = "2027-03-01T10:00:00", ["timeZone"] = London },
        ["recurrence"] = new JsonObject
        {
            ["pattern"] = new JsonObject { ["type"] = "weekly", ["interval"] = 1, ["daysOfWeek"] = new JsonArray("monday"), ["firstDayOfWeek"] = "monday" },
            ["range"] = new JsonObject { ["type"] = "numbered", ["startDate"] = "2027-03-01", ["numberOfOccurrences"] = 4 },
        },
        ["attendees"] = new JsonArray(new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = Ben } }),
        ["isOnlineMeeting"] = true,
        ["onlineMeetingProvider"] = "teamsForBusiness",
        ["transactionId"] = transactionId,
    };

    [Fact]
    public async Task A_dropped_connection_after_the_write_leaves_the_event_created_and_a_resend_finds_it()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/me/events", MaxFaults = 1 });
        var transactionId = Guid.NewGuid().ToString();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, SeriesBody(transactionId)));

        var created = Assert.Single(_tenant.EventsIn(Ana));
        Assert.Equal(transactionId, created.TransactionId);
        Assert.Single(_tenant.EventsIn(Ben));

        var resent = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, SeriesBody(transactionId));
        Assert.Equal(HttpStatusCode.Created, resent.Status);
        Assert.Equal(created.Id, resent.Body["id"]!.GetValue<string>());
        Assert.Single(_tenant.EventsIn(Ana));
    }

    [Fact]
    public async Task The_SDK_sees_the_dropped_connection_as_an_exception_and_reads_do_not_drop()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite });
        var graph = GraphClients.For(_tenant, Ana);

        var me = await graph.Me.GetAsync();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => graph.Me.Events.PostAsync(
            Series("Dropped", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 2), Guid.NewGuid().ToString())));

        Assert.Equal(Ana, me!.Mail);
        Assert.Equal("Dropped", Assert.Single(_tenant.EventsIn(Ana)).Subject);
    }

    [Fact]
    public async Task A_batch_with_a_write_runs_its_items_and_then_loses_its_connection()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/me/events", MaxFaults = 1 });
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["id"] = "1", ["method"] = "GET", ["url"] = "/me" },
                new JsonObject
                {
                    ["id"] = "2", ["method"] = "POST", ["url"] = "/me/events",
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = SeriesBody(Guid.NewGuid().ToString()),
                }),
        };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawGraph.PostAsync(SharedHttp.Client, _tenant, "/$batch", Ana, batch));

        Assert.Single(_tenant.EventsIn(Ana));
        Assert.Contains(_tenant.Requests.Snapshot(), r => r.IsBatchItem && r.Method == "POST" && r.Status == 201);
    }

    [Fact]
    public async Task A_429_on_event_creation_is_retried_by_the_SDK_and_creates_one_event()
    {
        _tenant.Faults.Set(new FaultOptions { Rate = 1, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, PathPrefix = "/me/events", MaxFaults = 1 });
        var graph = GraphClients.For(_tenant, Ana);

        var created = await graph.Me.Events.PostAsync(
            Series("Throttled once", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 2), Guid.NewGuid().ToString(), Ben));

        Assert.Equal(created!.Id, Assert.Single(_tenant.EventsIn(Ana)).Id);
        Assert.Equal([429, 201], _tenant.Requests.Snapshot().Where(r => r.Path == "/me/events").Select(r => r.Status));
    }

    [Fact]
    public async Task Event_calls_work_inside_a_batch_with_their_bodies_and_statuses()
    {
        var transactionId = Guid.NewGuid().ToString();
        var first = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, SeriesBody(transactionId));
        var id = first.Body["id"]!.GetValue<string>();
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "create", ["method"] = "POST", ["url"] = "/me/events",
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = SeriesBody(transactionId),
                },
                new JsonObject { ["id"] = "instances", ["method"] = "GET", ["url"] = $"/me/events/{id}/instances?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z&$select=start,type" },
                new JsonObject
                {
                    ["id"] = "rename", ["method"] = "PATCH", ["url"] = $"/me/events/{id}", ["dependsOn"] = new JsonArray("instances"),
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = new JsonObject { ["subject"] = "Renamed" },
                },
                new JsonObject
                {
                    ["id"] = "cancel", ["method"] = "POST", ["url"] = $"/me/events/{id}/cancel", ["dependsOn"] = new JsonArray("rename"),
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = new JsonObject { ["comment"] = "Done" },
                }),
        };

        var response = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/$batch", Ana, batch);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var items = response.Body["responses"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>(), i => i!);
        Assert.Equal(201, items["create"]["status"]!.GetValue<int>());
        Assert.Equal(id, items["create"]["body"]!["id"]!.GetValue<string>());
        Assert.Equal(200, items["instances"]["status"]!.GetValue<int>());
        Assert.Equal(4, items["instances"]["body"]!["value"]!.AsArray().Count);
        Assert.Equal(200, items["rename"]["status"]!.GetValue<int>());
        Assert.Equal("Renamed", items["rename"]["body"]!["subject"]!.GetValue<string>());
        Assert.Equal(202, items["cancel"]["status"]!.GetValue<int>());
        Assert.Null(items["cancel"]["body"]);
        Assert.Empty(_tenant.EventsIn(Ana));
    }

    [Fact]
    public async Task DropAfterWrite_is_set_through_dev_faults_and_cannot_target_batch_items_only()
    {
        using var good = new StringContent("""{"rate": 1, "kind": "dropAfterWrite", "pathPrefix": "/me/events", "maxFaults": 2}""", Encoding.UTF8, "application/json");
        using var bad = new StringContent("""{"rate": 1, "kind": "dropAfterWrite", "target": "batchItemsOnly"}""", Encoding.UTF8, "application/json");

        using var accepted = await SharedHttp.Client.PutAsync(new Uri(_tenant.BaseAddress, "dev/faults"), good);
        var current = _tenant.Faults.Current;
        using var refused = await SharedHttp.Client.PutAsync(new Uri(_tenant.BaseAddress, "dev/faults"), bad);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(FaultKind.DropAfterWrite, current.Kind);
        Assert.Equal(2, current.MaxFaults);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
