using Microsoft.AspNetCore.Http.HttpResults;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.Concurrency;

/// <summary>Whether a change carries a JSON object: always, when the client sends a body, or never.</summary>
internal enum ChangeBody
{
    Required,
    Optional,
    None,
}

/// <summary>
/// What a change sent, read in the order every change reads it: If-Match (428 when missing, 400 naming it when it is
/// not one of our ETags), then the JSON body (400). <see cref="ConditionalResource{T, TResponse}"/> does the rest.
/// </summary>
internal sealed record ConditionalChange(IfMatch? IfMatch, JsonBody? Body)
{
    /// <param name="request">The request.</param>
    /// <param name="withIfMatch">False for a change that is not made against a version (it reads only the body).</param>
    /// <param name="body">Whether the change carries a JSON object.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public static async Task<(ConditionalChange? Change, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, bool withIfMatch, ChangeBody body, CancellationToken cancellationToken)
    {
        IfMatch? ifMatch = null;
        if (withIfMatch)
        {
            (ifMatch, var ifMatchProblem) = IfMatch.Read(request);
            if (ifMatch is null)
            {
                return (null, ifMatchProblem);
            }
        }

        var sent = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (body == ChangeBody.None || (body == ChangeBody.Optional && !sent))
        {
            return (new ConditionalChange(ifMatch, null), null);
        }

        var (json, errors) = await JsonBody.ReadAsync(request, cancellationToken);
        return json is null ? (null, Conflicts.Invalid(errors)) : (new ConditionalChange(ifMatch, json), null);
    }
}

/// <summary>
/// How one kind of resource answers a conditional change once its body is valid: 412 when the stored version is not
/// the one the client sent (with the resource as it is now and the fields changed since), the refusal of the
/// resource's state (409, for example a closed pair), then the write conditional on the stored ETag (412 when another
/// write came first, 404 when the resource went) answered 200 with the resource and its ETag header.
/// </summary>
/// <param name="respond">The resource's answer.</param>
/// <param name="etagOf">The answer's etag.</param>
/// <param name="fields">The fields a 412 may name, in the order it names them.</param>
/// <param name="notFound">The answer when the resource went meanwhile.</param>
internal sealed class ConditionalResource<T, TResponse>(
    Func<Versioned<T>, CancellationToken, ValueTask<TResponse>> respond,
    Func<TResponse, string> etagOf,
    IReadOnlyList<string> fields,
    Func<ProblemHttpResult> notFound)
    where T : class
{
    /// <summary>412 when <paramref name="stored"/> is not at the client's version, else <paramref name="refusal"/> (null: go ahead).</summary>
    public async ValueTask<ProblemHttpResult?> RefuseAsync(
        HttpResponse response, Versioned<T> stored, IfMatch ifMatch, ProblemHttpResult? refusal, CancellationToken cancellationToken) =>
        stored.ETag != ifMatch.TableETag ? await StaleAsync(response, stored, ifMatch, cancellationToken) : refusal;

    /// <summary>Runs <paramref name="save"/> (null: nothing changed, answer <paramref name="stored"/>) and answers its outcome.</summary>
    public async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        HttpResponse response, Versioned<T> stored, IfMatch ifMatch, Func<Task<SaveResult<T>>>? save, CancellationToken cancellationToken)
    {
        var result = save is null ? SaveResult<T>.Unchanged(stored) : await save();
        if (!result.Succeeded)
        {
            return await LostAsync(response, result, ifMatch, cancellationToken);
        }

        var answer = await respond(result.Saved!, cancellationToken);
        response.Headers.ETag = etagOf(answer);
        return TypedResults.Ok(answer);
    }

    /// <summary>The answer to a conditional write that did not happen: 412 with the resource as it is now, or 404 when it went.</summary>
    public async ValueTask<ProblemHttpResult> LostAsync(HttpResponse response, SaveResult<T> result, IfMatch ifMatch, CancellationToken cancellationToken) =>
        result.Current is null ? notFound() : await StaleAsync(response, result.Current, ifMatch, cancellationToken);

    private async ValueTask<ProblemHttpResult> StaleAsync(HttpResponse response, Versioned<T> current, IfMatch seen, CancellationToken cancellationToken)
    {
        var answer = await respond(current, cancellationToken);
        return Conflicts.Stale(response, answer!, etagOf(answer), ChangeLog.ChangedSince(current.Changes, seen.TableETag, fields));
    }
}
