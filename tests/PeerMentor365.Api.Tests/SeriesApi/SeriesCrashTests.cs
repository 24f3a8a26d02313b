using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>
/// A crash is not a retry: the API as its own process is killed (SIGKILL) while a series creation is at a given step,
/// on a dev tenant that lives on (as Microsoft 365 outlives our process); the API is started again on the same Azurite
/// and the same request with the same Idempotency-Key ends in 201 with exactly one event in each calendar, one notebook,
/// one section and one page.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SeriesCrashTests(ApiApplication app)
{
    private const string NotebookAnswerLost = "the notebook POST ran and its answer is on its way";
    private const string EventThrottled = "the notebook is made and the event waits on Graph's Retry-After";
    private const string PageAnswerLost = "the page POST ran and its answer is on its way";
    private const string EventAnswerLost = "the event POST ran and its answer is on its way";

    private const int LeaseSeconds = 10;

    // The shortest lease a deployment may set (docs/settings.md), so the repeats wait out as little as they can. The
    // Retry-After the test throttles with (30 s) is below the longest the API waits for, so the API is waiting on it.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Series:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Graph:MaxRetryAfterSeconds"] = "60",
    };

    public static TheoryData<string> KillPoints => [NotebookAnswerLost, EventThrottled, PageAnswerLost, EventAnswerLost];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_creation_killed_at_a_step_is_resumed_after_a_restart_with_exactly_one_event_notebook_section_and_page(string killPoint)
    {
        var storage = ApiProcess.NewStorage();
        var key = SeriesApp.NewKey();
        var body = SeriesApp.Body();
        string pairId;
        Counts before;
        await using (var first = await ApiProcess.StartAsync(app, storage, Settings))
        {
            // Emma and Finn, as in the other never-twice tests: the shared tenant's other organizers are left alone.
            var emma = first.As(Member.Emma);
            pairId = Member.IdOf(await emma.ActivePairAsync(first.As(Member.Finn)));
            before = Counts.Of(app.DevTenant);
            using var step = Arm(killPoint);
            var creating = SeriesApp.PostAsync(emma, pairId, body, key);
            if (await Task.WhenAny(step.Reached, creating) != step.Reached)
            {
                Assert.Fail($"The creation ended before it reached the step ({killPoint}): {await DescribeAsync(creating)}\n{first.Output}");
            }

            // The creation is waiting on the step (the held answer or the Retry-After); the process dies under it, and
            // its connection with it: the POST fails without an answer, at once.
            await first.KillAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => creating);
        }

        await using var second = await ApiProcess.StartAsync(app, storage, Settings);
        var emmaAgain = second.As(Member.Emma);
        var series = await RepeatUntilCreatedAsync(emmaAgain, pairId, body, key);
        var (replay, replayed) = await SeriesApp.CreateAsync(emmaAgain, pairId, body, key);

        Assert.Equal("active", series.GetProperty("status").GetString());
        Assert.True(replayed);
        Assert.Equal(series.GetRawText(), replay.GetRawText());
        Assert.Equal(before.OneMoreOfEach(), Counts.Of(app.DevTenant));
        var listed = await emmaAgain.GetAsync($"/api/pairs/{pairId}/series");
        Assert.Equal(series.GetProperty("id").GetString(), Member.IdOf(Assert.Single(listed.GetProperty("series").EnumerateArray())));
    }

    /// <summary>Sets the dev tenant up so that the creation stops at <paramref name="killPoint"/>; Reached completes when it is there.</summary>
    private KillPoint Arm(string killPoint) => killPoint switch
    {
        NotebookAnswerLost => Held(app.DevTenant.HoldAnswers((method, path) => method == "POST" && path.Equals("/me/onenote/notebooks", StringComparison.OrdinalIgnoreCase))),
        PageAnswerLost => Held(app.DevTenant.HoldAnswers((method, path) => method == "POST" && path.EndsWith("/pages", StringComparison.OrdinalIgnoreCase))),
        EventAnswerLost => Held(app.DevTenant.HoldAnswers((method, path) => method == "POST" && path.Equals("/me/events", StringComparison.OrdinalIgnoreCase))),
        EventThrottled => Throttled(),
        _ => throw new ArgumentException(killPoint, nameof(killPoint)),
    };

    private static KillPoint Held(GraphAnswerHold hold) => new(hold.WhenHeldAsync(1), hold.Dispose);

    private KillPoint Throttled()
    {
        var answered = app.DevTenant.Requests.NextAsync(request => request is { IsBatchItem: true, Method: "POST", Path: "/me/events", Status: 429 });
        app.DevTenant.Faults.Set(new FaultOptions
        {
            Rate = 1,
            Kind = FaultKind.TooManyRequests,
            RetryAfterSeconds = 30,
            Target = FaultTarget.BatchItemsOnly,
            PathPrefix = "/me/events",
            MaxFaults = 1,
        });
        return new KillPoint(answered, app.DevTenant.Faults.Off);
    }

    /// <summary>
    /// The same request until it is created, as the pane does: while the killed attempt's lease is live the answer is 409
    /// with Retry-After, repeated after that wait (the protocol's own); anything else but 201 fails the test. The lease
    /// was last renewed before the kill and each repeat waits at least its Retry-After, so a bounded number of repeats
    /// outlasts it however slow the machine.
    /// </summary>
    private static async Task<JsonElement> RepeatUntilCreatedAsync(Member member, string pairId, object body, string key)
    {
        for (var repeat = 1; ; repeat++)
        {
            using var response = await SeriesApp.PostAsync(member, pairId, body, key);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }

            var wait = response.Headers.RetryAfter?.Delta;
            Assert.True(
                response.StatusCode == HttpStatusCode.Conflict && wait is { } delay && repeat * delay.TotalSeconds <= LeaseSeconds + (2 * delay.TotalSeconds),
                $"Repeat {repeat}: expected 201, or 409 with Retry-After while the lease lapses, got {(int)response.StatusCode} (Retry-After {wait}): {text}");
            await Task.Delay(wait!.Value);
        }
    }

    private static async Task<string> DescribeAsync(Task<HttpResponseMessage> finished)
    {
        try
        {
            using var response = await finished;
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        catch (HttpRequestException failure)
        {
            return failure.Message;
        }
        catch (TaskCanceledException failure)
        {
            return failure.Message;
        }
    }

    private sealed class KillPoint(Task reached, Action release) : IDisposable
    {
        public Task Reached { get; } = reached;

        public void Dispose() => release();
    }

    /// <summary>The series masters and events in the organizer's (Emma's) and the attendee's (Finn's) calendars, Emma's notebooks, their sections and pages.</summary>
    private sealed record Counts(int OrganizerEvents, int AttendeeEvents, int Notebooks, int Sections, int Pages)
    {
        public static Counts Of(DevTenantServer tenant)
        {
            var notebooks = tenant.OneNote.NotebooksOf(Member.Emma);
            return new Counts(
                tenant.EventsIn(Member.Emma).Count,
                tenant.EventsIn(Member.Finn).Count,
                notebooks.Count,
                notebooks.Sum(notebook => notebook.Sections.Count),
                notebooks.Sum(notebook => notebook.Pages.Count()));
        }

        public Counts OneMoreOfEach() => new(OrganizerEvents + 1, AttendeeEvents + 1, Notebooks + 1, Sections + 1, Pages + 1);
    }
}
