using System.Text.Json;
using NodaTime;
using PeerMentor365.Api.Suggestions;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

/// <summary>Graph's values read defensively: formats and casings seen in the wild, and custom time zones.</summary>
public sealed class GraphReadingTests
{
    [Theory]
    [InlineData("""{"dateTime": "2026-12-01T15:00:00.0000000", "timeZone": "UTC"}""", "2026-12-01T15:00:00Z")] // Graph's own format
    [InlineData("""{"dateTime": "2026-12-01T15:00:00", "timeZone": "UTC"}""", "2026-12-01T15:00:00Z")] // no fraction
    [InlineData("""{"dateTime": "2026-12-01T15:00:00.5", "timeZone": "UTC"}""", "2026-12-01T15:00:00.5Z")] // a short fraction
    [InlineData("""{"dateTime": "2026-12-01T15:00:00Z", "timeZone": "UTC"}""", "2026-12-01T15:00:00Z")] // a stray Z
    [InlineData("""{"DateTime": "2026-12-01T15:00:00", "TimeZone": "utc"}""", "2026-12-01T15:00:00Z")] // PascalCase names
    [InlineData("""{"dateTime": "2026-07-01T09:00:00.0000000", "timeZone": "Pacific Standard Time"}""", "2026-07-01T16:00:00Z")] // Windows zone, summer
    [InlineData("""{"dateTime": "2026-12-01T09:00:00", "timeZone": "Asia/Kathmandu"}""", "2026-12-01T03:15:00Z")] // IANA zone, +5:45
    public void DateTimeTimeZone_values_become_instants(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var instant = GraphTimes.ToInstant(document.RootElement);

        Assert.Equal(NodaTime.Text.InstantPattern.ExtendedIso.Parse(expected).Value, instant);
    }

    [Theory]
    [InlineData("""{"dateTime": "yesterday", "timeZone": "UTC"}""")]
    [InlineData("""{"timeZone": "UTC"}""")]
    [InlineData("""{"dateTime": 42, "timeZone": "UTC"}""")]
    [InlineData("null")]
    public void Unreadable_values_are_ignored_rather_than_thrown(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(GraphTimes.ToInstant(document.RootElement));
    }

    [Theory]
    [InlineData("08:30:00.0000000", 8, 30)]
    [InlineData("08:30:00", 8, 30)]
    [InlineData("17:45", 17, 45)]
    public void Working_hour_times_parse(string text, int hour, int minute) =>
        Assert.Equal(new LocalTime(hour, minute), GraphTimes.ToLocalTime(text));

    [Fact]
    public void A_custom_time_zone_is_read_by_its_bias_with_a_note()
    {
        using var document = JsonDocument.Parse("""
            { "@odata.type": "#microsoft.graph.customTimeZone", "bias": 180, "name": "Customized Time Zone",
              "standardOffset": { "time": "02:00:00.0000000", "dayOccurrence": 1, "dayOfWeek": "sunday", "month": 4, "year": 0 },
              "daylightOffset": { "daylightBias": -60, "time": "02:00:00.0000000", "dayOccurrence": 1, "dayOfWeek": "sunday", "month": 10, "year": 0 } }
            """);

        var (zone, note) = GraphTimes.ToZone(document.RootElement);

        Assert.Equal(Offset.FromHours(-3), zone!.GetUtcOffset(Instant.FromUtc(2026, 1, 15, 12, 0)));
        Assert.Contains("UTC-03:00", note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_zone_name_is_no_zone_with_a_note()
    {
        using var document = JsonDocument.Parse("""{ "name": "Mars Standard Time" }""");

        var (zone, note) = GraphTimes.ToZone(document.RootElement);

        Assert.Null(zone);
        Assert.Contains("Mars Standard Time", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(185)]
    [InlineData(368)]
    public void A_span_splits_into_contiguous_windows_shorter_than_62_days(int days)
    {
        var start = Instant.FromUtc(2026, 11, 30, 10, 0);
        var span = new Interval(start, start + Duration.FromDays(days) + Duration.FromHours(26));

        var windows = ScheduleWindows.Split(span);

        Assert.Equal(span.Start, windows[0].Start);
        Assert.Equal(span.End, windows[^1].End);
        Assert.All(windows, window => Assert.True(window.Duration < Duration.FromDays(62)));
        Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }
}
