using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>Repeats, double clicks and Graph faults never make a second event, notebook or page.</summary>
[Collection(SharedApi.Name)]
public sealed class SeriesNeverTwiceTests(ApiApplication app) : IDisposable
{
    private const int MaxRepeats = 20;

    private readonly SeriesApp _series = new(app);

    public static TheoryData<string> FaultNames =>
    [
        "429 on half the requests",
        "503 on the first requests",
        "429 on OneNote items inside the batches",
        "the notebook create's answer is lost",
        "the page create's answer is lost",
        "the event create's answer is lost",
    ];

    private static FaultOptions Fault(string name) => name switch
    {
        "429 on half the requests" => new FaultOptions { Rate = 0.5, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 0, RandomSeed = 11, MaxFaults = 8 },
        "503 on the first requests" => new FaultOptions { Rate = 1, Kind = FaultKind.ServiceUnavailable, RetryAfterSeconds = 0, MaxFaults = 5 },
        "429 on OneNote items inside the batches" => new FaultOptions { Rate = 1, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 0, Target = FaultTarget.BatchItemsOnly, PathPrefix = "/me/onenote", MaxFaults = 4 },
        "the notebook create's answer is lost" => new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/me/onenote/notebooks", MaxFaults = 1 },
        "the page create's answer is lost" => new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/me/onenote/sections", MaxFaults = 1 },
        "the event create's answer is lost" => new FaultOptions { Rate = 1, Kind = FaultKind.DropAfterWrite, PathPrefix = "/me/events", MaxFaults = 1 },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task With_faults_on_repeating_until_it_succeeds_makes_exactly_one_event_notebook_and_page(string faultName)
    {
        // Emma and Finn: OneNote's per-user minute in the shared dev tenant is left to the other suites' organizers.
        using var ana = _series.As(Member.Emma);
        using var ben = _series.As(Member.Finn);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var before = Counts.Of(app.DevTenant);
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();

        var statuses = new List<HttpStatusCode>();
        app.DevTenant.Faults.Set(Fault(faultName));
        try
        {
            while (statuses.Count < MaxRepeats && statuses.LastOrDefault() != HttpStatusCode.Created)
            {
                using var response = await SeriesApp.PostAsync(ana, pairId, body, key);
                statuses.Add(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    await ProblemAssert.IsProblemAsync(response, response.StatusCode);
                }
            }
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        Assert.Equal(HttpStatusCode.Created, statuses[^1]);
        Assert.All(statuses[..^1], status => Assert.Contains(status, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway }));
        var series = await ana.GetAsync($"/api/pairs/{pairId}/series");
        Assert.Equal("active", Assert.Single(series.GetProperty("series").EnumerateArray()).GetProperty("status").GetString());
        Counts.Of(app.DevTenant).AssertOneMoreOfEach(before);
    }

    /// <summary>Each step of the creation, as the fault switch singles it out: where its request goes, and whether it is an item of a $batch.</summary>
    public static TheoryData<string, FaultKind> OneFaultPerStep()
    {
        var data = new TheoryData<string, FaultKind>();
        foreach (var step in new[] { "event", "notebook", "section", "page", "folder", "invite" })
        {
            data.Add(step, FaultKind.TooManyRequests);
            data.Add(step, FaultKind.ServiceUnavailable);
        }

        return data;
    }

    private static FaultOptions OneFaultOn(string step, FaultKind kind)
    {
        var (target, prefix) = step switch
        {
            // The notebook is created alone, outside any $batch; every other step is an item of one.
            "notebook" => (FaultTarget.OuterRequestsOnly, "/me/onenote/notebooks"),
            "section" => (FaultTarget.BatchItemsOnly, "/me/onenote/notebooks"),
            "page" => (FaultTarget.BatchItemsOnly, "/me/onenote/sections"),
            "folder" => (FaultTarget.BatchItemsOnly, "/shares"),
            "invite" => (FaultTarget.BatchItemsOnly, "/me/drive/items"),
            "event" => (FaultTarget.BatchItemsOnly, "/me/events"),
            _ => throw new ArgumentException(step),
        };
        return new FaultOptions { Rate = 1, Kind = kind, RetryAfterSeconds = 0, Target = target, PathPrefix = prefix, MaxFaults = 1 };
    }

    [Theory]
    [MemberData(nameof(OneFaultPerStep))]
    public async Task One_throttled_step_is_sent_again_within_the_request_which_ends_in_one_201_with_one_of_each(string step, FaultKind kind)
    {
        // Emma and Finn: OneNote's per-user minute in the shared dev tenant is left to the other suites' organizers.
        using var ana = _series.As(Member.Emma);
        using var ben = _series.As(Member.Finn);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var before = Counts.Of(app.DevTenant);

        app.DevTenant.Faults.Set(OneFaultOn(step, kind));
        JsonElement series;
        int injected;
        try
        {
            (series, _) = await SeriesApp.CreateAsync(ana, pairId, SeriesApp.Body(), SeriesApp.NewKey());
            injected = app.DevTenant.Faults.Injected;
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }

        Assert.Equal(1, injected);
        Assert.Equal("active", series.GetProperty("status").GetString());
        Counts.Of(app.DevTenant).AssertOneMoreOfEach(before);
        var organizerCopy = Assert.Single(app.DevTenant.EventsIn(Member.Emma), item => item.ICalUId == series.GetProperty("event").GetProperty("iCalUId").GetString());
        Assert.Equal(series.GetProperty("subject").GetString(), organizerCopy.Subject);
        Assert.True(organizerCopy.IsOnlineMeeting);
        Assert.Contains(Member.Finn, organizerCopy.AttendeeMails, StringComparer.OrdinalIgnoreCase);
        Assert.True(Assert.Single(series.GetProperty("agenda").GetProperty("sharedWith").EnumerateArray()).GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Two_clicks_at_once_with_the_same_key_make_one_series_and_both_end_with_it()
    {
        // Emma and Finn: OneNote's per-user minute in the shared dev tenant is left to the other suites' organizers.
        using var ana = _series.As(Member.Emma);
        using var ben = _series.As(Member.Finn);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var before = Counts.Of(app.DevTenant);
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();

        var answers = await Task.WhenAll(SeriesApp.PostAsync(ana, pairId, body, key), SeriesApp.PostAsync(ana, pairId, body, key));
        var codes = answers.Select(answer => answer.StatusCode).Order().ToList();
        foreach (var answer in answers)
        {
            if (answer.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal("2", answer.Headers.RetryAfter?.ToString());
            }

            answer.Dispose();
        }

        var (first, _) = await SeriesApp.CreateAsync(ana, pairId, body, key);
        var (again, replayed) = await SeriesApp.CreateAsync(ana, pairId, body, key);

        Assert.Contains(HttpStatusCode.Created, codes);
        Assert.All(codes, code => Assert.Contains(code, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.True(replayed);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Counts.Of(app.DevTenant).AssertOneMoreOfEach(before);
    }

    public void Dispose() => _series.Dispose();

    /// <summary>Events in the organizer's (Emma's) and the peer's (Finn's) calendars, Emma's notebooks and the pages in them.</summary>
    private sealed record Counts(int OrganizerEvents, int PeerEvents, int Notebooks, int Pages)
    {
        public static Counts Of(DevTenantServer tenant)
        {
            var notebooks = tenant.OneNote.NotebooksOf(Member.Emma);
            return new Counts(tenant.EventsIn(Member.Emma).Count, tenant.EventsIn(Member.Finn).Count, notebooks.Count, notebooks.Sum(notebook => notebook.Pages.Count()));
        }

        public void AssertOneMoreOfEach(Counts before) => Assert.Equal(before with { OrganizerEvents = before.OrganizerEvents + 1, PeerEvents = before.PeerEvents + 1, Notebooks = before.Notebooks + 1, Pages = before.Pages + 1 }, this);
    }
}
