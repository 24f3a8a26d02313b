using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Me.Calendar.GetSchedule;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>The dev tenant through the real Microsoft.Graph SDK, as the backend will call it.</summary>
public sealed class SdkTests : IAsyncLifetime
{
    private const string Ana = "ana.souza@contoso.dev";
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    [Fact]
    public async Task Me_is_the_user_of_the_token()
    {
        var graph = GraphClients.For(_tenant, "ben.carter@contoso.dev");

        var me = await graph.Me.GetAsync();

        Assert.NotNull(me);
        Assert.Equal("Ben Carter", me.DisplayName);
        Assert.Equal("ben.carter@contoso.dev", me.Mail);
        Assert.Equal(_tenant.Users.Single(u => u.Mail == "ben.carter@contoso.dev").Id, me.Id);
    }

    [Fact]
    public async Task Users_search_finds_people_by_the_start_of_a_word_of_their_name()
    {
        var graph = GraphClients.For(_tenant, Ana);

        var result = await graph.Users.GetAsync(rc =>
        {
            rc.QueryParameters.Search = "\"displayName:lee\"";
            rc.QueryParameters.Select = ["id", "displayName", "mail"];
            rc.QueryParameters.Count = true;
            rc.Headers.Add("ConsistencyLevel", "eventual");
        });

        var user = Assert.Single(result!.Value!);
        Assert.Equal("Grace Lee", user.DisplayName);
        Assert.Equal("grace.lee@contoso.dev", user.Mail);
        Assert.Null(user.JobTitle);
        Assert.Equal(1, result.OdataCount);
    }

    [Fact]
    public async Task Users_search_without_eventual_consistency_is_refused_as_Graph_does()
    {
        var graph = GraphClients.For(_tenant, Ana);

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users.GetAsync(rc => rc.QueryParameters.Search = "\"displayName:ana\""));

