using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
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
        var result = new GraphBatchResult();
        try
        {
            IReadOnlyList<GraphBatchStep> pending = steps;
            for (var attempt = 0; ; attempt++)
            {
                using var batch = await BuildAsync(graph, pending, cancellationToken);
                var answers = await PostAsync(graph, batch, result, cancellationToken);
                var again = new List<GraphBatchStep>();
                var wait = TimeSpan.Zero;
                foreach (var step in pending)
                {
                    if (!answers.TryGetValue(step.Id, out var answer))
                    {
                        throw new GraphUnavailableException("Microsoft Graph's $batch answer missed a request.", StatusCodes.Status502BadGateway, null);
                    }

                    result.Set(step.Id, answer);
                    if (IsTransient(answer.Status))
                    {
                        again.Add(step);
                        if (!step.Optional)
                        {
                            var retryAfter = RetryAfter(answer, attempt);
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

                    return result;
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
        catch
        {
            result.Dispose();
            throw;
        }
    }

    // The SDK marks the single-batch content obsolete in favour of its collection, which splits past 20 steps and answers
    // with copies of every body; we never send more than MaxSteps and read the one answer ourselves (PostAsync).
#pragma warning disable CS0618
    private static async Task<BatchRequestContent> BuildAsync(GraphServiceClient graph, IReadOnlyList<GraphBatchStep> steps, CancellationToken cancellationToken)
    {
        var batch = new BatchRequestContent(graph);
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
#pragma warning restore CS0618

    /// <summary>
    /// Sends one $batch through the SDK's pipeline (token, retry and redirect handlers) and reads its answer once, as
    /// JSON, into <paramref name="result"/>: each step's answer is an element of that one document. The SDK's own batch
    /// response copies every inner body into a string and a new HTTP message, which we would then parse again; a
    /// suggestion's getSchedule answers are a few hundred kilobytes.
    /// </summary>
    private static async Task<Dictionary<string, GraphBatchAnswer>> PostAsync(
        GraphServiceClient graph, BatchRequestContent batch, GraphBatchResult result, CancellationToken cancellationToken)
    {
        var request = await graph.Batch.ToPostRequestInformationAsync(batch, cancellationToken);
        var native = new NativeResponseHandler();
        request.SetResponseHandler(native);
        await graph.RequestAdapter.SendNoContentAsync(request, cancellationToken: cancellationToken);
        using var response = native.Value as HttpResponseMessage
            ?? throw new InvalidOperationException("The Graph SDK returned no HTTP response for the $batch.");
        if (!response.IsSuccessStatusCode)
        {
            // As the SDK's own batch request does: the status and headers (Retry-After) are what callers classify.
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ServiceException("Error occured when making the batch request.", response.Headers, (int)response.StatusCode, body);
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var document = result.Keep(await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken));
            var answers = new Dictionary<string, GraphBatchAnswer>(StringComparer.OrdinalIgnoreCase);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("responses", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object
                        && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        && item.TryGetProperty("status", out var status) && status.TryGetInt32(out var code))
                    {
                        answers[id.GetString()!] = new GraphBatchAnswer(code, item);
                    }
                }
            }

            return answers;
        }
        catch (JsonException error)
        {
            throw GraphUnavailableException.Unreadable(error);
        }
    }

    // 424: its dependency failed (typically throttled), so it is worth sending again with it.
    private static bool IsTransient(int status) => status is 429 or 503 or 504 or 424;

    private TimeSpan RetryAfter(GraphBatchAnswer answer, int attempt)
    {
        if (answer.Status == 424)
        {
            return TimeSpan.Zero;
        }

        // Without Retry-After, back off exponentially (1 s, 2 s, 4 s…), as Graph's guidance asks.
        return RetryAfterHeader.Parse(answer.Header("Retry-After") is { } value ? [value] : [], clock.GetUtcNow())
            ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph $batch: gave up on {Count} optional item(s), first {StepId}, still failing after the others were done")]
    private static partial void LogOptionalGivenUp(ILogger logger, int count, string stepId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph $batch: {Failed} of {Sent} items throttled on attempt {Attempt}; waiting {WaitSeconds} s")]
    private static partial void LogThrottled(ILogger logger, int failed, int sent, int attempt, double waitSeconds);
}

/// <summary>The answer to one step: its status and its item in the $batch answer (id, status, headers, body).</summary>
internal sealed record GraphBatchAnswer(int Status, JsonElement Item)
{
    /// <summary>A header of the answer, by name ignoring case, or null.</summary>
    public string? Header(string name)
    {
        if (Item.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : header.Value.GetRawText();
                }
            }
        }

        return null;
    }
}

/// <summary>
/// The final answers of every step of a <see cref="GraphBatchSender"/> run. It holds the parsed $batch answers that
/// the steps' bodies live in: dispose it once they have been read.
/// </summary>
internal sealed class GraphBatchResult : IDisposable
{
    private readonly Dictionary<string, GraphBatchAnswer> answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<JsonDocument> documents = [];

    public int StatusOf(string id) => answers[id].Status;

    public bool Succeeded(string id) => StatusOf(id) is >= 200 and < 300;

    /// <summary>
    /// A successful answer's JSON body, read where it lies in the $batch answer (valid until this result is disposed).
    /// A body sent as a JSON string is read as the JSON it holds, as Graph's batch format allows.
    /// </summary>
    public JsonElement Body(string id)
    {
        if (!answers[id].Item.TryGetProperty("body", out var body))
        {
            throw GraphUnavailableException.Unreadable(new JsonException($"The $batch answer to {id} has no body."));
        }

        if (body.ValueKind != JsonValueKind.String)
        {
            return body;
        }

        try
        {
            return Keep(JsonDocument.Parse(body.GetString()!)).RootElement;
        }
        catch (JsonException error)
        {
            throw GraphUnavailableException.Unreadable(error);
        }
    }

    /// <summary>Deserialises a successful answer with the SDK's models (e.g. <c>User.CreateFromDiscriminatorValue</c>).</summary>
    public T? Read<T>(string id, ParsableFactory<T> factory)
        where T : IParsable => new JsonParseNode(Body(id)).GetObjectValue(factory);

    public void Dispose()
    {
        foreach (var document in documents)
        {
            document.Dispose();
        }

        documents.Clear();
    }

    internal void Set(string id, GraphBatchAnswer answer) => answers[id] = answer;

    internal JsonDocument Keep(JsonDocument document)
    {
        documents.Add(document);
        return document;
    }
}
