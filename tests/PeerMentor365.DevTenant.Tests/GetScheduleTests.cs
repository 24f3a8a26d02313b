using System.Net;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>getSchedule's contract: limits, per-recipient errors, zones in and out, the availability view.</summary>
public sealed class GetScheduleTests(ScenarioFixture fixture) : IClassFixture<ScenarioFixture>
{
    private const string Pat = ScenarioSeed.Pat;
    private DevTenantServer Tenant => fixture.Tenant;

    private static JsonObject Body(IEnumerable<string> schedules, string start, string end, string zone = "Pacific Standard Time", int? interval = 30) =>
        new()
        {
            ["Schedules"] = new JsonArray([.. schedules.Select(s => (JsonNode?)s)]),
            ["StartTime"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = zone },
            ["EndTime"] = new JsonObject { ["dateTime"] = end, ["timeZone"] = zone },
            ["AvailabilityViewInterval"] = interval,
        };

    private Task<RawResponse> PostAsync(JsonNode body, IReadOnlyDictionary<string, string>? headers = null, string path = "/me/calendar/getSchedule") =>
        RawGraph.PostAsync(fixture.Http, Tenant, path, Pat, body, headers);

    [Fact]
    public async Task The_availability_view_merges_items_by_severity_per_interval()
    {
        var response = await PostAsync(Body([Pat], "2026-03-02T07:00:00", "2026-03-02T15:00:00"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var schedule = response.Body["value"]![0]!;
        Assert.Equal(Pat, schedule["scheduleId"]!.GetValue<string>());
        // 07:00 daily, 09:00 standup, 10:00 tentative, 10:30-12:00 busy; free and working-elsewhere count as 0.
        Assert.Equal("2000201222000000", schedule["availabilityView"]!.GetValue<string>());
        var statuses = schedule["scheduleItems"]!.AsArray().Select(i => i!["status"]!.GetValue<string>());
        Assert.Equal(["busy", "busy", "tentative", "busy", "free", "workingElsewhere"], statuses);
    }

    [Fact]
    public async Task Items_come_back_in_UTC_with_seven_fractional_digits_by_default()
    {
        var response = await PostAsync(Body([Pat], "2026-03-02T09:00:00", "2026-03-02T09:30:00"));

        var item = Assert.Single(response.Body["value"]![0]!["scheduleItems"]!.AsArray())!;
        Assert.Equal("2026-03-02T17:00:00.0000000", item["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("UTC", item["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-03-02T17:15:00.0000000", item["end"]!["dateTime"]!.GetValue<string>());
        Assert.False(response.Headers.ContainsKey("Preference-Applied"));
    }

    [Fact]
    public async Task Prefer_outlook_timezone_converts_schedule_items_but_not_working_hours()
    {
        var headers = new Dictionary<string, string> { ["Prefer"] = "outlook.timezone=\"Tokyo Standard Time\"" };

        var response = await PostAsync(Body([Pat], "2026-03-02T09:00:00", "2026-03-02T09:30:00"), headers);

        Assert.Equal("outlook.timezone=\"Tokyo Standard Time\"", response.Headers["Preference-Applied"]);
        var schedule = response.Body["value"]![0]!;
        var item = Assert.Single(schedule["scheduleItems"]!.AsArray())!;
        Assert.Equal("2026-03-03T02:00:00.0000000", item["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("Tokyo Standard Time", item["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("Pacific Standard Time", schedule["workingHours"]!["timeZone"]!["name"]!.GetValue<string>());
        Assert.Equal("08:00:00.0000000", schedule["workingHours"]!["startTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_times_are_read_in_their_own_zone()
    {
        var inPacific = await PostAsync(Body([Pat], "2026-03-02T07:00:00", "2026-03-02T15:00:00"));
        var inKolkata = await PostAsync(Body([Pat], "2026-03-02T20:30:00", "2026-03-03T04:30:00", "India Standard Time"));
        var inIana = await PostAsync(Body([Pat], "2026-03-02T15:00:00", "2026-03-02T23:00:00", "Europe/London"));

        var expected = inPacific.Body["value"]![0]!["availabilityView"]!.GetValue<string>();
        Assert.Equal(expected, inKolkata.Body["value"]![0]!["availabilityView"]!.GetValue<string>());
        Assert.Equal(expected, inIana.Body["value"]![0]!["availabilityView"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("schedules", "startTime", "endTime", "availabilityViewInterval", "dateTime", "timeZone")]
    [InlineData("Schedules", "StartTime", "EndTime", "AvailabilityViewInterval", "DateTime", "TimeZone")]
    [InlineData("SCHEDULES", "starttime", "ENDTIME", "availabilityviewinterval", "DATETIME", "timezone")]
    public async Task Parameter_names_match_case_insensitively(string schedules, string start, string end, string interval, string dateTime, string timeZone)
    {
        var body = new JsonObject
        {
            [schedules] = new JsonArray(Pat),
            [start] = new JsonObject { [dateTime] = "2026-03-02T07:00:00", [timeZone] = "Pacific Standard Time" },
            [end] = new JsonObject { [dateTime] = "2026-03-02T15:00:00", [timeZone] = "Pacific Standard Time" },
            [interval] = 30,
        };

        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("2000201222000000", response.Body["value"]![0]!["availabilityView"]!.GetValue<string>());
    }

    [Fact]
    public async Task Private_items_hide_their_subject()
    {
        var response = await PostAsync(Body([Pat], "2026-03-02T10:30:00", "2026-03-02T11:30:00"));

        var items = response.Body["value"]![0]!["scheduleItems"]!.AsArray();
        var secret = Assert.Single(items, i => i!["isPrivate"]!.GetValue<bool>())!;
        Assert.Null(secret["subject"]);
        Assert.Contains(items, i => i!["subject"]?.GetValue<string>() == "Maybe");
    }

    [Fact]
    public async Task An_unknown_address_is_an_error_inside_the_200()
    {
        var response = await PostAsync(Body([Pat, "ghost@example.test"], "2026-03-02T07:00:00", "2026-03-02T08:00:00"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var ghost = response.Body["value"]![1]!;
        Assert.Equal("ghost@example.test", ghost["scheduleId"]!.GetValue<string>());
        Assert.Equal("5009", ghost["error"]!["responseCode"]!.GetValue<string>());
        Assert.Contains("ghost@example.test", ghost["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(ghost["availabilityView"]);
    }

    [Fact]
    public async Task Twenty_schedules_are_allowed_and_twenty_one_are_refused()
    {
        var twenty = Enumerable.Repeat(Pat, 20).ToList();

        var ok = await PostAsync(Body(twenty, "2026-03-02T07:00:00", "2026-03-02T08:00:00"));
        var tooMany = await PostAsync(Body([.. twenty, ScenarioSeed.Kim], "2026-03-02T07:00:00", "2026-03-02T08:00:00"));

        Assert.Equal(20, ok.Body["value"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal("ErrorInvalidParameter", tooMany.ErrorCode);
    }

    [Fact]
    public async Task A_window_of_62_days_or_more_is_refused()
    {
        var justUnder = await PostAsync(Body([Pat], "2026-03-01T00:00:00", "2026-05-01T23:59:00", "UTC"));
        var sixtyTwo = await PostAsync(Body([Pat], "2026-03-01T00:00:00", "2026-05-02T00:00:00", "UTC"));

        Assert.Equal(HttpStatusCode.OK, justUnder.Status);
        Assert.Equal(HttpStatusCode.BadRequest, sixtyTwo.Status);
        Assert.Equal("ErrorTimeIntervalTooBig", sixtyTwo.ErrorCode);
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused()
    {
        var response = await PostAsync(Body([Pat], "2026-03-02T10:00:00", "2026-03-02T09:00:00"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("ErrorInvalidTimeInterval", response.ErrorCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1441)]
    public async Task An_interval_outside_5_to_1440_minutes_is_refused(int interval)
    {
        var response = await PostAsync(Body([Pat], "2026-03-02T07:00:00", "2026-03-02T08:00:00", interval: interval));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task An_omitted_interval_defaults_to_30_minutes()
    {
        var body = Body([Pat], "2026-03-02T07:00:00", "2026-03-02T09:00:00");
        body.Remove("AvailabilityViewInterval");

        var response = await PostAsync(body);

        Assert.Equal("2000", response.Body["value"]![0]!["availabilityView"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("AEST")]
    [InlineData("GMT+6:30")]
    [InlineData("Europe/Lisbon")]
    [InlineData("")]
    public async Task A_zone_Graph_does_not_accept_is_refused_with_TimeZoneNotSupportedException(string zone)
    {
        var response = await PostAsync(Body([Pat], "2026-03-02T07:00:00", "2026-03-02T08:00:00", zone));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("TimeZoneNotSupportedException", response.ErrorCode);
        var error = response.Body["error"]!;
        Assert.Contains($"'{zone}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(error["innerError"]!["request-id"]);
        Assert.NotNull(error["innerError"]!["date"]);
        Assert.NotNull(error["innerError"]!["client-request-id"]);
    }

    [Fact]
    public async Task An_unsupported_Prefer_zone_is_refused_too()
    {
        var headers = new Dictionary<string, string> { ["Prefer"] = "outlook.timezone=\"Mars/Olympus\"" };

        var response = await PostAsync(Body([Pat], "2026-03-02T07:00:00", "2026-03-02T08:00:00"), headers);

        Assert.Equal("TimeZoneNotSupportedException", response.ErrorCode);
    }

    [Theory]
    [InlineData("2026-03-02T07:00:00Z")]
    [InlineData("2026-03-02T07:00:00-08:00")]
    [InlineData("next tuesday")]
    public async Task A_dateTime_with_an_offset_or_garbage_is_refused(string dateTime)
    {
        var response = await PostAsync(Body([Pat], dateTime, "2026-03-02T08:00:00"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("ErrorInvalidParameter", response.ErrorCode);
    }

    [Fact]
    public async Task Unknown_parameters_and_malformed_json_are_refused()
    {
        var body = Body([Pat], "2026-03-02T07:00:00", "2026-03-02T08:00:00");
        body["attendees"] = new JsonArray();

        var unknown = await PostAsync(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Tenant.GraphBaseUrl}/me/calendar/getSchedule")
        {
            Content = new StringContent("{\"schedules\": [", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Tenant.IssueGraphToken(Pat));
        using var malformed = await fixture.Http.SendAsync(request);

        Assert.Equal("RequestBodyRead", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task The_users_path_serves_getSchedule_and_GET_is_not_allowed()
    {
        var viaUser = await PostAsync(Body([ScenarioSeed.Kim], "2026-03-02T07:00:00", "2026-03-02T08:00:00"), path: $"/users/{ScenarioSeed.Kim}/calendar/getSchedule");
        var viaGet = await RawGraph.GetAsync(fixture.Http, Tenant, "/me/calendar/getSchedule", Pat);

        Assert.Equal(HttpStatusCode.OK, viaUser.Status);
        Assert.Equal("Europe/Berlin", viaUser.Body["value"]![0]!["workingHours"]!["timeZone"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, viaGet.Status);
    }

    [Fact]
    public async Task Recurring_items_keep_their_local_time_across_the_DST_change()
    {
        // US clocks go forward on 2026-03-08: the 09:00 standup moves from 17:00 UTC to 16:00 UTC.
        var utc = await PostAsync(Body([Pat], "2026-03-05T00:00:00", "2026-03-11T00:00:00", "UTC", 1440));
        var local = await PostAsync(Body([Pat], "2026-03-05T00:00:00", "2026-03-11T00:00:00", "UTC", 1440),
            new Dictionary<string, string> { ["Prefer"] = "outlook.timezone=\"Pacific Standard Time\"" });

        static List<string> Standups(RawResponse response) =>
        [
            .. response.Body["value"]![0]!["scheduleItems"]!.AsArray()
                .Where(i => i!["subject"]?.GetValue<string>() == "Standup")
                .Select(i => i!["start"]!["dateTime"]!.GetValue<string>()),
        ];

        Assert.Equal(
            ["2026-03-05T17:00:00.0000000", "2026-03-06T17:00:00.0000000", "2026-03-09T16:00:00.0000000", "2026-03-10T16:00:00.0000000"],
            Standups(utc));
        Assert.Equal(
            ["2026-03-05T09:00:00.0000000", "2026-03-06T09:00:00.0000000", "2026-03-09T09:00:00.0000000", "2026-03-10T09:00:00.0000000"],
            Standups(local));
    }

    [Fact]
    public async Task Recurrence_ranges_and_intervals_are_honoured()
    {
        var response = await PostAsync(Body([Pat], "2026-02-25T00:00:00", "2026-04-20T00:00:00", "Pacific Standard Time", 1440),
            new Dictionary<string, string> { ["Prefer"] = "outlook.timezone=\"Pacific Standard Time\"" });

        var items = response.Body["value"]![0]!["scheduleItems"]!.AsArray();
        string[] Starts(string subject) =>
        [
            .. items.Where(i => i!["subject"]?.GetValue<string>() == subject)
                .Select(i => i!["start"]!["dateTime"]!.GetValue<string>()[..10]),
        ];

        // Every second Tuesday from 03-03 until the end date 03-31 (inclusive).
        Assert.Equal(["2026-03-03", "2026-03-17", "2026-03-31"], Starts("Fortnightly"));
        // A numbered daily series stops after three.
        Assert.Equal(["2026-03-02", "2026-03-03", "2026-03-04"], Starts("Three dailies"));
        // The all-day OOF covers its local day.
        var off = Assert.Single(items, i => i!["subject"]?.GetValue<string>() == "Off")!;
        Assert.Equal("oof", off["status"]!.GetValue<string>());
        Assert.Equal("2026-03-04T00:00:00.0000000", off["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-03-05T00:00:00.0000000", off["end"]!["dateTime"]!.GetValue<string>());
    }
}
