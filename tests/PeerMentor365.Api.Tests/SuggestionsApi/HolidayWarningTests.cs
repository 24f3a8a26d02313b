using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>
/// Suggestions warn about sessions on a public holiday where a participant works (Ben in Seattle: US holidays), with the
/// holiday's name, country and the person's local date, and a series on one ranks below its holiday-free twin.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class HolidayWarningTests(ApiApplication app)
{
    private static readonly DateTimeZone Seattle = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    [Fact]
    public async Task A_weekly_series_over_thanksgiving_warns_about_it_for_ben_on_his_date()
    {
        using var client = app.Client(ApiApplication.Ana);
        var answer = await SuggestionsClient.SuggestAsync(client, new
        {
            peers = new[] { ApiApplication.Ben },
            durationMinutes = 30,
            cadence = "weekly",
            horizonMonths = 12,
            earliestStart = SuggestionsClient.EarliestStart,
            maxSuggestions = 25,
        });

        var suggestions = answer.GetProperty("suggestions").EnumerateArray().ToList();
        var holidayWarnings = suggestions.SelectMany(s => s.GetProperty("warnings").EnumerateArray()).Where(w => w.GetProperty("kind").GetString() == "publicHoliday").ToList();
        Assert.NotEmpty(holidayWarnings);
        foreach (var warning in holidayWarnings)
        {
            var dates = warning.GetProperty("dates").EnumerateArray().Select(d => d.GetString()).ToList();
            var holidays = warning.GetProperty("holidays").EnumerateArray().ToList();
            Assert.Equal(dates, holidays.Select(h => h.GetProperty("date").GetString()));
            var country = warning.GetProperty("mail").GetString() == ApiApplication.Ben ? "US" : "BR";
            Assert.All(holidays, h => Assert.Equal(country, h.GetProperty("country").GetString()));
            Assert.Contains(holidays[0].GetProperty("name").GetString()!, warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // Every series with a session on Ben's Thanksgiving (the fourth Thursday of November, Seattle time) says so.
        var onThanksgiving = suggestions.Where(s => s.GetProperty("occurrences").EnumerateArray().Any(o => IsThanksgiving(SeattleDate(o)))).ToList();
        Assert.NotEmpty(onThanksgiving);
        foreach (var suggestion in onThanksgiving)
        {
            var date = suggestion.GetProperty("occurrences").EnumerateArray().Select(SeattleDate).First(IsThanksgiving);
            var warning = Assert.Single(suggestion.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "publicHoliday" && w.GetProperty("mail").GetString() == ApiApplication.Ben);
            var holiday = Assert.Single(warning.GetProperty("holidays").EnumerateArray(), h => h.GetProperty("date").GetString() == LocalDatePattern.Iso.Format(date));
            Assert.Equal("Thanksgiving", holiday.GetProperty("name").GetString());
            Assert.Contains("Ben Carter", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // Other warnings carry no holidays.
        Assert.All(
            suggestions.SelectMany(s => s.GetProperty("warnings").EnumerateArray()).Where(w => w.GetProperty("kind").GetString() != "publicHoliday"),
            w => Assert.False(w.TryGetProperty("holidays", out _)));
    }

    private static LocalDate SeattleDate(JsonElement occurrence) =>
        InstantPattern.General.Parse(occurrence.GetProperty("start").GetString()!).Value.InZone(Seattle).Date;

    private static bool IsThanksgiving(LocalDate date) => date.Month == 11 && date.DayOfWeek == IsoDayOfWeek.Thursday && date.Day is >= 22 and <= 28;
}
