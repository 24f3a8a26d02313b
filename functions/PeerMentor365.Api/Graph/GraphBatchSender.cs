using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Graph;

/// <summary>One request inside a Graph $batch; built afresh for every attempt (a request body is read once).</summary>
/// <param name="Id">The step's id in the batch.</param>
/// <param name="Request">Builds the request.</param>
/// <param name="UsesMailbox">An Outlook request on the signed-in user's mailbox (calendar, mailbox settings), which counts
/// against Outlook's 4-concurrent-requests limit; directory requests (/users) do not.</param>
/// <param name="Optional">Nice to have: if it is still throttled when every other step is done, the batch gives up on it
/// (its answer is the failure) instead of waiting or failing the whole request.</param>
internal sealed record GraphBatchStep(string Id, Func<RequestInformation> Request, bool UsesMailbox = true, bool Optional = false);

/// <summary>
/// Sends steps as ONE Graph $batch. Outlook runs at most 4 requests per mailbox at once, so beyond 4 mailbox steps
/// they are chained with dependsOn into 4 lanes; other steps run alongside, unchained. The SDK does not retry inner
/// failures: throttled items (and those that failed only because their dependency did) are sent again in a new batch
/// after the longest Retry-After, a bounded number of times, and then the request ends with 503. Optional steps ride
/// along with those retries but never cause one.
/// </summary>
internal sealed partial class GraphBatchSender(IOptions<GraphOptions> options, TimeProvider clock, ILogger<GraphBatchSender> logger)
{
    /// <summary>Outlook's limit of concurrent requests per app and mailbox.</summary>
    public const int MailboxConcurrency = 4;

    /// <summary>Graph's limit of requests in one $batch.</summary>
    public const int MaxSteps = 20;

    public async Task<GraphBatchResult> SendAsync(GraphServiceClient graph, IReadOnlyList<GraphBatchStep> steps, CancellationToken cancellationToken)
    {
        if (steps.Count is 0 or > MaxSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps.Count, $"A $batch holds 1 to {MaxSteps} requests.");
        }

        var settings = options.Value;
        var answers = new Dictionary<string, GraphBatchAnswer>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<GraphBatchStep> pending = steps;
        for (var attempt = 0; ; attempt++)
        {
            var batch = await BuildAsync(graph, pending, cancellationToken);
            var response = await graph.Batch.PostAsync(batch, cancellationToken);
            Dictionary<string, System.Net.HttpStatusCode> statuses;
            try
            {
                statuses = await response.GetResponsesStatusCodesAsync();
            }
            catch (JsonException error)
            {
                throw GraphUnavailableException.Unreadable(error);
            }

            var again = new List<GraphBatchStep>();
            var wait = TimeSpan.Zero;
            foreach (var step in pending)
            {
                if (!statuses.TryGetValue(step.Id, out var code))
                {
                    throw new GraphUnavailableException("Microsoft Graph's $batch answer missed a request.", StatusCodes.Status502BadGateway, null);
                }

                var status = (int)code;
                answers[step.Id] = new GraphBatchAnswer(status, response);
                if (IsTransient(status))
                {
                    again.Add(step);
                    if (!step.Optional)
                    {
                        var retryAfter = await RetryAfterAsync(response, step.Id, status, attempt);
                        wait = retryAfter > wait ? retryAfter : wait;
                    }
                }
            }

            // Only optional steps left failing: keep their failures rather than wait for them.
            if (again.TrueForAll(step => step.Optional))
            {
                if (again.Count > 0)
                {
                    LogOptionalGivenUp(logger, again.Count, again[0].Id);
                }

                return new GraphBatchResult(answers);
            }

            LogThrottled(logger, again.Count, pending.Count, attempt + 1, wait.TotalSeconds);
            if (attempt >= settings.MaxThrottleRetries || wait > TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds))
            {
                throw GraphUnavailableException.Throttled(wait > TimeSpan.Zero ? wait : null);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            pending = again;
        }
    }

    private static async Task<BatchRequestContentCollection> BuildAsync(GraphServiceClient graph, IReadOnlyList<GraphBatchStep> steps, CancellationToken cancellationToken)
    {
        var batch = new BatchRequestContentCollection(graph);
        var mailboxSteps = new List<string>();
        foreach (var step in steps)
        {
            var message = await graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(step.Request(), cancellationToken)
                ?? throw new InvalidOperationException("The Graph SDK produced no HTTP request.");
            List<string>? dependsOn = null;
            if (step.UsesMailbox)
            {
                // Lane = position among mailbox steps % 4: each waits for the one 4 places before it, so at most 4 run at once.
                dependsOn = mailboxSteps.Count >= MailboxConcurrency ? [mailboxSteps[^MailboxConcurrency]] : null;
                mailboxSteps.Add(step.Id);
            }

            batch.AddBatchRequestStep(new BatchRequestStep(step.Id, message, dependsOn));
        }

        return batch;
    }

    // 424: its dependency failed (typically throttled), so it is worth sending again with it.
    private static bool IsTransient(int status) => status is 429 or 503 or 504 or 424;

    private async Task<TimeSpan> RetryAfterAsync(BatchResponseContentCollection response, string id, int status, int attempt)
    {
        if (status == 424)
        {
            return TimeSpan.Zero;
        }

        using var item = await response.GetResponseByIdAsync(id);
        var values = item.Headers.TryGetValues("Retry-After", out var headerValues)
            ? headerValues
            : item.Content.Headers.TryGetValues("Retry-After", out var contentValues) ? contentValues : [];
        // Without Retry-After, back off exponentially (1 s, 2 s, 4 s…), as Graph's guidance asks.
        return RetryAfterHeader.Parse(values, clock.GetUtcNow()) ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph $batch: gave up on {Count} optional item(s), first {StepId}, still failing after the others were done")]
    private static partial void LogOptionalGivenUp(ILogger logger, int count, string stepId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph $batch: {Failed} of {Sent} items throttled on attempt {Attempt}; waiting {WaitSeconds} s")]
    private static partial void LogThrottled(ILogger logger, int failed, int sent, int attempt, double waitSeconds);
}

/// <summary>The final answer to one step: its status and the batch response that holds it.</summary>
internal sealed record GraphBatchAnswer(int Status, BatchResponseContentCollection Response);

/// <summary>The final answers of every step of a <see cref="GraphBatchSender"/> run.</summary>
internal sealed class GraphBatchResult(IReadOnlyDictionary<string, GraphBatchAnswer> answers)
{
    public int StatusOf(string id) => answers[id].Status;

    public bool Succeeded(string id) => StatusOf(id) is >= 200 and < 300;

    /// <summary>A successful answer's JSON body, for large answers where the SDK's models are too slow to fill.</summary>
    public async Task<JsonDocument> ReadJsonAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            using var message = await answers[id].Response.GetResponseByIdAsync(id);
            await using var body = await message.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException error)
        {
            throw GraphUnavailableException.Unreadable(error);
        }
    }

    /// <summary>Deserialises a successful answer with the SDK's models.</summary>
    public async Task<T?> ReadAsync<T>(string id)
        where T : IParsable, new() => await answers[id].Response.GetResponseByIdAsync<T>(id);
}
