using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.Events;

/// <summary>
/// The documented event examples replayed against the dev tenant (adapted to seeded people and to an event created
/// first): the same status, content type and JSON shape, and the answer parses into the Graph SDK's models.
/// </summary>
public sealed class EventConformanceTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";

    private static readonly string[] EventEndpoints =
        ["user-post-events", "event-get", "event-list-instances", "event-update", "event-cancel", "event-delete", "user-list-calendarview"];

    /// <summary>Documented examples of event endpoints that are not replayed, and why.</summary>
    private static readonly Dictionary<string, string> NotReplayed = new(StringComparer.Ordinal)
    {
        ["user-list-calendarview/list-calendarview.json"] = "calendarView is not served: the product reads other people's calendars through getSchedule and a series through instances",
    };

    /// <summary>Documented properties that do not apply to the replayed scenario.</summary>
    private static readonly Dictionary<string, string[]> NotApplicable = new(StringComparer.Ordinal)
    {
        // Navigation links to the calendar: the dev tenant has one calendar per mailbox and no /calendars route.
        ["event-get/request-1-get-event-select-timezone.json"] = ["$.calendar@odata.associationLink", "$.calendar@odata.navigationLink"],
        ["event-get/request-2-get-event-multiple-locations.json"] = ["$.calendar@odata.associationLink", "$.calendar@odata.navigationLink"],
        // An attendee's proposed new time: attendees never answer in the dev tenant.
        ["event-get/rev35bfe17-request-1-get-event-select-timezone.json"] = ["$.attendees[*].proposedNewTime"],
    };

    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    public static TheoryData<string> ReplayedExamples() => [.. ReplayedFiles()];

    private static List<string> ReplayedFiles() =>
        [.. GraphExamples.All().Where(f => EventEndpoints.Contains(f.Split('/')[0]) && !NotReplayed.ContainsKey(f))];

    [Fact]
    public void Every_documented_event_example_is_replayed_or_excused()
    {
        var documented = GraphExamples.All().Where(f => EventEndpoints.Contains(f.Split('/')[0])).ToList();

        Assert.Equal(13, documented.Count);
        Assert.All(NotReplayed.Keys, f => Assert.Contains(f, documented));
        Assert.Equal(documented.Count, ReplayedFiles().Count + NotReplayed.Count);
    }

    [Theory]
    [MemberData(nameof(ReplayedExamples))]
    public async Task The_response_has_the_documented_shape_and_parses_with_the_SDK(string file)
    {
        var example = GraphExamples.Load(file);
        var documented = example["response"]!.AsObject();
        var request = await AdaptAsync(file, example["request"]!.AsObject());

        var actual = await SendAsync(request);

        Assert.Equal(documented["status"]!.GetValue<int>(), (int)actual.Status);
        var documentedHeaders = documented["headers"]!.AsObject();
        if (GraphExamples.Header(documentedHeaders, "Content-Type") is { } contentType)
        {
            Assert.Equal(contentType.Split(';')[0], actual.Headers["Content-Type"].Split(';')[0]);
        }

        if (GraphExamples.Header(documentedHeaders, "Preference-Applied") is { } applied)
        {
            Assert.Equal(applied, actual.Headers["Preference-Applied"]);
        }

        if (documented["body"] is not JsonObject documentedBody)
        {
            Assert.Empty(actual.Text);
            return;
        }

        var differences = JsonShape.Differences(documentedBody, actual.Body, NotApplicable.GetValueOrDefault(file));
        Assert.True(differences.Count == 0, $"{file}:\n{string.Join('\n', differences)}\n\nGot: {actual.Text}");

        if (file.StartsWith("event-list-instances/", StringComparison.Ordinal))
        {
            var page = await ParseAsync(actual.Text, EventCollectionResponse.CreateFromDiscriminatorValue);
            Assert.NotEmpty(page.Value!);
            Assert.All(page.Value!, e => Assert.Equal(EventType.Occurrence, e.Type));
        }
        else
        {
            var parsed = await ParseAsync(actual.Text, Event.CreateFromDiscriminatorValue);
            Assert.StartsWith("AAMk", parsed.Id, StringComparison.Ordinal);
        }
    }

    /// <summary>The documented request with seeded attendees, and with the documented ids replaced by an event created first.</summary>
    private async Task<JsonObject> AdaptAsync(string file, JsonObject documented)
    {
        var request = documented.DeepClone().AsObject();
        var url = request["url"]!.GetValue<string>().Replace("https://graph.microsoft.com/v1.0", string.Empty, StringComparison.Ordinal);
        if (request["body"] is JsonObject body && body["attendees"] is JsonArray attendees)
        {
            var seeded = new[] { "ben.carter@contoso.dev", "chloe.martin@contoso.dev" };
            for (var i = 0; i < attendees.Count; i++)
            {
                attendees[i]!["emailAddress"]!["address"] = seeded[i % seeded.Length];
            }
        }

        if (file.StartsWith("user-post-events/", StringComparison.Ordinal))
        {
            request["url"] = url;
            return request;
        }

        var isSeries = file.StartsWith("event-list-instances/", StringComparison.Ordinal);
        var created = await CreateAsync(isSeries);
        var documentedId = url.Split('?')[0].Split('/')[3];
        url = url.Replace(documentedId, created, StringComparison.Ordinal);
        if (isSeries)
        {
            url = url.Replace("2019-04-08T09:00:00.0000000", "2027-04-05T00:00:00.0000000", StringComparison.Ordinal)
                .Replace("2019-04-30T09:00:00.0000000", "2027-04-30T00:00:00.0000000", StringComparison.Ordinal);
        }

        request["url"] = url;
        return request;
    }

    private async Task<string> CreateAsync(bool series)
    {
        var body = new JsonObject
        {
            ["subject"] = "Orientation",
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Bring the notes.</p>" },
            ["start"] = new JsonObject { ["dateTime"] = "2027-04-05T10:00:00", ["timeZone"] = "Pacific Standard Time" },
            ["end"] = new JsonObject { ["dateTime"] = "2027-04-05T12:00:00", ["timeZone"] = "Pacific Standard Time" },
            ["location"] = new JsonObject { ["displayName"] = "Assembly Hall" },
            ["attendees"] = new JsonArray(
                new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = "ben.carter@contoso.dev", ["name"] = "Ben Carter" } }),
        };
        if (series)
        {
            body["recurrence"] = new JsonObject
            {
                ["pattern"] = new JsonObject { ["type"] = "weekly", ["interval"] = 1, ["daysOfWeek"] = new JsonArray("monday") },
                ["range"] = new JsonObject { ["type"] = "numbered", ["startDate"] = "2027-04-05", ["numberOfOccurrences"] = 4 },
            };
        }

        var response = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, body);
        return response.Body["id"]!.GetValue<string>();
    }

    private async Task<RawResponse> SendAsync(JsonObject request)
    {
        var method = new HttpMethod(request["method"]!.GetValue<string>());
        var headers = request["headers"]!.AsObject()
            .Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value!.GetValue<string>());
        return await RawGraph.SendAsync(SharedHttp.Client, _tenant, method, request["url"]!.GetValue<string>(), _tenant.IssueGraphToken(Ana),
            request["body"] as JsonObject, headers);
    }

    private static async Task<T> ParseAsync<T>(string json, ParsableFactory<T> factory) where T : IParsable
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var node = await new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", stream);
        return node.GetObjectValue(factory)!;
    }
}
