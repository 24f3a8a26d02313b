using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using PeerMentor365.DevTenant.Seed;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>The seed format, the default seed other tests rely on, and how events expand.</summary>
[Collection(SharedTenant.Name)]
public sealed class SeedTests(TenantFixture fixture)
{
    private DevTenantServer Tenant => fixture.Tenant;

    public static TheoryData<string, string, string, string, string, string, string> Identities => new()
    {
        { "ana.souza", "Ana Souza", "E. South America Standard Time", "Mon-Fri", "09:00", "18:00", "America/Sao_Paulo" },
        { "ben.carter", "Ben Carter", "Pacific Standard Time", "Mon-Fri", "08:30", "17:00", "America/Los_Angeles" },
        { "chloe.martin", "Chloé Martin", "Eastern Standard Time", "Mon-Fri", "09:00", "17:30", "America/New_York" },
        { "dev.sharma", "Dev Sharma", "India Standard Time", "Mon-Fri", "09:30", "18:30", "Asia/Calcutta" },
        { "emma.schulz", "Emma Schulz", "W. Europe Standard Time", "Mon-Fri", "08:00", "16:30", "Europe/Berlin" },
        { "finn.walsh", "Finn Walsh", "GMT Standard Time", "Mon-Fri", "09:00", "17:30", "Europe/London" },
        { "grace.lee", "Grace Lee", "AUS Eastern Standard Time", "Mon-Fri", "08:30", "17:00", "Australia/Sydney" },
        { "hiro.tanaka", "Hiro Tanaka", "Tokyo Standard Time", "Mon-Fri", "09:00", "18:00", "Asia/Tokyo" },
        { "isha.shrestha", "Isha Shrestha", "Nepal Standard Time", "Sun-Fri", "10:00", "17:00", "Asia/Katmandu" },
        { "noa.levi", "Noa Levi", "Israel Standard Time", "Sun-Thu", "09:00", "18:00", "Asia/Jerusalem" },
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void The_default_seed_has_the_identities_other_tests_rely_on(
        string name, string displayName, string zone, string days, string start, string end, string tzdb)
    {
        var user = Tenant.Users.Single(u => u.Mail == $"{name}@contoso.dev");

        Assert.Equal(displayName, user.DisplayName);
        Assert.Equal(zone, user.TimeZone);
        Assert.Equal(zone, user.WorkingHours.TimeZone);
        Assert.Equal(start, user.WorkingHours.StartTime.ToString("HH:mm", null));
        Assert.Equal(end, user.WorkingHours.EndTime.ToString("HH:mm", null));
        IsoDayOfWeek[] expectedDays = days switch
        {
            "Mon-Fri" => [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            "Sun-Fri" => [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            _ => [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday],
        };
        Assert.Equal(expectedDays, user.WorkingHours.DaysOfWeek);
        Assert.True(Guid.TryParse(user.Id, out _));

        // The Windows id maps (CLDR) to the city's TZDB zone.
        var mapped = NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping[zone];
        var canonical = (IReadOnlyDictionary<string, string>)NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.CanonicalIdMap.ToDictionary();
        Assert.Equal(canonical.GetValueOrDefault(tzdb, tzdb), canonical.GetValueOrDefault(mapped, mapped));
    }

    [Fact]
    public void The_default_seed_spreads_at_least_twelve_people_over_the_required_offsets()
    {
        Assert.True(Tenant.Users.Count >= 12);
        Assert.Equal(Tenant.Users.Count, Tenant.Users.Select(u => u.Mail).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Tenant.Users, u => Assert.EndsWith("@contoso.dev", u.Mail, StringComparison.Ordinal));

        // Half- and quarter-hour offsets are present (Bangalore +5:30, Kathmandu +5:45).
        var offsets = Tenant.Users
            .Select(u => Zone(u.TimeZone).GetUtcOffset(Instant.FromUtc(2026, 1, 15, 12, 0)))
            .ToHashSet();
        Assert.Contains(Offset.FromHoursAndMinutes(5, 30), offsets);
        Assert.Contains(Offset.FromHoursAndMinutes(5, 45), offsets);
    }

    [Fact]
    public void One_default_user_is_seeded_with_an_IANA_zone_name_from_Graphs_list()
    {
        var iana = Assert.Single(Tenant.Users, u => u.TimeZone.Contains('/', StringComparison.Ordinal));

        Assert.Equal("America/Mexico_City", iana.TimeZone);
        Assert.Equal("America/Mexico_City", iana.WorkingHours.TimeZone);
    }

    [Fact]
    public async Task The_IANA_user_shows_IANA_names_in_mailbox_settings_and_getSchedule()
    {
        var mail = Tenant.Users.Single(u => u.TimeZone == "America/Mexico_City").Mail;

        var settings = await RawGraph.GetAsync(fixture.Http, Tenant, "/me/mailboxSettings", mail);
        var (start, end) = SdkTests.NextWorkWeekUtc();
        var schedule = await RawGraph.PostAsync(fixture.Http, Tenant, "/me/calendar/getSchedule", "ana.souza@contoso.dev", new JsonObject
        {
            ["schedules"] = new JsonArray(mail),
            ["startTime"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = "America/Mexico_City" },
            ["endTime"] = new JsonObject { ["dateTime"] = end, ["timeZone"] = "America/Mexico_City" },
        });

        Assert.Equal("America/Mexico_City", settings.Body["timeZone"]!.GetValue<string>());
        Assert.Equal("America/Mexico_City", schedule.Body["value"]![0]!["workingHours"]!["timeZone"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_calendars_are_busy_with_several_kinds_of_status()
    {
        var (start, end) = SdkTests.NextWorkWeekUtc();
        var body = new JsonObject
        {
            ["schedules"] = new JsonArray([.. Tenant.Users.Take(13).Select(u => (JsonNode?)u.Mail)]),
            ["startTime"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = "UTC" },
            ["endTime"] = new JsonObject { ["dateTime"] = DateTime.Parse(end, System.Globalization.CultureInfo.InvariantCulture).AddDays(21).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        };

        var response = await RawGraph.PostAsync(fixture.Http, Tenant, "/me/calendar/getSchedule", "ana.souza@contoso.dev", body);

        var schedules = response.Body["value"]!.AsArray();
        Assert.All(schedules, s => Assert.True(s!["scheduleItems"]!.AsArray().Count >= 20, $"{s["scheduleId"]} has a thin calendar"));
        var statuses = schedules.SelectMany(s => s!["scheduleItems"]!.AsArray()).Select(i => i!["status"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "busy", "tentative", "free", "oof", "workingElsewhere" }, statuses);
    }

    [Theory]
    [InlineData("ben.carter@contoso.dev", "Team standup", "America/Los_Angeles", 9, 0)]
    [InlineData("grace.lee@contoso.dev", "Team standup", "Australia/Sydney", 9, 0)]
    [InlineData("emma.schulz@contoso.dev", "Team standup", "Europe/Berlin", 8, 30)]
    public async Task Default_recurring_events_keep_their_local_time_across_the_next_DST_change(string mail, string subject, string tzdb, int hour, int minute)
    {
        var zone = DateTimeZoneProviders.Tzdb[tzdb];
        var now = SystemClock.Instance.GetCurrentInstant();
        var transition = zone.GetZoneInterval(now).End;
        var body = new JsonObject
        {
            ["schedules"] = new JsonArray(mail),
            ["startTime"] = new JsonObject { ["dateTime"] = (transition - Duration.FromDays(10)).InUtc().LocalDateTime.ToString("yyyy-MM-ddTHH:mm:ss", null), ["timeZone"] = "UTC" },
            ["endTime"] = new JsonObject { ["dateTime"] = (transition + Duration.FromDays(10)).InUtc().LocalDateTime.ToString("yyyy-MM-ddTHH:mm:ss", null), ["timeZone"] = "UTC" },
        };

        var response = await RawGraph.PostAsync(fixture.Http, Tenant, "/me/calendar/getSchedule", mail, body);

        var starts = response.Body["value"]![0]!["scheduleItems"]!.AsArray()
            .Where(i => i!["subject"]?.GetValue<string>() == subject)
            .Select(i => NodaTime.Text.LocalDateTimePattern.ExtendedIso.Parse(i!["start"]!["dateTime"]!.GetValue<string>()).Value.InUtc().ToInstant())
            .ToList();
        Assert.Contains(starts, s => s < transition);
        Assert.Contains(starts, s => s > transition);
        Assert.All(starts, s => Assert.Equal(new LocalTime(hour, minute), s.InZone(zone).TimeOfDay));
        var offsets = starts.Select(s => zone.GetUtcOffset(s)).Distinct().Count();
        Assert.Equal(2, offsets);
    }

    [Fact]
    public async Task A_scenario_file_replaces_the_default_seed()
    {
        var path = ScenarioSeed.WriteToTempFile();
        try
        {
            await using var tenant = await DevTenantServer.StartAsync(new DevTenantOptions { SeedPath = path });

            Assert.Equal([ScenarioSeed.Pat, ScenarioSeed.Kim, ScenarioSeed.Ravi], tenant.Users.Select(u => u.Mail));
            var missing = await RawGraph.GetAsync(fixture.Http, tenant, "/users/ana.souza@contoso.dev", ScenarioSeed.Pat);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_seed_file_fails_the_start()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            DevTenantServer.StartAsync(new DevTenantOptions { SeedPath = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json") }));
    }

    [Theory]
    [InlineData("""{"users": []}""", "users")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "AEST"}]}""", "users[0].timeZone")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC"}, {"mail": "A@x.test", "displayName": "B", "timeZone": "UTC"}]}""", "users[1].mail")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "workingHours": {"startTime": "18:00", "endTime": "09:00"}}]}""", "users[0].workingHours")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "events": [{"start": "09:00", "end": "10:00"}]}]}""", "users[0].events[0]")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "events": [{"start": "09:00", "end": "10:00", "dayOffset": 1, "showAs": "away"}]}]}""", "users[0].events[0].showAs")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "events": [{"start": "09:00", "end": "10:00", "recurrence": {"pattern": {"type": "weekly"}, "range": {"startDate": "2025-01-01"}}}]}]}""", "users[0].events[0].recurrence.pattern.daysOfWeek")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "events": [{"start": "09:00", "end": "10:00", "recurrence": {"pattern": {"type": "absoluteYearly"}, "range": {"startDate": "2025-01-01"}}}]}]}""", "users[0].events[0].recurrence.pattern.type")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "events": [{"start": "9am", "end": "10:00", "dayOffset": 0}]}]}""", "users[0].events[0].start")]
    [InlineData("""{"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "UTC", "colour": "red"}]}""", "not a valid seed file")]
    public void Invalid_seeds_fail_with_a_message_naming_the_field(string json, string expectedInMessage)
    {
        var error = Assert.Throws<InvalidDataException>(() => SeedLoader.Parse(json, "test.json", TimeProvider.System));

        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_events_are_placed_relative_to_today_in_their_zone()
    {
        // Wednesday 2026-06-10 23:30 UTC is already Thursday in Tokyo.
        var clock = new AdjustableClock(new DateTimeOffset(2026, 6, 10, 23, 30, 0, TimeSpan.Zero));
        const string json = """
            {"users": [{"mail": "a@x.test", "displayName": "A", "timeZone": "Tokyo Standard Time", "events": [
              {"subject": "tomorrow", "start": "10:00", "end": "11:00", "dayOffset": 1},
              {"subject": "next monday", "start": "10:00", "end": "11:00", "weekOffset": 0, "dayOfWeek": "monday"},
              {"subject": "today's thursday", "start": "10:00", "end": "11:00", "weekOffset": 0, "dayOfWeek": "thursday"},
              {"subject": "a week later", "start": "10:00", "end": "11:00", "weekOffset": 1, "dayOfWeek": "thursday"},
              {"subject": "overnight", "start": "23:00", "end": "01:00", "date": "2026-06-20"},
              {"subject": "away", "isAllDay": true, "days": 2, "showAs": "oof", "dayOffset": 3}
            ]}]}
            """;

        var seed = SeedLoader.Parse(json, "test.json", clock);

        var starts = seed.Mailboxes[0].Events.ToDictionary(e => e.Subject, e => (SingleTiming)e.Timing);
        Assert.Equal(new LocalDateTime(2026, 6, 12, 10, 0), starts["tomorrow"].Start);
        Assert.Equal(new LocalDateTime(2026, 6, 15, 10, 0), starts["next monday"].Start);
        Assert.Equal(new LocalDateTime(2026, 6, 11, 10, 0), starts["today's thursday"].Start);
        Assert.Equal(new LocalDateTime(2026, 6, 18, 10, 0), starts["a week later"].Start);
        Assert.Equal(new LocalDateTime(2026, 6, 21, 1, 0), starts["overnight"].End);
        Assert.Equal((new LocalDateTime(2026, 6, 14, 0, 0), new LocalDateTime(2026, 6, 16, 0, 0)), (starts["away"].Start, starts["away"].End));
    }

    [Fact]
    public void A_local_time_skipped_by_DST_moves_forward_as_Outlook_does()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

        var instant = Occurrences.ToInstant(new LocalDateTime(2026, 3, 8, 2, 30), zone);

        Assert.Equal(new LocalDateTime(2026, 3, 8, 3, 30), instant.InZone(zone).LocalDateTime);
    }

    [Fact]
    public void Weekly_intervals_count_weeks_from_the_series_start_week()
    {
        var pattern = new RecurrencePattern(RecurrenceKind.Weekly, 3, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday, IsoDayOfWeek.Friday }, IsoDayOfWeek.Sunday);
        var range = new RecurrenceRange(new LocalDate(2026, 1, 7), null, 4);

        var dates = Occurrences.OccurrenceDates(pattern, range, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)).ToList();

        // The start week (Sun 4 Jan) contributes only Friday 9 Jan (Monday 5 Jan is before the start); then every third week.
        Assert.Equal([new LocalDate(2026, 1, 9), new LocalDate(2026, 1, 26), new LocalDate(2026, 1, 30), new LocalDate(2026, 2, 16)], dates);
    }

    private static DateTimeZone Zone(string graphName)
    {
        var source = NodaTime.TimeZones.TzdbDateTimeZoneSource.Default;
        var id = source.WindowsMapping.PrimaryMapping.TryGetValue(graphName, out var mapped) ? mapped : graphName;
        return DateTimeZoneProviders.Tzdb[id];
    }
}

