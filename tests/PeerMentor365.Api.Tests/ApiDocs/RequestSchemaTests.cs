using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.Security;

namespace PeerMentor365.Api.Tests.ApiDocs;

/// <summary>
/// The OpenAPI document describes every request body with its fields, and what it describes is what the endpoints
/// read: bodies built from the document alone are accepted, and each documented field, sent with the wrong type or
/// left out when required, is the field the 400 names.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class RequestSchemaTests(ApiApplication app) : IDisposable
{
    private static readonly string[] ShapeComplaints =
        ["is required.", "must be a string", "must be a whole number", "must be true or false", "must be an array", "must be an object", "must be a date like", "must be a UTC time like", "must be a local date and time"];

    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);

    [Fact]
    public async Task Every_operation_that_reads_a_body_documents_its_fields_types_formats_and_required_list()
    {
        var operations = await OperationsAsync();
        var writes = AppEndpoint.Of(app.Api.Services).Where(endpoint => endpoint.IsApi && endpoint.HasBody).ToList();

        var described = 0;
        foreach (var endpoint in writes)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.True(name is not null, $"{endpoint} has no operation name");
            var shape = endpoint.Metadata.GetMetadata<BodyShape>();
            var operation = operations[name];
            if (shape is null)
            {
                // An action without a body (accept, pause, resume) declares none and documents none.
                Assert.Null(endpoint.Metadata.GetMetadata<IAcceptsMetadata>());
                Assert.False(operation.ContainsKey("requestBody"), $"{endpoint} documents a body it does not read");
                continue;
            }

            var schema = operation["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
            AssertDescribes(shape, schema, endpoint.Key);
            described++;
        }

        // Pairs 3, goals 2, commitments 2, sessions 2, series 1, series management 4, suggestions 1.
        Assert.True(described >= 15, $"only {described} operations document a body");
    }

    [Fact]
    public async Task Instants_dates_local_times_and_choices_are_documented_in_the_wire_formats()
    {
        var operations = await OperationsAsync();

        var session = Properties(operations["CreateSession"]);
        Assert.Equal("date-time", session["start"]!["format"]!.GetValue<string>());
        var agreement = Properties(operations["ProposePair"])["agreement"]!["properties"]!;
        Assert.Equal("date", agreement["startDate"]!["format"]!.GetValue<string>());
        Assert.Equal(
            ["weekly", "every2Weeks", "every3Weeks", "every4Weeks", "monthly"],
            agreement["cadence"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Equal(5, agreement["durationMinutes"]!["multipleOf"]!.GetValue<int>());
        var series = Properties(operations["CreateSeries"]);
        var pattern = new System.Text.RegularExpressions.Regex(series["firstStart"]!["pattern"]!.GetValue<string>());
        Assert.Matches(pattern, "2026-12-01T15:00:00");
        Assert.Matches(pattern, "2026-12-01T15:00");
        Assert.DoesNotMatch(pattern, "2026-12-01T15:00:00Z");
        Assert.Equal("email", Properties(operations["SuggestSlots"])["peers"]!["items"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_parameters_an_endpoint_reads_itself_are_documented_in_their_wire_format()
    {
        var operations = await OperationsAsync();
        var declaring = AppEndpoint.Of(app.Api.Services).Where(endpoint => endpoint.Metadata.GetMetadata<QueryParameterList>() is not null).ToList();

        foreach (var endpoint in declaring)
        {
            var operation = operations[endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName];
            var documented = operation["parameters"]!.AsArray().Where(parameter => parameter!["in"]!.GetValue<string>() == "query").ToDictionary(parameter => parameter!["name"]!.GetValue<string>());
            foreach (var parameter in endpoint.Metadata.GetMetadata<QueryParameterList>()!.Parameters)
            {
                Assert.True(documented.TryGetValue(parameter.Name, out var described), $"{endpoint} reads ?{parameter.Name}= but does not document it");
                Assert.Equal(parameter.Description, described!["description"]!.GetValue<string>());
                Assert.NotEqual(true, described["required"]?.GetValue<bool>());
            }
        }

        // The occurrences' window, as instants.
        var occurrences = operations["ListSeriesOccurrences"]["parameters"]!.AsArray().Where(parameter => parameter!["in"]!.GetValue<string>() == "query").ToList();
        Assert.Equal(["from", "to"], occurrences.Select(parameter => parameter!["name"]!.GetValue<string>()));
        Assert.All(occurrences, parameter =>
        {
            Assert.Equal("string", parameter!["schema"]!["type"]!.GetValue<string>());
            Assert.Equal("date-time", parameter["schema"]!["format"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Answers_document_their_instants_and_dates_in_the_same_formats()
    {
        using var response = await app.Client().GetAsync("/api/openapi/v1.json");
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!.AsObject();

        Assert.Equal("date-time", schemas["GoalResponse"]!["properties"]!["createdAt"]!["format"]!.GetValue<string>());
        Assert.Equal("date", schemas["GoalResponse"]!["properties"]!["targetDate"]!["format"]!.GetValue<string>());
        Assert.Equal("date-time", schemas["SessionResponse"]!["properties"]!["start"]!["format"]!.GetValue<string>());
        Assert.Equal("date", schemas["AgreementResponse"]!["properties"]!["startDate"]!["format"]!.GetValue<string>());
        Assert.NotNull(schemas["SeriesResponse"]!["properties"]!["firstStart"]!["pattern"]);
    }

    [Fact]
    public async Task Bodies_built_from_the_document_are_read_as_documented()
    {
        var operations = await OperationsAsync();
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var goal = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/goals", new { title = "Lead a design review", measure = "One review done", targetDate = Member.Date(60) });
        var session = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/sessions", new { start = Member.At(3, 15), end = Member.At(3, 16) });
        var commitment = await _ana.AddCommitmentAsync(pair, new { text = "Draft the review agenda" });
        var ids = new Dictionary<string, JsonNode?>
        {
            ["peers"] = new JsonArray(Member.Ben),
            ["ownerId"] = _ana.Id,
            ["sessionId"] = Member.IdOf(session),
        };

        // Every operation here answers 2xx to a body of its documented fields (the required ones, then all of them),
        // and a 400 naming the field when one documented field has the wrong type or a required one is missing.
        var etags = new Dictionary<string, string> { ["ChangeAgreement"] = Member.EtagOf(pair), ["UpdateGoal"] = Member.EtagOf(goal), ["UpdateCommitment"] = Member.EtagOf(commitment) };
        var cases = new (string Operation, HttpMethod Method, string Path)[]
        {
            ("ProposePair", HttpMethod.Post, "/api/pairs"),
            ("ChangeAgreement", HttpMethod.Put, $"/api/pairs/{pairId}/agreement"),
            ("AddGoal", HttpMethod.Post, $"/api/pairs/{pairId}/goals"),
            ("UpdateGoal", HttpMethod.Patch, $"/api/pairs/{pairId}/goals/{Member.IdOf(goal)}"),
            ("AddCommitment", HttpMethod.Post, $"/api/pairs/{pairId}/commitments"),
            ("UpdateCommitment", HttpMethod.Patch, $"/api/pairs/{pairId}/commitments/{Member.IdOf(commitment)}"),
            ("CreateSession", HttpMethod.Post, $"/api/pairs/{pairId}/sessions"),
            ("RateSession", HttpMethod.Put, $"/api/pairs/{pairId}/sessions/{Member.IdOf(session)}/rating"),
            ("SuggestSlots", HttpMethod.Post, "/api/suggestions"),
        };

        foreach (var (operationName, method, path) in cases)
        {
            var schema = operations[operationName]["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
            var required = schema["required"]?.AsArray().Select(name => name!.GetValue<string>()).ToHashSet() ?? [];
            var full = Build(schema, ids, requiredOnly: false);
            var label = $"{operationName} {full.ToJsonString()}";

            if (required.Count > 0)
            {
                var minimal = Build(schema, ids, requiredOnly: true);
                await ExpectSuccessAsync(operationName, method, path, minimal, etags, $"{operationName} {minimal.ToJsonString()}");
            }

            var answer = await SendAsync(method, path, full, etags.GetValueOrDefault(operationName));
            AssertNoShapeComplaint(answer, label);
            Remember(etags, operationName, answer);

            foreach (var (field, fieldSchema) in schema["properties"]!.AsObject())
            {
                var wrong = (JsonObject)full.DeepClone();
                wrong[field] = WrongTypeFor(fieldSchema!);
                AssertNamesField(await SendAsync(method, path, wrong, etags.GetValueOrDefault(operationName)), field, $"{operationName}: {field} of the wrong type");

                if (required.Contains(field))
                {
                    var missing = (JsonObject)full.DeepClone();
                    missing.Remove(field);
                    AssertNamesField(await SendAsync(method, path, missing, etags.GetValueOrDefault(operationName)), field, $"{operationName}: {field} left out");
                }
            }
        }
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
    }

    private static void AssertDescribes(BodyShape shape, JsonObject schema, string where)
    {
        Assert.Equal("object", schema["type"]?.GetValue<string>());
        var properties = schema["properties"]?.AsObject();
        Assert.True(properties is { Count: > 0 }, $"{where}: the body schema has no properties");
        Assert.Equal(shape.Fields.Select(field => field.Name).Order(StringComparer.Ordinal), properties.Select(property => property.Key).Order(StringComparer.Ordinal));
        var required = schema["required"]?.AsArray().Select(name => name!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() ?? [];
        Assert.Equal(shape.Fields.Where(field => field.Required).Select(field => field.Name).Order(StringComparer.Ordinal), required);
        foreach (var field in shape.Fields)
        {
            var property = properties[field.Name]!.AsObject();
            var type = property["type"]?.GetValue<string>();
            Assert.True(type is not null, $"{where}: {field.Name} has no type");
            Assert.Equal(ExpectedType(field), type);
            if (field is ObjectField nested)
            {
                AssertDescribes(nested.Shape, property, $"{where} {field.Name}");
            }
        }
    }

    private static string ExpectedType(BodyField field) => field switch
    {
        IntField => "integer",
        BoolField => "boolean",
        StringsField => "array",
        ObjectField => "object",
        _ => "string",
    };

    /// <summary>A body from the schema alone: the smallest allowed values, dates and instants a little ahead and rising.</summary>
    private static JsonObject Build(JsonObject schema, Dictionary<string, JsonNode?> ids, bool requiredOnly)
    {
        var required = schema["required"]?.AsArray().Select(name => name!.GetValue<string>()).ToHashSet() ?? [];
        var body = new JsonObject();
        var index = 0;
        foreach (var (name, node) in schema["properties"]!.AsObject())
        {
            index++;
            if (requiredOnly && !required.Contains(name))
            {
                continue;
            }

            var property = node!.AsObject();
            body[name] = ids.TryGetValue(name, out var known) ? known?.DeepClone() : ValueFor(property, ids, index);
        }

        return body;
    }

    private static JsonNode? ValueFor(JsonObject property, Dictionary<string, JsonNode?> ids, int index)
    {
        if (property["enum"] is JsonArray choices)
        {
            return choices[0]!.DeepClone();
        }

        var type = property["type"]!.GetValue<string>();
        var format = property["format"]?.GetValue<string>();
        var ahead = DateTime.UtcNow.Date.AddDays(7 + (30 * index));
        return (type, format) switch
        {
            ("string", "date") => ahead.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ("string", "date-time") => DateTime.UtcNow.Date.AddDays(2).AddHours(8 + index).ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture),
            ("string", _) when property["pattern"] is not null => ahead.AddHours(15).ToString("yyyy-MM-dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture),
            ("string", _) => new string('x', Math.Max(1, property["minLength"]?.GetValue<int>() ?? 1)),
            ("integer", _) => SmallestAllowed(property),
            ("boolean", _) => false,
            ("object", _) => Build(property, ids, requiredOnly: true),
            _ => throw new InvalidOperationException($"No sample for a {type}"),
        };
    }

    private static int SmallestAllowed(JsonObject property)
    {
        var minimum = int.Parse(property["minimum"]!.ToString(), CultureInfo.InvariantCulture);
        var step = property["multipleOf"]?.GetValue<int>() ?? 1;
        return (minimum + step - 1) / step * step;
    }

    private static JsonNode WrongTypeFor(JsonNode property) => property["type"]!.GetValue<string>() switch
    {
        "string" => 12345,
        "integer" => "twelve",
        "boolean" => "yes",
        "array" => "not a list",
        _ => 42,
    };

    private async Task ExpectSuccessAsync(string operation, HttpMethod method, string path, JsonObject body, Dictionary<string, string> etags, string label)
    {
        using var answer = await SendAsync(method, path, body, etags.GetValueOrDefault(operation));
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"{label}: {(int)answer.StatusCode} {text}");
        Remember(etags, operation, answer);
    }

    /// <summary>A change that succeeded moves the resource's ETag on: the next If-Match sends the new one.</summary>
    private static void Remember(Dictionary<string, string> etags, string operation, HttpResponseMessage answer)
    {
        if (etags.ContainsKey(operation) && answer.IsSuccessStatusCode && answer.Headers.ETag is { } etag)
        {
            etags[operation] = etag.ToString();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject body, string? ifMatch) =>
        await _ana.SendAsync(method, path, new RawJson(body.ToJsonString()), ifMatch);

    private static void AssertNoShapeComplaint(HttpResponseMessage answer, string label)
    {
        using (answer)
        {
            if (answer.IsSuccessStatusCode)
            {
                return;
            }

            var text = answer.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)answer.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            var complaints = errors.EnumerateObject()
                .SelectMany(field => field.Value.EnumerateArray().Select(message => $"{field.Name}: {message.GetString()}"))
                .Where(message => ShapeComplaints.Any(complaint => message.Contains(complaint, StringComparison.Ordinal)))
                .ToList();
            Assert.True(complaints.Count == 0, $"{label}: {string.Join("; ", complaints)}");
        }
    }

    private static void AssertNamesField(HttpResponseMessage answer, string field, string label)
    {
        using (answer)
        {
            var text = answer.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)answer.StatusCode} {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{label}: {text}");
        }
    }

    private static JsonObject Properties(JsonObject operation) =>
        operation["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!.AsObject();

    private async Task<Dictionary<string, JsonObject>> OperationsAsync()
    {
        using var response = await app.Client().GetAsync("/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var operations = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (_, path) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in path!.AsObject())
            {
                if (operation is JsonObject { } described && described["operationId"]?.GetValue<string>() is { } id)
                {
                    operations[id] = described;
                }
            }
        }

        return operations;
    }
}
