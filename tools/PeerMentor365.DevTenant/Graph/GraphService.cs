namespace PeerMentor365.DevTenant.Graph;

/// <summary>Runs one Graph request (outer or batch item): injected faults, Outlook's mailbox concurrency, then the handler.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The hold belongs to the test that took it, which disposes it.")]
internal sealed class GraphService(GraphRouter router, FaultSwitch faults, MailboxConcurrency concurrency)
{
    private readonly Lock _holdGate = new();
    private GraphAnswerHold? _hold;

    /// <summary>Holds the answers of requests whose method and path match (see <see cref="GraphAnswerHold"/>).</summary>
    public GraphAnswerHold HoldAnswers(Func<string, string, bool> matches)
    {
        lock (_holdGate)
        {
            if (_hold is not null)
            {
                throw new InvalidOperationException("Graph answers are already held.");
            }

            _hold = new GraphAnswerHold(matches, () =>
            {
                lock (_holdGate)
                {
                    _hold = null;
                }
            });
            return _hold;
        }
    }

    /// <summary>Completes when this request's answer may leave: at once unless a hold matches it.</summary>
    public Task AnswerAsync(GraphRequest request)
    {
        GraphAnswerHold? hold;
        lock (_holdGate)
        {
            hold = _hold;
        }

        return hold is not null && hold.Matches(request.Method, request.Path) ? hold.HoldAsync() : Task.CompletedTask;
    }

    public GraphResponse Execute(GraphRequest request)
    {
        if (DrawFault(request, isBatchItem: false) is { } fault)
        {
            return fault;
        }

        var route = router.Match(request);
        if (route.OutlookMailboxId is null)
        {
            return Run(request, route);
        }

        using var slot = concurrency.TryEnter(route.OutlookMailboxId);
        return slot is null ? MailboxConcurrencyExceeded(request) : Run(request, route);
    }

    public GraphResponse? DrawFault(GraphRequest request, bool isBatchItem)
    {
        if (faults.Draw(isBatchItem, request.Path) is not { } fault)
        {
            return null;
        }

        var response = fault.Status == 429
            ? GraphErrors.Create(request, 429, "TooManyRequests", "Too many requests. Please retry after the time given in Retry-After.")
            : GraphErrors.Create(request, 503, "ServiceUnavailable", "The service is temporarily unavailable. Please retry after the time given in Retry-After.");
        response.Headers["Retry-After"] = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }

    public GraphRoute Route(GraphRequest request) => router.Match(request);

    /// <summary>
    /// Whether the connection of this outer request, which has run, is to be dropped without an answer (fault kind
    /// DropAfterWrite): only a POST, PATCH or DELETE that succeeded; a $batch only when it holds a write item.
    /// </summary>
    public bool DropsAfterWrite(GraphRequest request, GraphResponse response)
    {
        if (!IsWrite(request.Method) || response.Status >= 400)
        {
            return false;
        }

        if (!string.Equals(request.Path.TrimEnd('/'), "/$batch", StringComparison.OrdinalIgnoreCase))
        {
            return faults.DrawDropAfterWrite([request.Path]);
        }

        var writes = BatchWritePaths(request);
        return writes.Count > 0 && faults.DrawDropAfterWrite([request.Path, .. writes]);
    }

    private static bool IsWrite(string? method) =>
        method?.ToUpperInvariant() is "POST" or "PATCH" or "DELETE" or "PUT";

    private static List<string> BatchWritePaths(GraphRequest request)
    {
        var paths = new List<string>();
        if (request.Body is System.Text.Json.Nodes.JsonObject body && JsonParameters.TryGet(body, "requests", out var items) && items is System.Text.Json.Nodes.JsonArray array)
        {
            foreach (var item in array.OfType<System.Text.Json.Nodes.JsonObject>())
            {
                JsonParameters.TryGet(item, "method", out var method);
                JsonParameters.TryGet(item, "url", out var url);
                if (IsWrite(JsonParameters.String(method)) && JsonParameters.String(url) is { } text)
                {
                    var query = text.IndexOf('?', StringComparison.Ordinal);
                    paths.Add("/" + (query < 0 ? text : text[..query]).TrimStart('/'));
                }
            }
        }

        return paths;
    }

    public IDisposable? TryEnterMailbox(string mailboxId) => concurrency.TryEnter(mailboxId);

    public static GraphResponse MailboxConcurrencyExceeded(GraphRequest request) =>
        GraphErrors.Throttled(request, MailboxConcurrency.RetryAfterSeconds, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.");

    public static GraphResponse Run(GraphRequest request, GraphRoute route)
    {
        try
        {
            return route.Handler();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A handler bug must still answer in Graph's error shape (and without the exception's text, which may hold request data).
            return GraphErrors.Create(request, 500, "InternalServerError", "The dev tenant failed to handle this request.");
        }
    }
}
