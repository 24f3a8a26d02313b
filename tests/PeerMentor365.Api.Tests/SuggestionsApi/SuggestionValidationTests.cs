using System.Globalization;
using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>Every client mistake is a 400 problem naming the field; none is a 500.</summary>
[Collection(SharedApi.Name)]
public sealed class SuggestionValidationTests(ApiApplication app)
{
    private static readonly string Far = DateTime.UtcNow.Date.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string> BadBodies => new()
    {
        // body, field named in errors, why it is wrong
        { """{"peers": ["nobody@contoso.dev"]}""", "peers", "an address no one in the tenant has" },
        { """{"peers": ["ben.carter@contoso.dev", "ghost@contoso.dev"]}""", "peers", "one known and one unknown peer" },
        { """{"peers": ["not-an-address"]}""", "peers", "not a mail address" },
        { """{"peers": []}""", "peers", "no peers" },
        { """{"durationMinutes": 60}""", "peers", "peers missing" },
        { """{"peers": ["ana.souza@contoso.dev"]}""", "peers", "the organizer as her own peer" },
        { """{"peers": ["ben.carter@contoso.dev", "BEN.CARTER@contoso.dev"]}""", "peers", "the same peer twice" },
        { TwentyPeers(), "peers", "20 peers: with the organizer, more than getSchedule's 20 people" },
        { """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": 10}""", "durationMinutes", "shorter than 15 minutes" },
        { """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": 125}""", "durationMinutes", "longer than 120 minutes" },
        { """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": 62}""", "durationMinutes", "not a multiple of 5" },
        { """{"peers": ["ben.carter@contoso.dev"], "cadence": "daily"}""", "cadence", "an unknown cadence" },
        { """{"peers": ["ben.carter@contoso.dev"], "horizonMonths": 13}""", "horizonMonths", "more than a year" },
        { """{"peers": ["ben.carter@contoso.dev"], "horizonMonths": 0}""", "horizonMonths", "no horizon" },
        { """{"peers": ["ben.carter@contoso.dev"], "earliestStart": "2020-01-01"}""", "earliestStart", "in the past" },
        { $$"""{"peers": ["ben.carter@contoso.dev"], "earliestStart": "{{Far}}"}""", "earliestStart", "more than 60 days ahead" },
        { """{"peers": ["ben.carter@contoso.dev"], "earliestStart": "next tuesday"}""", "earliestStart", "not a date" },
        { """{"peers": ["ben.carter@contoso.dev"], "maxSuggestions": 0}""", "maxSuggestions", "no suggestions asked for" },
        { """{"peers": ["ben.carter@contoso.dev"], "maxSuggestions": 26}""", "maxSuggestions", "too many suggestions asked for" },
        { """{"peers": "ben.carter@contoso.dev"}""", "peers", "a string where an array belongs" },
        { """{"peers": [42]}""", "peers", "a number where an address belongs" },
        { """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": "60"}""", "durationMinutes", "a number sent as a string" },
        { """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": 60.5}""", "durationMinutes", "a fraction" },
        { """{"peers": ["ben.carter@contoso.dev"], "horizonMonths": true}""", "horizonMonths", "a boolean where a number belongs" },
        { """{"peers": ["ben.carter@contoso.dev"], "cadence": 2}""", "cadence", "a number where a name belongs" },
        { """{"peers": ["ben.carter@contoso.dev"], "earliestStart": {}}""", "earliestStart", "an object where a date belongs" },
        { """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": 99999999999}""", "durationMinutes", "a number too large for an int" },
        { """{"peers": ["ben.carter@contoso.dev"]""", "body", "truncated JSON" },
        { """{peers: ["ben.carter@contoso.dev"]}""", "body", "unquoted property name" },
        { """{"peers": ["ben.carter@contoso.dev"],}""", "body", "a trailing comma" },
        { "", "body", "an empty body" },
        { "null", "body", "JSON null" },
        { "[]", "body", "an array instead of an object" },
        { "\"peers\"", "body", "a string instead of an object" },
        { "not json at all", "body", "plain text" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_400_problem_naming_the_field(string body, string field, string why)
    {
        using var client = app.Client(ApiApplication.Ana);

        using var response = await SuggestionsClient.PostRawAsync(client, body);

        var messages = await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.All(messages, message => Assert.False(string.IsNullOrWhiteSpace(message), why));
    }

    [Fact]
    public async Task An_unknown_peer_is_named_in_the_message()
    {
        using var client = app.Client(ApiApplication.Ana);

        using var response = await SuggestionsClient.PostRawAsync(client, """{"peers": ["ben.carter@contoso.dev", "ghost@contoso.dev"]}""");

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "peers");
        Assert.Contains(messages, message => message.Contains("ghost@contoso.dev", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, message => message.Contains("ben.carter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_mistakes_are_reported_together()
    {
        using var client = app.Client(ApiApplication.Ana);

        using var response = await SuggestionsClient.PostRawAsync(client, """{"peers": ["ben.carter@contoso.dev"], "durationMinutes": 7, "cadence": "hourly", "horizonMonths": 24}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("durationMinutes", out _));
        Assert.True(errors.TryGetProperty("cadence", out _));
        Assert.True(errors.TryGetProperty("horizonMonths", out _));
    }

    [Fact]
    public async Task A_body_over_64_KB_is_refused_with_a_4xx_problem()
    {
        using var client = app.Client(ApiApplication.Ana);
        var padding = new string(' ', 70 * 1024);

        using var response = await SuggestionsClient.PostRawAsync(client, $$"""{"peers": ["ben.carter@contoso.dev"]{{padding}}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Defaults_fill_everything_but_peers()
    {
        using var client = app.Client(ApiApplication.Ana);

        var answer = await SuggestionsClient.SuggestAsync(client, new { peers = new[] { ApiApplication.Ben } });

        var top = answer.GetProperty("suggestions")[0].GetProperty("recurrence");
        Assert.Equal(60, top.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(2, top.GetProperty("pattern").GetProperty("interval").GetInt32());
        Assert.InRange(answer.GetProperty("suggestions").GetArrayLength(), 1, 10);
    }

    private static string TwentyPeers() =>
        "{\"peers\": [" + string.Join(", ", Enumerable.Range(1, 20).Select(n => $"\"peer{n}@contoso.dev\"")) + "]}";
}
