using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PeerMentor365.DevTenant.Tests.Support;
using static PeerMentor365.DevTenant.Tests.Events.EventRequests;

namespace PeerMentor365.DevTenant.Tests.Events;

/// <summary>Creating recurring events through the Graph SDK: the answer, transactionId, attendees' copies, and instances across DST.</summary>
public sealed class EventSeriesTests : IAsyncLifetime
{
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    [Fact]
    public async Task A_created_series_answers_201_with_Graphs_fields()
    {
        var graph = GraphClients.For(_tenant, Ana);
        var transactionId = Guid.NewGuid().ToString();

        var created = await graph.Me.Events.PostAsync(
            Series("Peer mentoring: Ana & Ben", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 6), transactionId, Ben));

        Assert.NotNull(created);
        Assert.StartsWith("AAMk", created.Id, StringComparison.Ordinal);
        Assert.Equal(EventType.SeriesMaster, created.Type);
        Assert.Null(created.SeriesMasterId);
        Assert.Equal(transactionId, created.TransactionId);
        Assert.True(created.IsOrganizer);
        Assert.Equal(ResponseType.Organizer, created.ResponseStatus!.Response);
        Assert.Equal(Ana, created.Organizer!.EmailAddress!.Address);
        Assert.False(string.IsNullOrEmpty(created.ChangeKey));
        Assert.StartsWith("040000008200E00074C5B7101A82E008", created.ICalUId, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(created.Id!), created.WebLink, StringComparison.Ordinal);
        Assert.NotNull(created.CreatedDateTime);
        Assert.Equal(ResponseType.None, Assert.Single(created.Attendees!).Status!.Response);
        Assert.Equal("Ben Carter", created.Attendees![0].EmailAddress!.Name);

        // Times come back in UTC by default (London is on GMT in early March).
        Assert.Equal("2027-03-01T09:00:00.0000000", created.Start!.DateTime);
        Assert.Equal("UTC", created.Start.TimeZone);
        Assert.Equal(London, created.OriginalStartTimeZone);

        Assert.Equal(RecurrencePatternType.Weekly, created.Recurrence!.Pattern!.Type);
        Assert.Equal(new Date(2027, 3, 1), created.Recurrence.Range!.StartDate);
        Assert.Equal(6, created.Recurrence.Range.NumberOfOccurrences);
        Assert.Equal(London, created.Recurrence.Range.RecurrenceTimeZone);

