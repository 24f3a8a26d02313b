using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>Every bad input is a 400 naming the field, and creates nothing: no Graph call, no row.</summary>
[Collection(SharedApi.Name)]
public sealed class SeriesValidationTests(ApiApplication app) : IDisposable
{
    private readonly SeriesApp _series = new(app);

    public static TheoryData<string, string> BadBodies => new()
    {
        // name of the case, field named in errors
        { "firstStart in the past", "firstStart" },
        { "firstStart more than a year ahead", "firstStart" },
        { "firstStart with an offset", "firstStart" },
        { "firstStart missing", "firstStart" },
        { "firstStart in a DST gap", "firstStart" },
        { "unknown zone", "anchorTimeZone" },
        { "Windows zone name", "anchorTimeZone" },
        { "bad cadence", "cadence" },
        { "duration not a multiple of 5", "durationMinutes" },
        { "duration too long", "durationMinutes" },
        { "zero sessions", "end.sessions" },
        { "101 sessions", "end.sessions" },
        { "end before the start", "end.date" },
        { "end more than 2 years after the start", "end.date" },
        { "both sessions and date", "end" },
        { "neither sessions nor date", "end" },
        { "unknown peer as first focus", "firstFocusUserId" },
        { "firstStart before the agreement's start date", "firstStart" },
        { "sessions running past the agreement's planned end", "end.sessions" },
        { "end date past the agreement's planned end", "end.date" },
        { "not JSON", "body" },
    };

    private static object BodyFor(string name) => name switch
    {
        "firstStart in the past" => With("firstStart", SeriesApp.LocalStart("Europe/London", -1, 15)),
        "firstStart more than a year ahead" => With("firstStart", SeriesApp.LocalStart("Europe/London", 370, 15)),
        "firstStart with an offset" => With("firstStart", SeriesApp.LocalStart("Europe/London", 10, 15) + "Z"),
        "firstStart missing" => With("firstStart", null),
        "firstStart in a DST gap" => With("firstStart", NextGap()),
        "unknown zone" => With("anchorTimeZone", "Mars/Olympus_Mons"),
        "Windows zone name" => With("anchorTimeZone", "GMT Standard Time"),
        "bad cadence" => With("cadence", "daily"),
        "duration not a multiple of 5" => With("durationMinutes", 47),
        "duration too long" => With("durationMinutes", 180),
        "zero sessions" => With("end", new { sessions = 0 }),
        "101 sessions" => With("end", new { sessions = 101 }),
        "end before the start" => With("end", new { date = Member.Date(5) }),
        "end more than 2 years after the start" => With("end", new { date = Member.Date(10 + (366 * 2) + 2) }),
        "both sessions and date" => With("end", new { sessions = 3, date = Member.Date(60) }),
        "neither sessions nor date" => With("end", new { }),
        "unknown peer as first focus" => With("firstFocusUserId", "00000000-0000-0000-0000-00000000dead"),

        // The agreement runs from 7 to 180 days from today.
        "firstStart before the agreement's start date" => With("firstStart", SeriesApp.LocalStart("Europe/London", 3, 15)),
        "sessions running past the agreement's planned end" => With("end", new { sessions = 20 }),
        "end date past the agreement's planned end" => With("end", new { date = Member.Date(200) }),
        "not JSON" => new RawJson("{ not json"),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_naming_the_field_and_creates_nothing(string name, string field)
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var rowsBefore = (await _series.PairRowsAsync(pairId)).Count;
        app.DevTenant.Requests.Clear();

        using var response = await SeriesApp.PostAsync(ana, pairId, BodyFor(name), SeriesApp.NewKey());

        await ProblemAssert.IsValidationProblemAsync(response, field);
        await AssertNothingCreatedAsync(pairId, rowsBefore);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("semi;colon-key")]
    public async Task A_missing_or_malformed_Idempotency_Key_is_a_400_naming_the_header_and_creates_nothing(string? key)
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var rowsBefore = (await _series.PairRowsAsync(pairId)).Count;
        app.DevTenant.Requests.Clear();

        using var response = await SeriesApp.PostAsync(ana, pairId, SeriesApp.Body(), key);

        await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        await AssertNothingCreatedAsync(pairId, rowsBefore);
    }

    [Fact]
    public async Task A_pair_that_is_not_active_gets_a_409_and_nothing_is_created()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        var proposed = await ana.ProposeAsync([Member.Ben]);
        var pairId = Member.IdOf(proposed);
        var rowsBefore = (await _series.PairRowsAsync(pairId)).Count;
        app.DevTenant.Requests.Clear();

        using var response = await SeriesApp.PostAsync(ana, pairId, SeriesApp.Body(), SeriesApp.NewKey());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        await AssertNothingCreatedAsync(pairId, rowsBefore);
    }

    [Fact]
    public async Task Someone_outside_the_pair_gets_a_404()
    {
        using var ana = _series.As(Member.Ana);
        using var ben = _series.As(Member.Ben);
        using var chloe = _series.As(Member.Chloe);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));

        using var response = await SeriesApp.PostAsync(chloe, pairId, SeriesApp.Body(), SeriesApp.NewKey());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task AssertNothingCreatedAsync(string pairId, int rowsBefore)
    {
        Assert.Empty(app.DevTenant.Requests.Snapshot());
        var rows = await _series.PairRowsAsync(pairId);
        Assert.Equal(rowsBefore, rows.Count);
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("e_", StringComparison.Ordinal) || row.RowKey.StartsWith("k_", StringComparison.Ordinal)
            || row.RowKey.StartsWith("s_", StringComparison.Ordinal) || row.RowKey == "notebook");
        Assert.Empty(await _series.SeriesIndexRowsAsync());
    }

    private static Dictionary<string, object?> With(string field, object? value)
    {
        var body = SeriesApp.Body();
        body[field] = value;
        return body;
    }

    // 01:30 on the last Sunday of March in London: the clocks go from 01:00 to 02:00, so it never happens.
    private static string NextGap()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = today.Month >= 3 ? today.Year + 1 : today.Year;
        var lastSunday = new DateOnly(year, 3, 31);
        while (lastSunday.DayOfWeek != DayOfWeek.Sunday)
        {
            lastSunday = lastSunday.AddDays(-1);
        }

        return lastSunday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T01:30:00";
    }

    public void Dispose() => _series.Dispose();
}
