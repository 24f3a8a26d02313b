namespace PeerMentor365.DevTenant.Graph;

/// <summary>Runs one Graph request (outer or batch item): injected faults, Outlook's mailbox concurrency, then the handler.</summary>
internal sealed class GraphService(GraphRouter router, FaultSwitch faults, MailboxConcurrency concurrency)
{
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
