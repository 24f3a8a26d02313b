using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PeerMentor365.Api.OneNote;

/// <summary>
/// Every OneNote call of one user goes through here: at most <see cref="OneNoteOptions.MaxConcurrentPerUser"/> in flight
/// and <see cref="OneNoteOptions.MaxPerMinutePerUser"/> started per rolling minute, and a throttled call is tried again
/// after each of <see cref="OneNoteOptions.RetryDelaysMilliseconds"/> (plus jitter) because OneNote's 429 has no
/// Retry-After. The waits go through an injected delay, so tests need no real sleeps. Thread-safe.
/// </summary>
internal sealed class OneNotePacer
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly OneNoteOptions _options;
    private readonly IReadOnlyList<int> _retryDelays;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _random;
    private readonly ConcurrentDictionary<string, UserLane> _lanes = new(StringComparer.Ordinal);

    public OneNotePacer(IOptions<OneNoteOptions> options, TimeProvider clock)
        : this(options.Value, clock, (wait, token) => Task.Delay(wait, clock, token), Random.Shared.NextDouble)
    {
    }

    /// <param name="options">The limits.</param>
    /// <param name="clock">Where "now" comes from (the rolling minute).</param>
    /// <param name="delay">How to wait (tests pass one that advances their clock).</param>
    /// <param name="random">0..1 for the jitter.</param>
    internal OneNotePacer(OneNoteOptions options, TimeProvider clock, Func<TimeSpan, CancellationToken, Task> delay, Func<double> random)
    {
        _options = options;
        _retryDelays = options.RetryDelays() ?? throw new ArgumentException("OneNote:RetryDelaysMilliseconds is not valid.", nameof(options));
        _clock = clock;
        _delay = delay;
        _random = random;
    }

    /// <summary>
    /// Runs <paramref name="call"/> (which makes <paramref name="calls"/> OneNote requests, e.g. 2 items of one $batch)
    /// for <paramref name="userKey"/> within the limits; a result or exception that <paramref name="isThrottled"/> /
    /// <see cref="IsThrottled(Exception)"/> recognises is retried after the configured waits, then returned or thrown as is.
    /// </summary>
    public async Task<T> RunAsync<T>(string userKey, int calls, Func<CancellationToken, Task<T>> call, Func<T, bool> isThrottled, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        var lane = _lanes.GetOrAdd(userKey, _ => new UserLane(_options.MaxConcurrentPerUser));
        var width = Math.Min(calls, _options.MaxConcurrentPerUser);
        for (var attempt = 0; ; attempt++)
        {
            T result;
            var more = attempt < _retryDelays.Count;
            await EnterAsync(lane, width, calls, cancellationToken);
            try
            {
                result = await call(cancellationToken);
            }
            catch (Exception error) when (more && IsThrottled(error))
            {
                lane.Release(width);
                await BackOffAsync(attempt, cancellationToken);
                continue;
            }
            catch
            {
                lane.Release(width);
                throw;
            }

            lane.Release(width);
            if (!more || !isThrottled(result))
            {
                return result;
            }

            await BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>Calls in flight for the user now (for tests and diagnostics).</summary>
    public int InFlight(string userKey) => _lanes.TryGetValue(userKey, out var lane) ? lane.InFlight : 0;

    /// <summary>A Graph failure that means "throttled": 429, or OneNote's busy codes answered as 503/504.</summary>
    public static bool IsThrottled(Exception error) => error switch
    {
        Microsoft.Kiota.Abstractions.ApiException api => api.ResponseStatusCode is 429 or 503 or 504,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsThrottled),
        _ => false,
    };

    private async Task EnterAsync(UserLane lane, int width, int calls, CancellationToken cancellationToken)
    {
        // Slots are taken one caller at a time, so two callers each needing several never hold part of them and wait forever.
        await lane.Entry.WaitAsync(cancellationToken);
        var taken = 0;
        try
        {
            for (; taken < width; taken++)
            {
                await lane.Slots.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            if (taken > 0)
            {
                lane.Slots.Release(taken);
            }

            throw;
        }
        finally
        {
            lane.Entry.Release();
        }

        lane.Entered(width);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (lane.Starts)
                {
                    var now = _clock.GetUtcNow();
                    while (lane.Starts.Count > 0 && now - lane.Starts.Peek() >= Window)
                    {
                        lane.Starts.Dequeue();
                    }

                    if (lane.Starts.Count + calls <= _options.MaxPerMinutePerUser || lane.Starts.Count == 0)
                    {
                        for (var i = 0; i < calls; i++)
                        {
                            lane.Starts.Enqueue(now);
                        }

                        return;
                    }

                    // Wait until enough of the oldest starts leave the window.
                    var leaving = Math.Min(lane.Starts.Count, lane.Starts.Count + calls - _options.MaxPerMinutePerUser);
                    wait = lane.Starts.ElementAt(leaving - 1) + Window - now;
                }

                await _delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), cancellationToken);
            }
        }
        catch
        {
            lane.Release(width);
            throw;
        }
    }

    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var baseWait = _retryDelays[attempt];
        var jitter = baseWait * 0.25 * _random();
        return _delay(TimeSpan.FromMilliseconds(baseWait + jitter), cancellationToken);
    }

    private sealed class UserLane(int concurrency)
    {
        private int _inFlight;

        public SemaphoreSlim Slots { get; } = new(concurrency, concurrency);

        public SemaphoreSlim Entry { get; } = new(1, 1);

        public Queue<DateTimeOffset> Starts { get; } = new();

        public int InFlight => Volatile.Read(ref _inFlight);

        public void Entered(int width) => Interlocked.Add(ref _inFlight, width);

        public void Release(int width)
        {
            Interlocked.Add(ref _inFlight, -width);
            Slots.Release(width);
        }
    }
}