        Assert.Equal((int)HttpStatusCode.BadRequest, error.ResponseStatusCode);
        Assert.Equal("Request_UnsupportedQuery", error.Error?.Code);
    }

    [Fact]
    public async Task Mailbox_settings_give_the_seeded_zone_and_working_hours()
    {
        var graph = GraphClients.For(_tenant, "isha.shrestha@contoso.dev");

        var settings = await graph.Me.MailboxSettings.GetAsync();

        Assert.Equal("Nepal Standard Time", settings!.TimeZone);
        var hours = settings.WorkingHours!;
        Assert.Equal(new Microsoft.Kiota.Abstractions.Time(10, 0, 0), hours.StartTime);
        Assert.Equal(new Microsoft.Kiota.Abstractions.Time(17, 0, 0), hours.EndTime);
        Assert.Equal("Nepal Standard Time", hours.TimeZone!.Name);
        Assert.Equal(
            [DayOfWeekObject.Sunday, DayOfWeekObject.Monday, DayOfWeekObject.Tuesday, DayOfWeekObject.Wednesday, DayOfWeekObject.Thursday, DayOfWeekObject.Friday],
            hours.DaysOfWeek!.Select(d => d!.Value));
    }

    [Fact]
    public async Task GetSchedule_with_the_SDKs_PascalCase_body_returns_free_busy_for_each_address()
    {
        var graph = GraphClients.For(_tenant, Ana);
        var (start, end) = NextWorkWeekUtc();

        var response = await graph.Me.Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(new GetSchedulePostRequestBody
        {
            Schedules = ["ben.carter@contoso.dev", "dev.sharma@contoso.dev", "nobody@contoso.dev"],
            StartTime = new DateTimeTimeZone { DateTime = start, TimeZone = "UTC" },
            EndTime = new DateTimeTimeZone { DateTime = end, TimeZone = "UTC" },
            AvailabilityViewInterval = 30,
        });

        var schedules = response!.Value!;
        Assert.Equal(["ben.carter@contoso.dev", "dev.sharma@contoso.dev", "nobody@contoso.dev"], schedules.Select(s => s.ScheduleId));
        var ben = schedules[0];
        Assert.Equal(5 * 48, ben.AvailabilityView!.Length);
        Assert.Contains('2', ben.AvailabilityView);
        Assert.NotEmpty(ben.ScheduleItems!);
        Assert.All(ben.ScheduleItems!, item =>
        {
            Assert.Equal("UTC", item.Start!.TimeZone);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$", item.Start.DateTime);
        });
        Assert.Equal("Pacific Standard Time", ben.WorkingHours!.TimeZone!.Name);
        Assert.Equal("5009", schedules[2].Error!.ResponseCode);
        Assert.Null(schedules[2].AvailabilityView);
    }

    [Fact]
    public async Task A_batch_built_with_the_SDK_runs_every_step()
    {
        var graph = GraphClients.For(_tenant, Ana);
        var (start, end) = NextWorkWeekUtc();
        var batch = new BatchRequestContentCollection(graph);
        var meId = await batch.AddBatchRequestStepAsync(graph.Me.ToGetRequestInformation());
        var settingsId = await batch.AddBatchRequestStepAsync(graph.Me.MailboxSettings.ToGetRequestInformation());
        var scheduleId = await batch.AddBatchRequestStepAsync(graph.Me.Calendar.GetSchedule.ToPostRequestInformation(new GetSchedulePostRequestBody
        {
            Schedules = ["emma.schulz@contoso.dev"],
            StartTime = new DateTimeTimeZone { DateTime = start, TimeZone = "UTC" },
            EndTime = new DateTimeTimeZone { DateTime = end, TimeZone = "UTC" },
        }));
        _tenant.Requests.Clear();

        var result = await graph.Batch.PostAsync(batch);

        var codes = await result.GetResponsesStatusCodesAsync();
        Assert.All(codes.Values, code => Assert.Equal(HttpStatusCode.OK, code));
        Assert.Equal("Ana Souza", (await result.GetResponseByIdAsync<User>(meId)).DisplayName);
        Assert.Equal("E. South America Standard Time", (await result.GetResponseByIdAsync<MailboxSettings>(settingsId)).TimeZone);
        var schedule = await result.GetResponseByIdAsync<GetSchedulePostResponse>(scheduleId);
        Assert.Equal("emma.schulz@contoso.dev", Assert.Single(schedule.Value!).ScheduleId);

        var log = _tenant.Requests.Snapshot();
        Assert.Single(log, r => !r.IsBatchItem && r.Path == "/$batch");
        Assert.Equal(
            ["/me", "/me/calendar/getSchedule", "/me/mailboxSettings"],
            log.Where(r => r.IsBatchItem).Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_the_SDKs_default_allowed_hosts_no_Authorization_header_reaches_the_tenant()
    {
        // The trap the backend must avoid: GraphServiceClient(TokenCredential, scopes, baseUrl) only allows Graph's cloud
        // hosts, hands out an empty token for 127.0.0.1 and sends the request without Authorization — silently.
        var graph = GraphClients.WithSdkDefaultHosts(_tenant, Ana);
        _tenant.Requests.Clear();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Me.GetAsync());

        Assert.Equal(401, error.ResponseStatusCode);
        Assert.Equal("InvalidAuthenticationToken", error.Error?.Code);
        var request = Assert.Single(_tenant.Requests.Snapshot());
        Assert.False(request.HadAuthorization);
        Assert.Equal(401, request.Status);
    }

    [Fact]
    public async Task With_127_0_0_1_allowed_the_Authorization_header_is_sent()
    {
        var graph = GraphClients.For(_tenant, Ana);
        _tenant.Requests.Clear();

        await graph.Me.GetAsync();

        var request = Assert.Single(_tenant.Requests.Snapshot());
        Assert.True(request.HadAuthorization);
        Assert.Equal(200, request.Status);
    }

    /// <summary>Monday 00:00 UTC to Saturday 00:00 UTC of next week, in Graph's request format.</summary>
    internal static (string Start, string End) NextWorkWeekUtc()
    {
        var today = DateTime.UtcNow.Date;
        // The Monday of next week, whatever today is: the seed places its one-off events by week offsets from this
        // week, and a "+7 after the next Monday" landed two weeks out on every day but Monday.
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var monday = today.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        return (monday.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            monday.AddDays(5).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }
}
