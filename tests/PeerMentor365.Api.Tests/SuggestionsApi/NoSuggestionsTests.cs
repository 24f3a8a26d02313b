using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>When nothing humane exists the answer is still 200, with no suggestions and a reason the user can act on.</summary>
[Collection(SharedApi.Name)]
public sealed class NoSuggestionsTests(ApiApplication app)
{
    private const string Finn = "finn.walsh@contoso.dev";
    private const string Hiro = "hiro.tanaka@contoso.dev";
    private const string Isha = "isha.shrestha@contoso.dev";

    private static readonly string[] LengthCauses = ["sessionTooLong", "seriesCannotRecur"];

    [Fact]
    public async Task London_Seattle_and_Tokyo_together_get_no_suggestions_and_are_told_who_can_meet_when()
    {
        // In every season two of the three overlap only when it is night for the third (docs/scheduling.md).
        using var client = app.Client(Finn);

        var answer = await SuggestionsClient.SuggestAsync(client, new { peers = new[] { ApiApplication.Ben, Hiro }, earliestStart = SuggestionsClient.EarliestStart });

        Assert.Empty(answer.GetProperty("suggestions").EnumerateArray());
        Assert.False(answer.GetProperty("hasComfortableSlots").GetBoolean());
        var reason = answer.GetProperty("noSuggestionsReason").GetString()!;
        Assert.StartsWith("No time keeps everyone within 3 hours of their working hours. Ben Carter (", reason, StringComparison.Ordinal);
        Assert.Contains(") and Hiro Tanaka (", reason, StringComparison.Ordinal);
        Assert.Contains(" for Finn Walsh.", reason, StringComparison.Ordinal);
        Assert.EndsWith("Any two of you can meet, so try fewer people in one series.", reason, StringComparison.Ordinal);
        var detail = answer.GetProperty("noSuggestionsDetail");
        Assert.Equal("groupNeverMeets", detail.GetProperty("cause").GetString());
        Assert.Equal([ApiApplication.Ben, Hiro, Finn], detail.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("shorterSessionMinutes").ValueKind);

        // Any two of them can meet: each pair is named, with the first session of its best series.
        var groups = detail.GetProperty("smallerGroups").EnumerateArray().ToList();
        Assert.Equal(
            [[Finn, ApiApplication.Ben], [Finn, Hiro], [ApiApplication.Ben, Hiro]],
            groups.Select(group => group.GetProperty("participants").EnumerateArray().Select(p => p.GetString()!).ToArray()));
        Assert.All(groups, group => Assert.EndsWith("Z", group.GetProperty("firstStart").GetString(), StringComparison.Ordinal));
        Assert.Equal(["Finn Walsh", "Ben Carter", "Hiro Tanaka"], answer.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("displayName").GetString()));
    }

    [Fact]
    public async Task Each_pair_of_London_Seattle_and_Tokyo_does_get_suggestions_and_no_reason()
    {
        foreach (var (organizer, peer) in new[] { (Finn, ApiApplication.Ben), (Finn, Hiro), (ApiApplication.Ben, Hiro) })
        {
            using var client = app.Client(organizer);

            var answer = await SuggestionsClient.SuggestAsync(client, new { peers = new[] { peer }, earliestStart = SuggestionsClient.EarliestStart });

            Assert.NotEmpty(answer.GetProperty("suggestions").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("noSuggestionsReason").ValueKind);
        }
    }

    [Fact]
    public async Task Sao_Paulo_Seattle_and_Kathmandu_get_a_reason_exactly_when_they_get_no_suggestions()
    {
        // Whether an hour fits depends on the season (Seattle's clock change); the reason must match either way, and an
        // empty answer for this group always comes down to the session's length.
        using var client = app.Client(ApiApplication.Ana);

        var answer = await SuggestionsClient.SuggestAsync(client, new { peers = new[] { ApiApplication.Ben, Isha }, earliestStart = SuggestionsClient.EarliestStart });

        var empty = answer.GetProperty("suggestions").GetArrayLength() == 0;
        Assert.Equal(empty, answer.GetProperty("noSuggestionsReason").ValueKind == JsonValueKind.String);
        Assert.Equal(empty, answer.GetProperty("noSuggestionsDetail").ValueKind == JsonValueKind.Object);
        if (empty)
        {
            var detail = answer.GetProperty("noSuggestionsDetail");
            Assert.Contains(detail.GetProperty("cause").GetString(), LengthCauses);
            var shorter = detail.GetProperty("shorterSessionMinutes").GetInt32();
            Assert.Contains($"{shorter}-minute", answer.GetProperty("noSuggestionsReason").GetString(), StringComparison.Ordinal);
            var retry = await SuggestionsClient.SuggestAsync(client, new { peers = new[] { ApiApplication.Ben, Isha }, durationMinutes = shorter, earliestStart = SuggestionsClient.EarliestStart });
            Assert.NotEmpty(retry.GetProperty("suggestions").EnumerateArray());
        }
    }
}
