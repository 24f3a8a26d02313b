using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;
using NodaTime;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.Storage;

/// <summary>
/// Data written by the release before Azure.Data.Tables (our own Table client) still reads and updates. The rows go in
/// as that client put them on the wire, over the Table REST API, not through any client of ours.
/// </summary>
/// <remarks>
/// The previous client's wire shape (functions/PeerMentor365.Tables/Serialization, deleted with it), recorded here:
/// an entity is one JSON object, PartitionKey and RowKey first, then the row class's properties in declaration order;
/// null properties are left out; string and bool as JSON; int as a JSON number with no annotation; long as a string
/// annotated <c>Edm.Int64</c>; double as a number annotated <c>Edm.Double</c>; DateTimeOffset as
/// <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (UTC, seven fraction digits) annotated <c>Edm.DateTime</c>; Guid annotated
/// <c>Edm.Guid</c>; byte[] as base64 annotated <c>Edm.Binary</c>; enums as their names. The mentoring rows hold no long,
/// double, Guid or binary property, so the rows below use strings, ints, a bool and Edm.DateTime.
/// </remarks>
[Collection(SharedApi.Name)]
public sealed class PreviousReleaseRowsTests(ApiApplication app) : IDisposable
{
    private const string PairId = "p_0000000000000001";
    private const string GoalId = "g_0000000000000001";
    private const string CommitmentId = "c_0000000000000001";
    private const string SeriesId = "e_0000000000000001";
    private const string Nonce = "n0000000001";
    private const string ICalUId = "040000008200E00074C5B7101A82E00800000000previousrelease";

    private readonly IsolatedApi _isolated = new(app);
    private readonly HttpClient _rest = new();

