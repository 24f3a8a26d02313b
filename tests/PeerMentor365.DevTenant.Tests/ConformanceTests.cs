using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>
/// The server side of the corpus: for each documented example of an endpoint the dev tenant serves, the documented request
/// (adapted to seeded people and dates) gets a response of the same shape, status and content type.
/// </summary>
[Collection(SharedTenant.Name)]
public sealed class ConformanceTests(TenantFixture fixture)
{
    private const string Ana = "ana.souza@contoso.dev";

    private static readonly string[] ServedEndpoints = ["calendar-getschedule", "user-get-mailboxsettings", "user-list", "json-batching"];

    /// <summary>Documented examples of served endpoints that the dev tenant does not replay, and why.</summary>
    private static readonly Dictionary<string, string> NotReplayed = new(StringComparer.Ordinal)
    {
        ["user-list/example-02-filter-identities-signin-name.json"] = "identities/any(...) lambda filters (B2C sign-in names) are not simulated",
        ["user-list/rev8aff300-example-2-filter-identities-signin-name.json"] = "identities/any(...) lambda filters (B2C sign-in names) are not simulated",
        ["user-list/example-09-filter-assigned-license.json"] = "licences (assignedLicenses) are not simulated",
        ["user-list/example-10-select-schema-extension.json"] = "schema extensions are not simulated",
        ["user-list/example-11-select-signinactivity.json"] = "signInActivity (Entra ID P1 audit data) is not simulated",
        ["user-list/rev8aff300-example-3-select-signinactivity.json"] = "signInActivity (Entra ID P1 audit data) is not simulated",
        ["user-list/rev8aff300-example-4-filter-startswith-select-signinactivity.json"] = "signInActivity (Entra ID P1 audit data) is not simulated",
        ["user-list/rev8aff300-example-5-filter-signinactivity-range.json"] = "signInActivity (Entra ID P1 audit data) is not simulated",
        ["json-batching/dependson-request-body.json"] = "a request fragment, no response",
        ["json-batching/rev97a442f-first-json-batch-request.json"] = "its items target drive, planner and PATCH /me, which the dev tenant does not serve; the batch envelope is replayed from example-batch-request-and-response",
    };

    /// <summary>Documented properties that do not apply to the seeded scenario or that v1.0 types differently, per file.</summary>
    private static readonly Dictionary<string, string[]> NotApplicable = new(StringComparer.Ordinal)
    {
        // The docs show the beta shape {"value": "user"}; v1.0 metadata and the SDK make userPurpose an enum string.
        ["user-get-mailboxsettings/example-1-get-all-mailbox-settings.json"] = ["$.userPurpose"],
        // A "Customized Time Zone" (bias and transition rules): seeded mailboxes use named zones.
        ["user-get-mailboxsettings/example-3-get-working-hours.json"] = ["$.timeZone.@odata.type", "$.timeZone.bias", "$.timeZone.standardOffset", "$.timeZone.daylightOffset"],
    };

    private DevTenantServer Tenant => fixture.Tenant;

    public static TheoryData<string> ReplayedExamples() => [.. ReplayedFiles()];

    private static List<string> ReplayedFiles() =>
        [.. GraphExamples.All().Where(f => ServedEndpoints.Contains(f.Split('/')[0]) && !NotReplayed.ContainsKey(f))];

    [Fact]
    public void Every_example_of_a_served_endpoint_is_replayed_or_excused()
    {
        var served = GraphExamples.All().Where(f => ServedEndpoints.Contains(f.Split('/')[0])).ToList();

        Assert.True(served.Count >= 25, $"Only {served.Count} examples found for the served endpoints.");
        Assert.All(NotReplayed.Keys, f => Assert.Contains(f, served));
        Assert.Equal(served.Count, ReplayedFiles().Count + NotReplayed.Count);
    }

