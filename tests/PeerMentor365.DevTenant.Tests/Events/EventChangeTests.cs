using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Me.Calendar.GetSchedule;
using Microsoft.Graph.Me.Events.Item.Cancel;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PeerMentor365.DevTenant.Tests.Support;
using static PeerMentor365.DevTenant.Tests.Events.EventRequests;

namespace PeerMentor365.DevTenant.Tests.Events;

/// <summary>Rescheduling an occurrence or the series, cancelling, deleting, and what getSchedule sees of it all.</summary>
public sealed class EventChangeTests : IAsyncLifetime
{
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    // Weekly on Mondays 09:00 London from 1 March 2027, six sessions, Ben invited.
    private static async Task<Event> CreateSeriesAsync(GraphServiceClient ana) =>
        (await ana.Me.Events.PostAsync(
            Series("Peer mentoring: Ana & Ben", "2027-03-01T09:00:00", "2027-03-01T10:00:00", London, Weekly(DayOfWeekObject.Monday), Numbered(2027, 3, 1, 6), null, Ben)))!;

    private async Task<List<Event>> InstancesAsync(string mail, string seriesId)
    {
        var page = await GraphClients.For(_tenant, mail).Me.Events[seriesId].Instances.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = "2027-02-01T00:00:00Z";
            rc.QueryParameters.EndDateTime = "2027-05-01T00:00:00Z";
            rc.QueryParameters.Top = 50;
            rc.Headers.Add("Prefer", $"outlook.timezone=\"{London}\"");
        });
        return page!.Value!;
    }

    private async Task<Event> BensCopyAsync(string iCalUId) =>
        (await GraphClients.For(_tenant, Ben).Me.Events.GetAsync(rc => rc.QueryParameters.Filter = $"iCalUId eq '{iCalUId}'"))!.Value!.Single();

    [Fact]
    public async Task A_moved_occurrence_becomes_an_exception_that_keeps_its_original_start_for_everyone()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var second = (await InstancesAsync(Ana, series.Id!))[1];

        var moved = await ana.Me.Events[second.Id].PatchAsync(new Event
        {
            Start = new DateTimeTimeZone { DateTime = "2027-03-09T14:00:00", TimeZone = London },
            End = new DateTimeTimeZone { DateTime = "2027-03-09T15:00:00", TimeZone = London },
        });

        Assert.Equal(EventType.Exception, moved!.Type);
        Assert.Equal(second.Id, moved.Id);
        Assert.Equal(new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.Zero), moved.OriginalStart);
        Assert.Equal("2027-03-09T14:00:00.0000000", moved.Start!.DateTime);

        var bens = await InstancesAsync(Ben, (await BensCopyAsync(series.ICalUId!)).Id!);
        Assert.Equal(6, bens.Count);
        var bensMoved = Assert.Single(bens, o => o.Type == EventType.Exception);
        Assert.Equal("2027-03-09T14:00:00.0000000", bensMoved.Start!.DateTime);
        Assert.Equal(moved.OriginalStart, bensMoved.OriginalStart);
        Assert.Equal(moved.ICalUId, bensMoved.ICalUId);
    }

    [Theory]
    [InlineData("2027-03-01T14:00:00")]   // onto the previous occurrence's day
    [InlineData("2027-03-15T08:00:00")]   // onto the next occurrence's day
    [InlineData("2027-03-20T09:00:00")]   // past the next one
    public async Task An_occurrence_cannot_move_onto_or_past_a_neighbours_day(string newStart)
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var second = (await InstancesAsync(Ana, series.Id!))[1];
        var end = DateTime.Parse(newStart, System.Globalization.CultureInfo.InvariantCulture).AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        var error = await Assert.ThrowsAsync<ODataError>(() => ana.Me.Events[second.Id].PatchAsync(new Event
        {
            Start = new DateTimeTimeZone { DateTime = newStart, TimeZone = London },
            End = new DateTimeTimeZone { DateTime = end, TimeZone = London },
        }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("ErrorOccurrenceCrossingBoundary", error.Error!.Code);
        Assert.All(await InstancesAsync(Ana, series.Id!), o => Assert.Equal(EventType.Occurrence, o.Type));
    }

    [Fact]
    public async Task Rescheduling_the_series_moves_every_occurrence_and_a_new_body_replaces_the_old_one()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);

        var updated = await ana.Me.Events[series.Id].PatchAsync(new Event
        {
            Start = new DateTimeTimeZone { DateTime = "2027-03-02T16:30:00", TimeZone = London },
            End = new DateTimeTimeZone { DateTime = "2027-03-02T17:15:00", TimeZone = London },
            Recurrence = new PatternedRecurrence { Pattern = Weekly(DayOfWeekObject.Tuesday, 2), Range = Numbered(2027, 3, 2, 3) },
            Body = new ItemBody { ContentType = BodyType.Html, Content = "<p>Replaced</p>" },
        });

        Assert.Equal(EventType.SeriesMaster, updated!.Type);
        Assert.NotEqual(series.ChangeKey, updated.ChangeKey);
        Assert.Contains("<p>Replaced</p>", updated.Body!.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft Teams meeting", updated.Body.Content, StringComparison.Ordinal);
        Assert.Equal(series.OnlineMeeting!.JoinUrl, updated.OnlineMeeting!.JoinUrl);

        var bens = await InstancesAsync(Ben, (await BensCopyAsync(series.ICalUId!)).Id!);
        Assert.Equal(["2027-03-02T16:30", "2027-03-16T16:30", "2027-03-30T16:30"], bens.Select(o => o.Start!.DateTime![..16]));
        Assert.All(bens, o => Assert.Equal("Replaced", o.BodyPreview));
    }

    [Fact]
    public async Task Ending_the_series_early_keeps_a_moved_occurrence_and_drops_the_later_ones()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var second = (await InstancesAsync(Ana, series.Id!))[1];
        await ana.Me.Events[second.Id].PatchAsync(new Event
        {
            Start = new DateTimeTimeZone { DateTime = "2027-03-10T11:00:00", TimeZone = London },
            End = new DateTimeTimeZone { DateTime = "2027-03-10T12:00:00", TimeZone = London },
        });

        await ana.Me.Events[series.Id].PatchAsync(new Event
        {
            Recurrence = new PatternedRecurrence { Pattern = Weekly(DayOfWeekObject.Monday), Range = EndDate(2027, 3, 1, new Microsoft.Kiota.Abstractions.Date(2027, 3, 15)) },
        });

        var left = await InstancesAsync(Ben, (await BensCopyAsync(series.ICalUId!)).Id!);
        Assert.Equal(["2027-03-01T09:00", "2027-03-10T11:00", "2027-03-15T09:00"], left.Select(o => o.Start!.DateTime![..16]));
        Assert.Equal(EventType.Exception, left[1].Type);
    }

    [Fact]
    public async Task Extreme_dates_are_a_400_or_an_empty_window_never_a_500()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);

        var farStart = await RawGraph.PostAsync(SharedHttp.Client, _tenant, "/me/events", Ana, new System.Text.Json.Nodes.JsonObject
        {
            ["subject"] = "Far",
            ["start"] = new System.Text.Json.Nodes.JsonObject { ["dateTime"] = "9999-12-31T09:00:00", ["timeZone"] = London },
            ["end"] = new System.Text.Json.Nodes.JsonObject { ["dateTime"] = "9999-12-31T10:00:00", ["timeZone"] = London },
        });
        var wideWindow = await RawGraph.GetAsync(SharedHttp.Client, _tenant,
            $"/me/events/{series.Id}/instances?startDateTime=0001-01-01T00:00:00Z&endDateTime=9999-12-31T23:59:59Z&$top=3", Ana);

        Assert.Equal(HttpStatusCode.BadRequest, farStart.Status);
        Assert.Equal("ErrorInvalidRequest", farStart.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, wideWindow.Status);
        Assert.Equal(3, wideWindow.Body["value"]!.AsArray().Count);
        Assert.Single(_tenant.EventsIn(Ana));
    }

    [Fact]
    public async Task Moving_the_series_start_without_its_recurrence_is_refused()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);

        var error = await Assert.ThrowsAsync<ODataError>(() => ana.Me.Events[series.Id].PatchAsync(new Event
        {
            Start = new DateTimeTimeZone { DateTime = "2027-03-02T09:00:00", TimeZone = London },
            End = new DateTimeTimeZone { DateTime = "2027-03-02T10:00:00", TimeZone = London },
        }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("ErrorInvalidRequest", error.Error!.Code);
    }

    [Fact]
    public async Task Only_the_organizer_can_cancel_and_a_cancelled_occurrence_leaves_every_calendar()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var bensCopy = await BensCopyAsync(series.ICalUId!);
        var third = (await InstancesAsync(Ana, series.Id!))[2];
        var bensThird = (await InstancesAsync(Ben, bensCopy.Id!))[2];

        var refused = await Assert.ThrowsAsync<ODataError>(() =>
            GraphClients.For(_tenant, Ben).Me.Events[bensThird.Id].Cancel.PostAsync(new CancelPostRequestBody { Comment = "Not mine" }));
        await ana.Me.Events[third.Id].Cancel.PostAsync(new CancelPostRequestBody { Comment = "Away that week" });

        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.Contains("You need to be an organizer", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(5, (await InstancesAsync(Ana, series.Id!)).Count);
        Assert.DoesNotContain(bensThird.Id, (await InstancesAsync(Ben, bensCopy.Id!)).Select(o => o.Id));
        var gone = await Assert.ThrowsAsync<ODataError>(() => GraphClients.For(_tenant, Ben).Me.Events[bensThird.Id].GetAsync());
        Assert.Equal(404, gone.ResponseStatusCode);
        Assert.Equal("ErrorItemNotFound", gone.Error!.Code);
        var summary = Assert.Single(_tenant.EventsIn(Ana));
        Assert.Equal([new DateOnly(2027, 3, 15)], summary.CancelledOccurrences);
        Assert.Equal("Away that week", summary.LastCancellationComment);
    }

    [Fact]
    public async Task Cancelling_the_series_answers_202_and_removes_it_from_every_calendar()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var bensCopy = await BensCopyAsync(series.ICalUId!);

        var response = await RawGraph.PostAsync(SharedHttp.Client, _tenant, $"/me/events/{series.Id}/cancel", Ana,
            new System.Text.Json.Nodes.JsonObject { ["Comment"] = "We wrap up here" });

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Empty(response.Text);
        Assert.Empty(_tenant.EventsIn(Ana));
        Assert.Empty(_tenant.EventsIn(Ben));
        var gone = await Assert.ThrowsAsync<ODataError>(() => GraphClients.For(_tenant, Ben).Me.Events[bensCopy.Id].GetAsync());
        Assert.Equal(404, gone.ResponseStatusCode);
    }

    [Fact]
    public async Task An_attendee_deleting_their_copy_removes_it_only_from_their_calendar()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var bensCopy = await BensCopyAsync(series.ICalUId!);

        await GraphClients.For(_tenant, Ben).Me.Events[bensCopy.Id].DeleteAsync();

        Assert.Empty(_tenant.EventsIn(Ben));
        Assert.Single(_tenant.EventsIn(Ana));

        var response = await RawGraph.SendAsync(SharedHttp.Client, _tenant, HttpMethod.Delete, $"/me/events/{series.Id}", _tenant.IssueGraphToken(Ana));
        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Empty(_tenant.EventsIn(Ana));
    }

    [Fact]
    public async Task GetSchedule_shows_every_attendee_busy_for_each_occurrence_and_not_for_a_cancelled_one()
    {
        var ana = GraphClients.For(_tenant, Ana);
        var series = await CreateSeriesAsync(ana);
        var third = (await InstancesAsync(Ana, series.Id!))[2];
        await ana.Me.Events[third.Id].Cancel.PostAsync(new CancelPostRequestBody());

        // Mondays 09:00-10:00 London = 01:00-02:00 Seattle until 14 March, then 02:00-03:00 (PDT): before anyone's standup.
        var schedule = await GraphClients.For(_tenant, Ben).Me.Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(new GetSchedulePostRequestBody
        {
            Schedules = [Ana, Ben],
            StartTime = new DateTimeTimeZone { DateTime = "2027-03-01T00:00:00", TimeZone = "UTC" },
            EndTime = new DateTimeTimeZone { DateTime = "2027-03-29T00:00:00", TimeZone = "UTC" },
            AvailabilityViewInterval = 60,
        });

        foreach (var person in schedule!.Value!)
        {
            var view = person.AvailabilityView!;
            var items = person.ScheduleItems!.Where(i => i.Subject == "Peer mentoring: Ana & Ben").ToList();
            Assert.Equal(["2027-03-01T09:00", "2027-03-08T09:00", "2027-03-22T09:00"], items.Select(i => i.Start!.DateTime![..16]));
            Assert.All(items, i => Assert.Equal(FreeBusyStatus.Busy, i.Status));
            Assert.Equal('2', view[9]);
            Assert.Equal('2', view[(7 * 24) + 9]);
            Assert.Equal('2', view[(21 * 24) + 9]);
        }
    }
}
