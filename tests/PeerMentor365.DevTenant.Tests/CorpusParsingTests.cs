using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>
/// The client side of the corpus: every documented response body parses with the Graph SDK (Kiota's JSON parse node
/// into the SDK's model type, its request adapter for empty and text bodies, BatchResponseContent for batches).
/// </summary>
public sealed class CorpusParsingTests
{
    // Files that document no response: request fragments, reference tables and resource templates (placeholder values).
    private static readonly HashSet<string> NoResponseKinds = ["request-body-fragment", "reference-table", "resource-json-representation"];

    public static TheoryData<string> ResponseFiles() => [.. ResponseFilePaths()];

    private static List<string> ResponseFilePaths() =>
    [
        .. GraphExamples.All().Where(file =>
        {
            var example = GraphExamples.Load(file);
            return example["response"] is not null || example["kind"]?.GetValue<string>() == "error-response-body";
        }),
    ];

    [Fact]
    public void Every_corpus_file_is_either_a_response_or_a_known_non_response_kind()
    {
        var files = GraphExamples.All();
        var responses = ResponseFilePaths().ToHashSet();

        Assert.True(files.Count >= 60, $"Only {files.Count} example files found in {RepositoryPaths.GraphExamples()}.");
        Assert.Equal(53, responses.Count);
        foreach (var file in files.Where(f => !responses.Contains(f)))
        {
            Assert.Contains(GraphExamples.Load(file)["kind"]?.GetValue<string>() ?? "(none)", NoResponseKinds);
        }
    }

    [Theory]
    [MemberData(nameof(ResponseFiles))]
    public async Task The_documented_response_parses_with_the_Graph_SDK(string file)
    {
        var example = GraphExamples.Load(file);
        var endpoint = file.Split('/')[0];
        var name = file.Split('/')[1];

        if (example["kind"]?.GetValue<string>() == "error-response-body")
        {
            var error = await ParseAsync(example["representation"]!, ODataError.CreateFromDiscriminatorValue);
            Assert.False(string.IsNullOrEmpty(error.Error?.Code));
            return;
        }

        var response = example["response"]!.AsObject();
        var status = response["status"]!.GetValue<int>();
        var body = response["body"];
        switch (endpoint)
        {
            case "event-cancel" or "event-delete" or "page-update":
                Assert.Null(body);
                await ReplayAsync(response, async adapter =>
                {
                    await adapter.SendNoContentAsync(Get(), ErrorMapping);
                    return true;
                });
                Assert.True(status is 202 or 204);
                break;

            case "user-list" when body is JsonValue:
                var count = await ReplayAsync(response, adapter => adapter.SendPrimitiveAsync<int?>(Get(), ErrorMapping));
                Assert.Equal(int.Parse(body.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), count);
                break;

            case "json-batching":
                await ParseBatchAsync(example);
                break;

            case "user-get-mailboxsettings" when name.StartsWith("example-1", StringComparison.Ordinal):
                var settings = await ParseAsync(WithoutEnumObjects(file, body!), MailboxSettings.CreateFromDiscriminatorValue);
                Assert.NotNull(settings.WorkingHours?.TimeZone?.Name);
                break;

            case "user-get-mailboxsettings" when name.StartsWith("example-4", StringComparison.Ordinal):
                var purpose = await RootAsync(body!);
                Assert.Equal(UserPurpose.User, purpose.GetChildNode("value")!.GetEnumValue<UserPurpose>());
                break;

            default:
                var parsed = await ParseAsync(WithoutEnumObjects(file, body!), Factory(endpoint, name));
                Assert.NotNull(parsed);
                break;
        }
    }

    /// <summary>
    /// Documented bodies that show an enum property as an object: mailboxSettings.userPurpose as {"value": "user"} (the beta shape)
    /// and notebook.userRole as {}. The v1.0 SDK types both as enums and cannot read an object there, so the parse above
    /// drops exactly these properties and this test pins the SDK's behaviour (which is why the dev tenant sends enum strings).
    /// </summary>
    private static readonly Dictionary<string, string> EnumShownAsObject = new(StringComparer.Ordinal)
    {
        ["user-get-mailboxsettings/example-1-get-all-mailbox-settings.json"] = "userPurpose",
        ["notebook-get/get-notebook.json"] = "userRole",
        ["onenote-post-notebooks/rev007852a-create-notebook.json"] = "userRole",
    };

    public static TheoryData<string> EnumShownAsObjectFiles() => [.. EnumShownAsObject.Keys];

    [Theory]
    [MemberData(nameof(EnumShownAsObjectFiles))]
    public async Task An_enum_documented_as_an_object_breaks_the_v1_SDK(string file)
    {
        var body = GraphExamples.Load(file)["response"]!["body"]!;
        Assert.IsType<JsonObject>(body[EnumShownAsObject[file]]);
        ParsableFactory<IParsable> factory = file.StartsWith("user-get", StringComparison.Ordinal)
            ? MailboxSettings.CreateFromDiscriminatorValue
            : Notebook.CreateFromDiscriminatorValue;

        await Assert.ThrowsAsync<InvalidOperationException>(() => ParseAsync(body, factory));
    }

