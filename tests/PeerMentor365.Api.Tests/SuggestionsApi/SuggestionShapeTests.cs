using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>The happy path, checked the way a client would: every claim of the answer against the others and against Graph.</summary>
[Collection(SharedApi.Name)]
public sealed class SuggestionShapeTests(ApiApplication app)
{
    private static readonly string[] WeekIndexes = ["first", "second", "third", "fourth", "last"];

    private static readonly string[] Finn = ["finn.walsh@contoso.dev"];

    private static readonly string[] WarningKinds = ["outsideWorkingHours", "conflict", "tentative", "localTimeShifts", "workingHoursUnknown", "publicHoliday"];

    [Fact]
    public async Task Ana_and_Ben_get_ranked_slots_whose_local_times_recurrence_and_instants_agree()
    {
        using var client = app.Client(ApiApplication.Ana);
        var answer = await SuggestionsClient.SuggestAsync(client, new
        {
            peers = new[] { ApiApplication.Ben },
            durationMinutes = 60,
            cadence = "every2Weeks",
            horizonMonths = 6,
            earliestStart = SuggestionsClient.EarliestStart,
        });

        Assert.Equal(ApiApplication.Ana, answer.GetProperty("organizer").GetString());
        var window = new Interval(ParseInstant(answer.GetProperty("window").GetProperty("start")), ParseInstant(answer.GetProperty("window").GetProperty("end")));
        var participants = answer.GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal([ApiApplication.Ana, ApiApplication.Ben], participants.Select(p => p.GetProperty("mail").GetString()));
        Assert.Equal(["Ana Souza", "Ben Carter"], participants.Select(p => p.GetProperty("displayName").GetString()));
        Assert.Equal(["São Paulo", "Seattle"], participants.Select(p => p.GetProperty("officeLocation").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("noSuggestionsReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("noSuggestionsDetail").ValueKind);
        Assert.Equal("America/Sao_Paulo", participants[0].GetProperty("timeZone").GetString());
        Assert.Equal("E. South America Standard Time", participants[0].GetProperty("windowsTimeZone").GetString());
        Assert.Equal("America/Los_Angeles", participants[1].GetProperty("timeZone").GetString());
        Assert.All(participants, p => Assert.True(p.GetProperty("workingHoursKnown").GetBoolean()));
        Assert.Equal("09:00", participants[0].GetProperty("workingHours").GetProperty("startTime").GetString());
        var zones = participants.ToDictionary(p => p.GetProperty("mail").GetString()!, p => Zone(p.GetProperty("timeZone")));

        // The window starts at midnight of the requested day in the organizer's zone.
        Assert.Equal(LocalDate.FromDateTime(DateTime.Parse(SuggestionsClient.EarliestStart, CultureInfo.InvariantCulture)).AtMidnight(), window.Start.InZone(zones[ApiApplication.Ana]).LocalDateTime);

        var suggestions = answer.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        Assert.Equal(Enumerable.Range(1, suggestions.Count), suggestions.Select(s => s.GetProperty("rank").GetInt32()));
        Assert.Equal(answer.GetProperty("hasComfortableSlots").GetBoolean(), suggestions.Any(s => s.GetProperty("comfortable").GetBoolean()));

        foreach (var suggestion in suggestions)
        {
            var score = suggestion.GetProperty("score").GetDouble();
            Assert.InRange(score, 0, 1);
            var recurrence = suggestion.GetProperty("recurrence");
            var anchor = Zone(recurrence.GetProperty("anchorTimeZone"));
            Assert.False(string.IsNullOrEmpty(recurrence.GetProperty("anchorWindowsTimeZone").GetString()));
            var firstStart = ParseLocal(recurrence.GetProperty("firstStart"));
            Assert.Equal(firstStart.PlusMinutes(60), ParseLocal(recurrence.GetProperty("firstEnd")));
            Assert.Equal(60, recurrence.GetProperty("durationMinutes").GetInt32());
            var pattern = recurrence.GetProperty("pattern");
            Assert.Equal("weekly", pattern.GetProperty("type").GetString());
            Assert.Equal(2, pattern.GetProperty("interval").GetInt32());
            Assert.Equal(JsonValueKind.Null, pattern.GetProperty("index").ValueKind);
            Assert.Equal([firstStart.DayOfWeek.ToString().ToLowerInvariant()], pattern.GetProperty("daysOfWeek").EnumerateArray().Select(d => d.GetString()));

            var occurrences = suggestion.GetProperty("occurrences").EnumerateArray().ToList();
            Assert.Equal(recurrence.GetProperty("count").GetInt32(), occurrences.Count);
            Assert.True(occurrences.Count >= 12, $"Every 2 weeks over 6 months is about 13 sessions, got {occurrences.Count}.");
            for (var number = 0; number < occurrences.Count; number++)
            {
                var start = ParseInstant(occurrences[number].GetProperty("start"));
                var end = ParseInstant(occurrences[number].GetProperty("end"));
                Assert.Equal(Duration.FromMinutes(60), end - start);
                Assert.True(window.Contains(start), $"Occurrence {number} at {start} lies outside the window {window}.");
                // The series keeps its local time in the anchor zone, every 14 days.
                Assert.Equal(firstStart.PlusDays(14 * number), start.InZone(anchor).LocalDateTime);
            }

            // Local times are the first occurrence seen in each participant's own zone.
            var firstInstant = ParseInstant(occurrences[0].GetProperty("start"));
            var localTimes = suggestion.GetProperty("localTimes").EnumerateArray().ToList();
            Assert.Equal(zones.Keys.Order(), localTimes.Select(l => l.GetProperty("mail").GetString()!).Order());
            foreach (var local in localTimes)
            {
                var mail = local.GetProperty("mail").GetString()!;
                Assert.Equal(zones[mail].Id, local.GetProperty("timeZone").GetString());
                Assert.Equal(firstInstant.InZone(zones[mail]).LocalDateTime, ParseLocal(local.GetProperty("start")));
                Assert.Equal(firstInstant.Plus(Duration.FromMinutes(60)).InZone(zones[mail]).LocalDateTime, ParseLocal(local.GetProperty("end")));
                var times = occurrences.Select(o => ParseInstant(o.GetProperty("start")).InZone(zones[mail]).TimeOfDay).Distinct().Count();
                Assert.Equal(times > 1, local.GetProperty("shifts").GetBoolean());
            }

            Assert.Equal(
                occurrences.Count(o => o.GetProperty("conflicts").EnumerateArray().Any(c => c.GetProperty("status").GetString() is "busy" or "oof")),
                suggestion.GetProperty("conflictCount").GetInt32());
            Assert.Equal(
                occurrences.Count(o => o.GetProperty("outsideWorkingHours").GetArrayLength() > 0),
                suggestion.GetProperty("outsideWorkingHoursCount").GetInt32());
            Assert.Equal(
                suggestion.GetProperty("comfortable").GetBoolean(),
                occurrences.All(o => o.GetProperty("outsideWorkingHours").GetArrayLength() == 0));

            foreach (var warning in suggestion.GetProperty("warnings").EnumerateArray())
            {
                Assert.Contains(warning.GetProperty("kind").GetString(), WarningKinds);
                Assert.Contains(warning.GetProperty("mail").GetString(), zones.Keys);
                // People are named in the words, never by their address.
                var message = warning.GetProperty("message").GetString()!;
                Assert.False(string.IsNullOrWhiteSpace(message));
                Assert.DoesNotContain("@", message, StringComparison.Ordinal);
                Assert.Contains(warning.GetProperty("mail").GetString() == ApiApplication.Ana ? "Ana Souza" : "Ben Carter", message, StringComparison.Ordinal);
                foreach (var date in warning.GetProperty("dates").EnumerateArray())
                {
                    Assert.True(LocalDatePattern.Iso.Parse(date.GetString()!).Success, $"'{date}' is not an ISO date.");
                }
            }
        }
    }

    [Fact]
    public async Task The_conflicts_of_the_top_slot_are_what_Graph_says_about_each_occurrence()
    {
        using var client = app.Client(ApiApplication.Ana);
        var answer = await SuggestionsClient.SuggestAsync(client, new
        {
            peers = new[] { ApiApplication.Ben, "emma.schulz@contoso.dev" },
            cadence = "weekly",
            horizonMonths = 2,
            earliestStart = SuggestionsClient.EarliestStart,
        });

        using var graph = new HttpClient();
        graph.DefaultRequestHeaders.Authorization = new("Bearer", app.DevTenant.IssueGraphToken(ApiApplication.Ana));
        var mails = answer.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("mail").GetString()!).ToArray();
        foreach (var suggestion in answer.GetProperty("suggestions").EnumerateArray().Take(2))
        {
            foreach (var occurrence in suggestion.GetProperty("occurrences").EnumerateArray())
            {
                var busy = await BusyDuringAsync(graph, mails, occurrence.GetProperty("start").GetString()!, occurrence.GetProperty("end").GetString()!);
                var claimed = occurrence.GetProperty("conflicts").EnumerateArray()
                    .Where(c => c.GetProperty("status").GetString() is "busy" or "oof")
                    .Select(c => c.GetProperty("mail").GetString()!)
                    .Order();
                Assert.Equal(busy.Order(), claimed);
            }
        }
    }

    [Fact]
    public async Task Monthly_suggestions_carry_Graphs_relativeMonthly_pattern_with_the_week_index()
    {
        using var client = app.Client(ApiApplication.Ana);
        var answer = await SuggestionsClient.SuggestAsync(client, new
        {
            peers = Finn,
            cadence = "monthly",
            durationMinutes = 45,
            earliestStart = SuggestionsClient.EarliestStart,
        });

        var suggestion = answer.GetProperty("suggestions").EnumerateArray().First();
        var recurrence = suggestion.GetProperty("recurrence");
        var pattern = recurrence.GetProperty("pattern");
        Assert.Equal("relativeMonthly", pattern.GetProperty("type").GetString());
        Assert.Equal(1, pattern.GetProperty("interval").GetInt32());
        Assert.Contains(pattern.GetProperty("index").GetString(), WeekIndexes);
        var anchor = Zone(recurrence.GetProperty("anchorTimeZone"));
        var weekday = pattern.GetProperty("daysOfWeek").EnumerateArray().Single().GetString();
        foreach (var occurrence in suggestion.GetProperty("occurrences").EnumerateArray())
        {
            var start = ParseInstant(occurrence.GetProperty("start"));
            Assert.Equal(weekday, start.InZone(anchor).DayOfWeek.ToString().ToLowerInvariant());
            Assert.Equal(Duration.FromMinutes(45), ParseInstant(occurrence.GetProperty("end")) - start);
        }
    }

    private async Task<List<string>> BusyDuringAsync(HttpClient graph, string[] mails, string start, string end)
    {
        var request = new
        {
            schedules = mails,
            startTime = new { dateTime = start.TrimEnd('Z'), timeZone = "UTC" },
            endTime = new { dateTime = end.TrimEnd('Z'), timeZone = "UTC" },
            availabilityViewInterval = 15,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{app.DevTenant.GraphBaseUrl}/me/calendar/getSchedule") { Content = JsonContent.Create(request) };
        message.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        using var response = await graph.SendAsync(message);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("value").EnumerateArray()
            .Where(schedule => schedule.GetProperty("scheduleItems").EnumerateArray()
                .Any(item => item.GetProperty("status").GetString()!.ToLowerInvariant() is "busy" or "oof"))
            .Select(schedule => schedule.GetProperty("scheduleId").GetString()!)];
    }

    private static DateTimeZone Zone(JsonElement id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.GetString()!) ?? throw new InvalidOperationException($"Unknown zone {id}");

    private static Instant ParseInstant(JsonElement value) => InstantPattern.General.Parse(value.GetString()!).Value;

    private static LocalDateTime ParseLocal(JsonElement value) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss").Parse(value.GetString()!).Value;
}