        // The Teams meeting: a join URL, and the join block appended to the wrapped HTML body.
        Assert.True(created.IsOnlineMeeting);
        Assert.Equal(OnlineMeetingProviderType.TeamsForBusiness, created.OnlineMeetingProvider);
        var joinUrl = created.OnlineMeeting!.JoinUrl!;
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", joinUrl, StringComparison.Ordinal);
        Assert.Equal(BodyType.Html, created.Body!.ContentType);
        Assert.StartsWith("<html>", created.Body.Content, StringComparison.Ordinal);
        Assert.Contains("<p>Our mentoring series.</p>", created.Body.Content, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(joinUrl), created.Body.Content, StringComparison.Ordinal);
        Assert.True(created.Body.Content!.IndexOf("Our mentoring", StringComparison.Ordinal) < created.Body.Content.IndexOf("Microsoft Teams meeting", StringComparison.Ordinal));
        Assert.StartsWith("Our mentoring series.", created.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_transactionId_twice_gives_the_same_event_and_creates_nothing_more()
    {
        var graph = GraphClients.For(_tenant, Ana);
        var transactionId = Guid.NewGuid().ToString();
        var request = Series("Retry me", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 4), transactionId, Ben);

        var first = await graph.Me.Events.PostAsync(request);
        var again = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, JsonNode.Parse(await SerializeAsync(request))!);
        var other = await graph.Me.Events.PostAsync(
            Series("Retry me", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 4), Guid.NewGuid().ToString(), Ben));

        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first!.Id, again.Body["id"]!.GetValue<string>());
        Assert.Equal(first.ICalUId, again.Body["iCalUId"]!.GetValue<string>());
        Assert.NotEqual(first.Id, other!.Id);
        Assert.Equal(2, _tenant.EventsIn(Ana).Count);
        Assert.Equal(2, _tenant.EventsIn(Ben).Count);
        Assert.Single(_tenant.EventsIn(Ana), e => e.TransactionId == transactionId);
    }

    [Fact]
    public async Task Every_attendee_has_their_own_copy_with_the_same_iCalUId()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var created = await ana.Me.Events.PostAsync(
            Series("Trio", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 6), null, Ben, Finn, "outside@example.org"));

        foreach (var attendee in new[] { Ben, Finn })
        {
            var graph = GraphClients.For(_tenant, attendee);
            var found = await graph.Me.Events.GetAsync(rc =>
            {
                rc.QueryParameters.Filter = $"iCalUId eq '{created!.ICalUId}'";
                rc.QueryParameters.Select = ["id", "subject", "type", "iCalUId", "isOrganizer", "responseStatus", "organizer"];
                rc.QueryParameters.Top = 1;
            });

            var copy = Assert.Single(found!.Value!);
            Assert.NotEqual(created!.Id, copy.Id);
            Assert.Equal(created.ICalUId, copy.ICalUId);
            Assert.Equal("Trio", copy.Subject);
            Assert.Equal(EventType.SeriesMaster, copy.Type);
            Assert.False(copy.IsOrganizer);
            Assert.Equal(ResponseType.None, copy.ResponseStatus!.Response);
            Assert.Equal(Ana, copy.Organizer!.EmailAddress!.Address);
            Assert.Null(copy.Body);

            // Occurrences: ids per mailbox, one iCalUId per occurrence shared across mailboxes.
            var mine = await InstancesAsync(Ana, created.Id!, "2027-03-01T00:00:00Z", "2027-03-20T00:00:00Z");
            var theirs = await InstancesAsync(attendee, copy.Id!, "2027-03-01T00:00:00Z", "2027-03-20T00:00:00Z");
            Assert.Equal(3, mine.Count);
            Assert.Equal(mine.Select(o => o.ICalUId), theirs.Select(o => o.ICalUId));
            Assert.Empty(mine.Select(o => o.Id).Intersect(theirs.Select(o => o.Id)));
            Assert.Equal(3, mine.Select(o => o.ICalUId).Distinct().Count());
            Assert.DoesNotContain(created.ICalUId, mine.Select(o => o.ICalUId));
            Assert.All(theirs, o => Assert.Equal(copy.Id, o.SeriesMasterId));
        }

        var benEvents = _tenant.EventsIn(Ben);
        Assert.False(Assert.Single(benEvents).IsOrganizer);
        Assert.Null(benEvents[0].TransactionId);
        Assert.Equal([Ben, Finn, "outside@example.org"], _tenant.EventsIn(Ana).Single().AttendeeMails);
        Assert.Empty(_tenant.EventsIn("chloe.martin@contoso.dev"));
    }

    [Fact]
    public async Task A_London_series_stays_at_nine_London_time_and_moves_for_Seattle_and_Sao_Paulo_in_March()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var created = await ana.Me.Events.PostAsync(
            Series("Across DST", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 6), null, Ben));
        var benCopy = (await GraphClients.For(_tenant, Ben).Me.Events.GetAsync(rc => rc.QueryParameters.Filter = $"iCalUId eq '{created!.ICalUId}'"))!.Value!.Single();

        var london = await InstancesAsync(Ana, created!.Id!, "2027-02-28T00:00:00Z", "2027-04-30T00:00:00Z", London);
        var seattle = await InstancesAsync(Ben, benCopy.Id!, "2027-02-28T00:00:00Z", "2027-04-30T00:00:00Z", "Pacific Standard Time");
        var saoPaulo = await InstancesAsync(Ana, created.Id!, "2027-02-28T00:00:00Z", "2027-04-30T00:00:00Z", "America/Sao_Paulo");

        Assert.All(london, o => Assert.EndsWith("T09:00:00.0000000", o.Start!.DateTime, StringComparison.Ordinal));
        Assert.Equal(["03-01", "03-08", "03-15", "03-22", "03-29", "04-05"], london.Select(o => o.Start!.DateTime![5..10]));
        // The US moves its clocks on 14 March, the UK on 28 March; São Paulo keeps UTC-3 all year.
        Assert.Equal(["01:00", "01:00", "02:00", "02:00", "01:00", "01:00"], seattle.Select(o => o.Start!.DateTime![11..16]));
        Assert.Equal(["06:00", "06:00", "06:00", "06:00", "05:00", "05:00"], saoPaulo.Select(o => o.Start!.DateTime![11..16]));
        Assert.All(seattle, o => Assert.Equal("Pacific Standard Time", o.Start!.TimeZone));
        Assert.All(london, o =>
        {
            Assert.Equal(EventType.Occurrence, o.Type);
            Assert.Equal(created.Id, o.SeriesMasterId);
            Assert.NotNull(o.OriginalStart);
        });
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 8, 0, 0, TimeSpan.Zero), london[4].OriginalStart);
    }

    [Fact]
    public async Task Every_two_weeks_and_monthly_on_the_second_tuesday_fall_on_the_right_dates()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var fortnightly = await ana.Me.Events.PostAsync(
            Series("Fortnightly", "2027-01-05T15:00:00", "2027-01-05T16:00:00", "Eastern Standard Time", Weekly(DayOfWeekObject.Tuesday, 2), EndDate(2027, 1, 5, new Date(2027, 3, 1))));
        var monthly = await ana.Me.Events.PostAsync(
            Series("Monthly", "2027-01-12T15:00:00", "2027-01-12T16:00:00", "Europe/Berlin",
                new RecurrencePattern { Type = RecurrencePatternType.RelativeMonthly, Interval = 1, DaysOfWeek = [DayOfWeekObject.Tuesday], Index = WeekIndex.Second },
                Numbered(2027, 1, 12, 4)));

        var fortnightlyDates = await InstancesAsync(Ana, fortnightly!.Id!, "2027-01-01T00:00:00Z", "2027-06-01T00:00:00Z", "Eastern Standard Time");
        var monthlyDates = await InstancesAsync(Ana, monthly!.Id!, "2027-01-01T00:00:00Z", "2027-12-31T00:00:00Z", "Europe/Berlin");

        Assert.Equal(["2027-01-05", "2027-01-19", "2027-02-02", "2027-02-16"], fortnightlyDates.Select(o => o.Start!.DateTime![..10]));
        Assert.Equal(["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"], monthlyDates.Select(o => o.Start!.DateTime![..10]));
        Assert.All(monthlyDates, o => Assert.Equal("15:00", o.Start!.DateTime![11..16]));
        Assert.Equal(WeekIndex.Second, monthly.Recurrence!.Pattern!.Index);
    }

    [Fact]
    public async Task Instances_page_by_ten_with_a_next_link()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var daily = await ana.Me.Events.PostAsync(
            Series("Daily", "2027-05-03T08:00:00", "2027-05-03T08:15:00", London,
                new RecurrencePattern { Type = RecurrencePatternType.Daily, Interval = 1 },
                new RecurrenceRange { Type = RecurrenceRangeType.NoEnd, StartDate = new Date(2027, 5, 3) }));

        var first = await ana.Me.Events[daily!.Id].Instances.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = "2027-05-01T00:00:00Z";
            rc.QueryParameters.EndDateTime = "2027-05-20T00:00:00Z";
        });
        var second = await ana.Me.Events[daily.Id].Instances.WithUrl(first!.OdataNextLink!).GetAsync();

        Assert.Equal(10, first.Value!.Count);
        Assert.Equal(7, second!.Value!.Count);
        Assert.Null(second.OdataNextLink);
        Assert.Equal(17, first.Value.Concat(second.Value).Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public async Task Instances_without_a_window_are_refused()
    {
        var created = await GraphClients.For(_tenant, Ana).Me.Events.PostAsync(
            Series("No window", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 2)));

        var response = await RawGraph.GetAsync(SharedHttp.Client, _tenant, $"/me/events/{created!.Id}/instances?startDateTime=2027-03-01T00:00:00Z", Ana);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("ErrorInvalidParameter", response.ErrorCode);
    }

    [Fact]
    public async Task Getting_an_event_honours_select_and_the_preferred_time_zone()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var created = await ana.Me.Events.PostAsync(
            Series("Selected", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 3)));

        var response = await RawGraph.GetAsync(SharedHttp.Client, _tenant, $"/me/events/{created!.Id}?$select=subject,start,type", Ana,
            new Dictionary<string, string> { ["Prefer"] = "outlook.timezone=\"Pacific Standard Time\"" });
        var occurrence = (await InstancesAsync(Ana, created.Id!, "2027-03-07T00:00:00Z", "2027-03-09T00:00:00Z")).Single();
        var read = await ana.Me.Events[occurrence.Id].GetAsync(rc => rc.QueryParameters.Select = ["id", "type", "seriesMasterId", "iCalUId", "start", "end", "originalStart"]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("outlook.timezone=\"Pacific Standard Time\"", response.Headers["Preference-Applied"]);
        Assert.Equal(["@odata.context", "@odata.etag", "id", "start", "subject", "type"], response.Body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("2027-03-01T01:00:00.0000000", response.Body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(EventType.Occurrence, read!.Type);
        Assert.Equal(created.Id, read.SeriesMasterId);
        Assert.Equal("2027-03-08T09:00:00.0000000", read.Start!.DateTime);
        Assert.Null(read.Subject);
    }

    [Theory]
    [InlineData("startDate", "weekly", "2027-03-02", null, "numbered", 3)]
    [InlineData("daysOfWeek", "weekly", "2027-03-01", "", "numbered", 3)]
    [InlineData("numberOfOccurrences", "weekly", "2027-03-01", "monday", "numbered", 0)]
    [InlineData("daysOfWeek", "relativeMonthly", "2027-03-01", "", "noEnd", 0)]
    public async Task A_recurrence_Graph_refuses_is_a_400_that_creates_nothing(string field, string type, string startDate, string? day, string range, int count)
    {
        var pattern = new JsonObject { ["type"] = type, ["interval"] = 1 };
        if (day is not null)
        {
            pattern["daysOfWeek"] = day.Length == 0 ? new JsonArray() : new JsonArray(day);
        }
        else
        {
            pattern["daysOfWeek"] = new JsonArray("monday");
        }

        var body = new JsonObject
        {
            ["subject"] = "Bad",
            ["start"] = new JsonObject { ["dateTime"] = "2027-03-01T09:00:00", ["timeZone"] = London },
            ["end"] = new JsonObject { ["dateTime"] = "2027-03-01T10:00:00", ["timeZone"] = London },
            ["recurrence"] = new JsonObject
            {
                ["pattern"] = pattern,
                ["range"] = new JsonObject { ["type"] = range, ["startDate"] = startDate, ["numberOfOccurrences"] = count },
            },
        };

        var response = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("ErrorInvalidRequest", response.ErrorCode);
        Assert.Contains(field, response.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_tenant.EventsIn(Ana));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_Graphs_TimeZoneNotSupportedException()
    {
        var graph = GraphClients.For(_tenant, Ana);

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Me.Events.PostAsync(
            Series("Zone", "2027-03-01T09:00:00", "2027-03-01T10:00:00", "Europe/Lisbon", Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 2))));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("TimeZoneNotSupportedException", error.Error!.Code);
    }

    private async Task<List<Event>> InstancesAsync(string mail, string seriesId, string from, string to, string? zone = null)
    {
        var graph = GraphClients.For(_tenant, mail);
        var page = await graph.Me.Events[seriesId].Instances.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = from;
            rc.QueryParameters.EndDateTime = to;
            rc.QueryParameters.Top = 100;
            if (zone is not null)
            {
                rc.Headers.Add("Prefer", $"outlook.timezone=\"{zone}\"");
            }
        });
        return page!.Value!;
    }

    private static async Task<string> SerializeAsync(Event request)
    {
        using var writer = new Microsoft.Kiota.Serialization.Json.JsonSerializationWriter();
        writer.WriteObjectValue(null, request);
        using var reader = new StreamReader(writer.GetSerializedContent());
        return await reader.ReadToEndAsync();
    }
}