    private static ParsableFactory<IParsable> Factory(string endpoint, string name) => endpoint switch
    {
        "calendar-getschedule" => Microsoft.Graph.Me.Calendar.GetSchedule.GetSchedulePostResponse.CreateFromDiscriminatorValue,
        "driveitem-invite" => Microsoft.Graph.Drives.Item.Items.Item.Invite.InvitePostResponse.CreateFromDiscriminatorValue,
        "event-get" or "event-update" or "user-post-events" => Event.CreateFromDiscriminatorValue,
        "event-list-instances" or "user-list-calendarview" => EventCollectionResponse.CreateFromDiscriminatorValue,
        "notebook-get" or "onenote-post-notebooks" => Notebook.CreateFromDiscriminatorValue,
        "notebook-post-sections" => OnenoteSection.CreateFromDiscriminatorValue,
        "page-get" or "section-post-pages" => OnenotePage.CreateFromDiscriminatorValue,
        "user-findmeetingtimes" => MeetingTimeSuggestionsResult.CreateFromDiscriminatorValue,
        "user-get-mailboxsettings" when name.StartsWith("example-2", StringComparison.Ordinal) => AutomaticRepliesSetting.CreateFromDiscriminatorValue,
        "user-get-mailboxsettings" when name.StartsWith("example-3", StringComparison.Ordinal) => WorkingHours.CreateFromDiscriminatorValue,
        "user-list" => UserCollectionResponse.CreateFromDiscriminatorValue,
        "user-list-people" => PersonCollectionResponse.CreateFromDiscriminatorValue,
        _ => throw new InvalidOperationException($"No SDK model chosen for {endpoint}/{name}."),
    };

    private static async Task ParseBatchAsync(JsonObject example)
    {
        var response = example["response"]!.AsObject();
        var requests = example["request"]!["body"]!["requests"]!.AsArray()
            .ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["url"]!.GetValue<string>());
        using var message = ResponseMessage(response);
        var batch = new BatchResponseContent(message, ErrorMapping);

        var statuses = await batch.GetResponsesStatusCodesAsync();
        var documented = response["body"]!["responses"]!.AsArray();
        Assert.Equal(documented.Count, statuses.Count);
        foreach (var item in documented)
        {
            var id = item!["id"]!.GetValue<string>();
            var status = item["status"]!.GetValue<int>();
            Assert.Equal(status, (int)statuses[id]);
            using var inner = await batch.GetResponseByIdAsync(id);
            var text = inner.Content is null ? string.Empty : await inner.Content.ReadAsStringAsync();
            if (item["body"] is not JsonObject)
            {
                continue;
            }

            Assert.NotEmpty(text);
            if (status >= 400)
            {
                var error = await ParseAsync(JsonNode.Parse(text)!, ODataError.CreateFromDiscriminatorValue);
                Assert.NotNull(error.Error);
                continue;
            }

            var url = requests[id];
            if (url.Contains("users", StringComparison.Ordinal))
            {
                Assert.NotEmpty((await batch.GetResponseByIdAsync<UserCollectionResponse>(id)).Value!);
            }
            else if (url.Contains("memberOf", StringComparison.Ordinal))
            {
                Assert.NotEmpty((await batch.GetResponseByIdAsync<DirectoryObjectCollectionResponse>(id)).Value!);
            }
            else if (url.Contains("planner/tasks", StringComparison.Ordinal))
            {
                Assert.NotNull((await batch.GetResponseByIdAsync<PlannerTaskCollectionResponse>(id)).Value);
            }
            else
            {
                throw new InvalidOperationException($"No SDK model chosen for batch url {url}.");
            }
        }
    }

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    private static RequestInformation Get() => new() { HttpMethod = Method.GET, URI = new Uri("https://graph.microsoft.com/v1.0/documented") };

    private static async Task<IParseNode> RootAsync(JsonNode body)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString()));
        return await new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", stream);
    }

    private static async Task<T> ParseAsync<T>(JsonNode body, ParsableFactory<T> factory)
        where T : IParsable
    {
        var root = await RootAsync(body);
        return root.GetObjectValue(factory) ?? throw new InvalidOperationException("The parse node returned null.");
    }

    private static JsonNode WithoutEnumObjects(string file, JsonNode body)
    {
        if (!EnumShownAsObject.TryGetValue(file, out var property))
        {
            return body;
        }

        var copy = body.DeepClone().AsObject();
        Assert.True(copy.Remove(property));
        return copy;
    }

    /// <summary>Feeds the documented status, headers and body to the SDK's own request adapter.</summary>
    private static async Task<T> ReplayAsync<T>(JsonObject response, Func<IRequestAdapter, Task<T>> call)
    {
        using var http = new HttpClient(new DocumentedResponse(response));
        var graph = new GraphServiceClient(http, new AnonymousAuthenticationProvider());
        return await call(graph.RequestAdapter);
    }

    private static HttpResponseMessage ResponseMessage(JsonObject response)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response["status"]!.GetValue<int>());
        var body = response["body"];
        var contentType = GraphExamples.Header(response["headers"]!.AsObject(), "Content-Type");
        if (body is not null)
        {
            var text = body is JsonValue value && value.TryGetValue<string>(out var s) ? s : body.ToJsonString();
            message.Content = new StringContent(text, Encoding.UTF8);
            message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        return message;
    }

    /// <summary>Answers every request with one documented response (the input under test, not a stand-in for a service).</summary>
    private sealed class DocumentedResponse(JsonObject response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(ResponseMessage(response));
    }
}