    [Fact]
    public async Task Rows_the_previous_release_wrote_are_read_and_updated_through_the_api()
    {
        using var ana = _isolated.As(Member.Ana);
        using var ben = _isolated.As(Member.Ben);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = new DateTimeOffset(today.AddDays(-20).ToDateTime(new TimeOnly(9, 15, 30, 123)), TimeSpan.Zero);
        var firstStart = new DateTimeOffset(today.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var secondStart = firstStart.AddDays(14);
        var firstSession = SeriesSessionStore.SessionId(SeriesId, Instant.FromDateTimeOffset(firstStart));
        var secondSession = SeriesSessionStore.SessionId(SeriesId, Instant.FromDateTimeOffset(secondStart));
        var due = Date(today.AddDays(7));
        var members = JsonSerializer.Serialize(new object[]
        {
            new { userId = ana.Id, mail = Member.Ana, displayName = "Ana Souza", acceptedAt = created },
            new { userId = ben.Id, mail = Member.Ben, displayName = "Ben Carter", acceptedAt = created.AddHours(1) },
        });

        // The tables as the previous release created them (same names under this app's prefix).
        var service = new TableServiceClient(app.Azurite.ConnectionString);
        foreach (var table in new[] { "Pairs", "PairMemberships", "CommitmentsDue", "SeriesIndex" })
        {
            await service.CreateTableIfNotExistsAsync(_isolated.TablePrefix + table);
        }

        await InsertAsync("PairMemberships", Entity("u_" + ana.Id, PairId));
        await InsertAsync("PairMemberships", Entity("u_" + ben.Id, PairId));
        await InsertAsync("Pairs", Entity(PairId, "pair", ("Kind", "pair"), ("Status", "active"), ("Members", members),
            ("Purpose", "Grow as engineering leads"), ("Cadence", "every2Weeks"), ("DurationMinutes", 45),
            ("Confidentiality", "Between us."), ("Boundaries", "No reviews of each other."),
            ("StartDate", Date(today.AddDays(-20))), ("PlannedEndDate", Date(today.AddDays(160))), ("ProposedBy", ana.Id),
            ("CreatedAt", created), ("UpdatedAt", created.AddHours(1))));
        await InsertAsync("Pairs", Entity(PairId, GoalId, ("Kind", "goal"), ("OwnerId", ben.Id), ("Title", "Lead a design review"),
            ("Measure", "Two reviews run"), ("TargetDate", Date(today.AddDays(60))), ("Progress", 40), ("Status", "active"),
            ("CreatedAt", created), ("UpdatedAt", created)));
        await InsertAsync("CommitmentsDue", Entity(due, $"{PairId}_{CommitmentId}_{Nonce}", ("PairId", PairId), ("CommitmentId", CommitmentId), ("Nonce", Nonce)));
        await InsertAsync("Pairs", Entity(PairId, CommitmentId, ("Kind", "commitment"), ("OwnerId", ana.Id), ("Text", "Send Ben the RFC draft"),
            ("Due", due), ("Status", "open"), ("CreatedAt", created), ("UpdatedAt", created), ("DueIndexNonce", Nonce)));
        await InsertAsync("Pairs", Entity(PairId, "k_previousrelease", ("Kind", "idempotency"), ("SeriesId", SeriesId), ("RequestHash", "h"), ("CreatedAt", created)));
        await InsertAsync("Pairs", Entity(PairId, SeriesId, ("Kind", "series"), ("State", "active"), ("OrganizerId", ana.Id),
            ("OrganizerMail", Member.Ana), ("OrganizerTimeZone", "Europe/Berlin"), ("RequestHash", "h"), ("IdempotencyRowKey", "k_previousrelease"),
            ("FirstStart", firstStart.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)), ("AnchorTimeZone", "Etc/UTC"),
            ("AnchorWindowsTimeZone", "UTC"), ("DurationMinutes", 45), ("Cadence", "every2Weeks"), ("EndSessions", 2),
            ("FirstFocusUserId", ben.Id), ("Subject", "Mentoring: Ana & Ben"), ("TransactionId", "5f1d7c8e-0000-4000-8000-000000000001"),
            ("SectionState", "done"), ("SectionName", "Sessions"), ("SectionId", "section-1"), ("EventState", "done"), ("EventId", "event-1"),
            ("EventICalUId", ICalUId), ("EventWebLink", "https://outlook.example/event-1"), ("JoinUrl", "https://teams.example/join"),
            ("FirstSessionId", firstSession), ("RoundTrips", 5), ("CreatedAt", created), ("UpdatedAt", created)));
        await InsertAsync("Pairs", Entity(PairId, "seriescurrent", ("Kind", "series-current"), ("SeriesId", SeriesId)));
        await InsertAsync("Pairs", Entity(PairId, "notebook", ("Kind", "notebook"), ("State", "done"), ("DisplayName", "Ana & Ben"),
            ("OwnerId", ana.Id), ("NotebookId", "notebook-1"), ("WebUrl", "https://onenote.example/nb"), ("ClientUrl", "onenote:https://onenote.example/nb"),
            ("InviteState", "done"), ("SharedWith", "[]"), ("Verified", true), ("UpdatedAt", created)));
        await InsertAsync("Pairs", SessionEntity(firstSession, firstStart, ben.Id, created, ("PageState", "ready"), ("PageId", "page-1"),
            ("PageTitle", "Session 1"), ("PageWebUrl", "https://onenote.example/page-1"), ("PageClientUrl", "onenote:https://onenote.example/page-1")));
        await InsertAsync("Pairs", SessionEntity(secondSession, secondStart, ana.Id, created, ("PageState", "none")));
        await InsertAsync("Pairs", Entity(PairId, $"{firstSession}_r_{ana.Id}", ("Kind", "rating"), ("SessionId", firstSession), ("UserId", ana.Id),
            ("Rating", 4), ("PrivateNote", "Good pace"), ("RatedAt", created)));
        await InsertAsync("SeriesIndex", Entity(IcalPartition(ICalUId), SeriesId, ("PairId", PairId)));
        await InsertAsync("SeriesIndex", Entity("active", $"{PairId}_{SeriesId}", ("PairId", PairId), ("SeriesId", SeriesId), ("OrganizerId", ana.Id)));

        var pair = await ana.GetAsync($"/api/pairs/{PairId}");
        var listed = await ben.GetAsync("/api/pairs");
        var goals = await ben.GetAsync($"/api/pairs/{PairId}/goals");
        var open = await ana.GetAsync($"/api/pairs/{PairId}/commitments");
        var sessions = await ana.GetAsync($"/api/pairs/{PairId}/sessions");
        var series = await ana.GetAsync($"/api/pairs/{PairId}/series/{SeriesId}");
        var agenda = await ana.GetAsync($"/api/pairs/{PairId}/sessions/{firstSession}/agenda");

        Assert.Equal("active", pair.GetProperty("status").GetString());
        Assert.Equal(45, pair.GetProperty("agreement").GetProperty("durationMinutes").GetInt32());
        Assert.Equal("every2Weeks", pair.GetProperty("agreement").GetProperty("cadence").GetString());
        Assert.Equal(WireInstant(created), pair.GetProperty("createdAt").GetString());
        Assert.Equal(WireInstant(created.AddHours(1)), pair.GetProperty("members")[1].GetProperty("acceptedAt").GetString());
        Assert.Equal([PairId], listed.GetProperty("pairs").EnumerateArray().Select(Member.IdOf));
        var goal = Assert.Single(goals.GetProperty("goals").EnumerateArray());
        Assert.Equal(40, goal.GetProperty("progress").GetInt32());
        Assert.Equal(Date(today.AddDays(60)), goal.GetProperty("targetDate").GetString());
        var commitment = Assert.Single(open.GetProperty("commitments").EnumerateArray());
        Assert.Equal(due, commitment.GetProperty("due").GetString());
        Assert.Equal(
            [(secondSession, WireInstant(secondStart)), (firstSession, WireInstant(firstStart))],
            sessions.GetProperty("sessions").EnumerateArray().Select(s => (Member.IdOf(s), s.GetProperty("start").GetString())));
        Assert.Equal(4, sessions.GetProperty("sessions")[1].GetProperty("myRating").GetProperty("rating").GetInt32());
        Assert.Equal("active", series.GetProperty("status").GetString());
        Assert.Equal(firstStart.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), series.GetProperty("firstStart").GetString());
        Assert.Equal("page-1", agenda.GetProperty("session").GetProperty("agendaPage").GetProperty("id").GetString());
        Assert.Equal(WireInstant(secondStart), agenda.GetProperty("nextSession").GetProperty("start").GetString());
        Assert.Equal([CommitmentId], agenda.GetProperty("commitments").EnumerateArray().Select(Member.IdOf));
        Assert.Equal([GoalId], agenda.GetProperty("goals").EnumerateArray().Select(Member.IdOf));