/// <summary>The availability view's slot arithmetic, for items that do not line up with the interval.</summary>
public sealed class AvailabilityViewTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 10, 0);

    private static Occurrence At(int fromMinute, int toMinute, FreeBusyStatus status)
    {
        var seedEvent = new SeedEvent("e", "s", null, status, false, DateTimeZone.Utc, new SingleTiming(default, default));
        return new Occurrence(seedEvent, Start + Duration.FromMinutes(fromMinute), Start + Duration.FromMinutes(toMinute));
    }

    [Theory]
    [InlineData(20, 40, "220")]    // straddles a boundary: both slots it touches
    [InlineData(30, 60, "020")]    // ends exactly on a boundary: not the next slot
    [InlineData(-30, 5, "200")]    // started before the window
    [InlineData(80, 200, "002")]   // runs past the window end
    [InlineData(90, 95, "000")]    // after the window
    public void An_item_marks_every_interval_it_overlaps(int from, int to, string expected) =>
        Assert.Equal(expected, Graph.Calendar.GetScheduleEndpoint.AvailabilityView([At(from, to, FreeBusyStatus.Busy)], Start, Start + Duration.FromMinutes(90), 30));

    [Fact]
    public void The_most_severe_status_wins_and_a_partial_last_interval_counts() =>
        Assert.Equal("1332", Graph.Calendar.GetScheduleEndpoint.AvailabilityView(
            [At(0, 10, FreeBusyStatus.Tentative), At(15, 45, FreeBusyStatus.Oof), At(20, 30, FreeBusyStatus.Busy), At(40, 50, FreeBusyStatus.WorkingElsewhere), At(46, 47, FreeBusyStatus.Busy)],
            Start, Start + Duration.FromMinutes(50), 15));
}
