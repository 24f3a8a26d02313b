using Azure;

namespace PeerMentor365.Tables;

/// <summary>A response that carries no value (<see cref="TableClient.GetEntityIfExistsAsync{T}"/> on a missing entity).</summary>
internal sealed class NoValueResponse<T>(Response response) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T Value => throw new InvalidOperationException("The entity does not exist; check HasValue first.");

    public override Response GetRawResponse() => response;
}

/// <summary>Pages of a query, following the service's continuation headers until it gives none.</summary>
internal sealed class TableQueryPageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> readPage, int? maxPerPage, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var token = continuationToken;
        do
        {
            // A page may be empty and still have a continuation (the service stopped at a partition or time limit).
            var page = await readPage(token, pageSizeHint ?? maxPerPage, CancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