    [Theory]
    [MemberData(nameof(ReplayedExamples))]
    public async Task The_response_has_the_documented_shape(string file)
    {
        var example = GraphExamples.Load(file);
        var documented = example["response"]!.AsObject();
        var request = Adapt(file, example["request"]!.AsObject());

        var actual = await SendAsync(request);

        Assert.Equal(documented["status"]!.GetValue<int>(), (int)actual.Status);
        var documentedType = GraphExamples.Header(documented["headers"]!.AsObject(), "Content-Type")!.Split(';')[0];
        Assert.Equal(documentedType, actual.Headers["Content-Type"].Split(';')[0]);
        if (GraphExamples.Header(documented["headers"]!.AsObject(), "Preference-Applied") is { } applied)
        {
            Assert.Equal(applied, actual.Headers["Preference-Applied"]);
        }

        var documentedBody = documented["body"];
        if (documentedBody is JsonValue text)
        {
            Assert.True(int.TryParse(actual.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _), $"Expected a count, got '{actual.Text}'.");
            Assert.True(int.TryParse(text.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out _));
            return;
        }

        if (file.StartsWith("json-batching/", StringComparison.Ordinal))
        {
            AssertBatchShape(documentedBody!, actual.Body);
            return;
        }

        var differences = JsonShape.Differences(documentedBody, actual.Body, NotApplicable.GetValueOrDefault(file));
        Assert.True(differences.Count == 0, $"{file}:\n{string.Join('\n', differences)}\n\nGot: {actual.Text}");
        // The comparison is only meaningful where the scenario yields elements to compare.
        if (actual.Body["value"] is JsonArray values && documentedBody!["value"] is JsonArray { Count: > 0 } && !file.Contains("guest", StringComparison.Ordinal))
        {
            Assert.NotEmpty(values);
            if (file.StartsWith("calendar-getschedule/", StringComparison.Ordinal))
            {
                Assert.All(values, v => Assert.NotEmpty(v!["scheduleItems"]!.AsArray()));
            }
        }
    }

    private static void AssertBatchShape(JsonNode documented, JsonNode actual)
    {
        var documentedItems = documented["responses"]!.AsArray();
        var actualItems = actual["responses"]!.AsArray();
        Assert.Equal(documentedItems.Count, actualItems.Count);
        var documentedSuccess = documentedItems.First(i => i!["status"]!.GetValue<int>() == 200)!;
        var documentedError = documentedItems.First(i => i!["status"]!.GetValue<int>() >= 400)!;
        foreach (var item in actualItems)
        {
            var id = item!["id"]!.GetValue<string>();
            var sameId = documentedItems.Single(i => i!["id"]!.GetValue<string>() == id)!;
            var status = item["status"]!.GetValue<int>();

            // Items the dev tenant serves answer like the documented item with their id; the others fail in Graph's error shape.
            var reference = status == sameId["status"]!.GetValue<int>() ? sameId : status >= 400 ? documentedError : documentedSuccess;
            var differences = JsonShape.Differences(reference, item, ["$.headers.X-ProxyCluster", "$.headers.X-OfficeCluster", "$.headers.X-Tasks-CorrelationId", "$.headers.x-ms-resource-unit"]);
            Assert.True(differences.Count == 0, $"batch item {id}:\n{string.Join('\n', differences)}\n\nGot: {item.ToJsonString()}");
        }

        var served = actualItems.Single(i => i!["id"]!.GetValue<string>() == "5")!;
        Assert.Equal(200, served["status"]!.GetValue<int>());
        Assert.Equal("1", served["headers"]!["x-ms-resource-unit"]!.GetValue<string>());
    }

    /// <summary>The documented request with seeded people and a date that has meetings; other values as documented.</summary>
    private static JsonObject Adapt(string file, JsonObject documented)
    {
        var request = documented.DeepClone().AsObject();
        var url = request["url"]!.GetValue<string>()
            .Replace("https://graph.microsoft.com/v1.0", string.Empty, StringComparison.Ordinal)
            .Replace("contoso.com", "contoso.dev", StringComparison.Ordinal);
        request["url"] = url;

        if (file.StartsWith("calendar-getschedule/", StringComparison.Ordinal))
        {
            var body = request["body"]!.AsObject();
            var tuesday = NextWeekday(DayOfWeek.Tuesday);
            body["schedules"] = new JsonArray("ben.carter@contoso.dev", "chloe.martin@contoso.dev");
            foreach (var name in new[] { "startTime", "endTime" })
            {
                var time = body[name]!["dateTime"]!.GetValue<string>()[10..];
                body[name]!["dateTime"] = tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + time;
            }
        }

        if (file.StartsWith("json-batching/", StringComparison.Ordinal))
        {
            foreach (var item in request["body"]!["requests"]!.AsArray())
            {
                item!["url"] = item["url"]!.GetValue<string>().Replace("city eq null", "city eq 'Tokyo'", StringComparison.Ordinal);
            }
        }

        return request;
    }

    private async Task<RawResponse> SendAsync(JsonObject request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request["method"]!.GetValue<string>()), Tenant.GraphBaseUrl + request["url"]!.GetValue<string>());
        message.Headers.Authorization = new("Bearer", Tenant.IssueGraphToken(Ana));
        foreach (var (name, value) in request["headers"]!.AsObject())
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
            }
        }

        if (request["body"] is JsonObject body)
        {
            message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await fixture.Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        return new RawResponse(response.StatusCode, headers, text, json);
    }

    private static DateTime NextWeekday(DayOfWeek day)
    {
        var date = DateTime.UtcNow.Date.AddDays(7);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return date;
    }

}