        // Updates: a commitment done (its due-date index row goes), the goal's progress, the agreement.
        var done = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{PairId}/commitments/{CommitmentId}", new { status = "done" }, Member.EtagOf(commitment));
        var progressed = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{PairId}/goals/{GoalId}", new { progress = 80 }, Member.EtagOf(goal));
        var agreement = Member.Agreement();
        agreement["durationMinutes"] = 30;
        var changed = await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/pairs/{PairId}/agreement", agreement, Member.EtagOf(pair));

        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(80, progressed.GetProperty("progress").GetInt32());
        Assert.Equal(30, changed.GetProperty("agreement").GetProperty("durationMinutes").GetInt32());
        Assert.Empty((await ana.GetAsync($"/api/pairs/{PairId}/commitments")).GetProperty("commitments").EnumerateArray());
        Assert.False((await _isolated.Table("CommitmentsDue").GetEntityIfExistsAsync<TableEntity>(due, $"{PairId}_{CommitmentId}_{Nonce}")).HasValue);

        // What the new client wrote back keeps the old property types: dates are still Edm.DateTime, counts Int32.
        var stored = (await _isolated.Table("Pairs").GetEntityAsync<TableEntity>(PairId, CommitmentId)).Value;
        Assert.IsType<DateTimeOffset>(stored["CreatedAt"]);
        Assert.Equal(created, stored.GetDateTimeOffset("CreatedAt"));
        Assert.IsType<DateTimeOffset>(stored["ClosedAt"]);
        Assert.Equal("done", stored.GetString("Status"));
        var storedGoal = (await _isolated.Table("Pairs").GetEntityAsync<TableEntity>(PairId, GoalId)).Value;
        Assert.IsType<int>(storedGoal["Progress"]);
    }

    public void Dispose()
    {
        _rest.Dispose();
        _isolated.Dispose();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string WireInstant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string IcalPartition(string iCalUId) =>
        "ical_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(iCalUId)))[..32];

    private static JsonObject SessionEntity(string sessionId, DateTimeOffset start, string focusUserId, DateTimeOffset created, params (string Name, object Value)[] page) =>
        Entity(PairId, sessionId, [("Kind", "session"), ("Start", start), ("End", start.AddMinutes(45)), ("FocusUserId", focusUserId), ("CreatedAt", created),
            ("SeriesId", SeriesId), ("OriginalStart", start), ("EventId", "event-1-" + sessionId), .. page]);

    /// <summary>An entity as the previous client serialised it (see the remarks above).</summary>
    private static JsonObject Entity(string partitionKey, string rowKey, params (string Name, object Value)[] properties)
    {
        var entity = new JsonObject { ["PartitionKey"] = partitionKey, ["RowKey"] = rowKey };
        foreach (var (name, value) in properties)
        {
            switch (value)
            {
                case string text:
                    entity[name] = text;
                    break;
                case int number:
                    entity[name] = number;
                    break;
                case bool flag:
                    entity[name] = flag;
                    break;
                case DateTimeOffset moment:
                    entity[name + "@odata.type"] = "Edm.DateTime";
                    entity[name] = moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"The mentoring rows hold no {value.GetType().Name} property.", nameof(properties));
            }
        }

        return entity;
    }

    /// <summary>Inserts over the Table REST API (Insert Entity), authorised by a SAS the SDK signs with the account key.</summary>
    private async Task InsertAsync(string table, JsonObject entity)
    {
        var sas = new TableClient(app.Azurite.ConnectionString, _isolated.TablePrefix + table)
            .GenerateSasUri(TableSasPermissions.Add, DateTimeOffset.UtcNow.AddMinutes(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, sas)
        {
            Content = new StringContent(entity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;odata=minimalmetadata"));
        request.Headers.Add("x-ms-version", "2019-02-02");
        request.Headers.Add("Prefer", "return-no-content");
        request.Headers.Add("DataServiceVersion", "3.0");
        using var response = await _rest.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"Insert into {table}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
