using Microsoft.Kiota.Abstractions;
using PeerMentor365.Api.OneNote;

namespace PeerMentor365.Api.Tests.OneNote;

/// <summary>The per-user OneNote pacer: concurrency, the rolling minute and the back-off, on a test clock (no real waits).</summary>
public sealed class OneNotePacerTests
{
    [Fact]
    public async Task No_more_calls_of_one_user_run_at_once_than_allowed_while_other_users_are_not_held_up()
    {
        var clock = new TestClock();
        var pacer = new OneNotePacer(new OneNoteOptions { MaxConcurrentPerUser = 2, MaxPerMinutePerUser = 100 }, clock, clock.DelayAsync, () => 0);
        var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var running = 0;
        var most = 0;
        var calls = gates.Select((gate, index) => pacer.RunAsync("ana", 1, async _ =>
        {
            most = Math.Max(most, Interlocked.Increment(ref running));
            var value = await gate.Task;
            Interlocked.Decrement(ref running);
            return value;
        }, _ => false, CancellationToken.None)).ToList();

        var other = await pacer.RunAsync("ben", 1, _ => Task.FromResult(42), _ => false, CancellationToken.None);
        Assert.Equal(2, pacer.InFlight("ana"));
        for (var i = 0; i < gates.Count; i++)
        {
            gates[i].SetResult(i);
        }

        var values = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 5), values);
        Assert.Equal(2, most);
        Assert.Equal(42, other);
        Assert.Equal(0, pacer.InFlight("ana"));
    }

    [Fact]
    public async Task A_user_over_the_rolling_minute_waits_until_the_oldest_calls_leave_it()
    {
        var clock = new TestClock();
        var pacer = new OneNotePacer(new OneNoteOptions { MaxConcurrentPerUser = 4, MaxPerMinutePerUser = 3 }, clock, clock.DelayAsync, () => 0);

        for (var i = 0; i < 5; i++)
        {
            await pacer.RunAsync("ana", 1, _ => Task.FromResult(i), _ => false, CancellationToken.None);
        }

        // Three at t=0; the fourth waits until t=60 s; the fifth then fits (one call in the window).
        Assert.Equal([TimeSpan.FromMinutes(1)], clock.Waits);
        var batch = await pacer.RunAsync("ana", 3, _ => Task.FromResult("batch of 3"), _ => false, CancellationToken.None);
        Assert.Equal("batch of 3", batch);
        Assert.Equal(2, clock.Waits.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), clock.Waits[1]);
    }

    [Fact]
    public async Task A_throttled_call_is_tried_again_after_one_two_and_four_seconds_with_jitter_then_fails_as_it_came()
    {
        var clock = new TestClock();
        var pacer = new OneNotePacer(new OneNoteOptions(), clock, clock.DelayAsync, () => 0.5);
        var attempts = 0;

        var result = await pacer.RunAsync("ana", 1, _ => ++attempts < 3 ? throw new ApiException("throttled") { ResponseStatusCode = 429 } : Task.FromResult("made"), _ => false, CancellationToken.None);

        Assert.Equal("made", result);
        Assert.Equal([TimeSpan.FromMilliseconds(1125), TimeSpan.FromMilliseconds(2250)], clock.Waits);

        clock.Waits.Clear();
        var failed = await Assert.ThrowsAsync<ApiException>(() => pacer.RunAsync<string>("ben", 1, _ => throw new ApiException("busy") { ResponseStatusCode = 503 }, _ => false, CancellationToken.None));
        Assert.Equal(503, failed.ResponseStatusCode);
        Assert.Equal([TimeSpan.FromMilliseconds(1125), TimeSpan.FromMilliseconds(2250), TimeSpan.FromMilliseconds(4500)], clock.Waits);

        clock.Waits.Clear();
        await Assert.ThrowsAsync<ApiException>(() => pacer.RunAsync<string>("chloe", 1, _ => throw new ApiException("no") { ResponseStatusCode = 400 }, _ => false, CancellationToken.None));
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task A_result_recognised_as_throttled_is_retried_like_an_exception()
    {
        var clock = new TestClock();
        var pacer = new OneNotePacer(new OneNoteOptions { RetryDelaysMilliseconds = "10,20" }, clock, clock.DelayAsync, () => 0);
        var answers = new Queue<int>([429, 429, 429]);

        var last = await pacer.RunAsync("ana", 2, _ => Task.FromResult(answers.Dequeue()), status => status == 429, CancellationToken.None);

        Assert.Equal(429, last);
        Assert.Empty(answers);
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], clock.Waits);
    }

    /// <summary>A clock that moves only when the pacer waits: every wait is recorded and passes at once.</summary>
    private sealed class TestClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        public List<TimeSpan> Waits { get; } = [];

        public override DateTimeOffset GetUtcNow() => _now;

        public Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            Waits.Add(wait);
            _now += wait;
            return Task.CompletedTask;
        }
    }
}
