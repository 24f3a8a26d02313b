using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Commitments;

/// <summary>
/// Commitments (docs/pairs-api.md): GET and POST /api/pairs/{pairId}/commitments,
/// PATCH /api/pairs/{pairId}/commitments/{commitmentId} (any member).
/// </summary>
internal static class CommitmentsApi
{
    private static readonly IReadOnlyList<string> ListStatuses = [.. Commitment.StatusNames, CommitmentStore.ListAll];

    public static WebApplicationBuilder AddCommitments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CommitmentStore>();
        builder.Services.AddSingleton<DefaultDue>();
        return builder;
    }

    public static RouteGroupBuilder MapCommitments(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Commitments");
        var pair = group.MapMemberPair();
        pair.MapGet("/commitments", ListCommitments).WithName("ListCommitments");
        pair.MapPost("/commitments", AddCommitment).WithName("AddCommitment").AcceptsJson(CommitmentRequests.New);
        pair.MapPatch("/commitments/{commitmentId}", UpdateCommitment).WithName("UpdateCommitment").AcceptsJson(CommitmentRequests.Patch);
        return group;
    }

    private static async Task<Results<Ok<CommitmentListResponse>, ValidationProblem, ProblemHttpResult>> ListCommitments(
        string pairId, string? status, string? sessionId, CommitmentStore commitments, IClock clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var wanted = status ?? "open";
        if (!ListStatuses.Contains(wanted, StringComparer.Ordinal))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", ListStatuses)}."];
        }

        if (sessionId is not null && !Ids.IsValid(sessionId, Ids.Session))
        {
            errors["sessionId"] = ["sessionId must be a session id (s_…)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetCurrentInstant();
        var list = await commitments.ListAsync(pairId, wanted, sessionId, cancellationToken);
        return TypedResults.Ok(new CommitmentListResponse([.. list.Select(item => CommitmentResponse.From(item, now))]));
    }

    private static async Task<Results<Created<CommitmentResponse>, ValidationProblem, ProblemHttpResult>> AddCommitment(
        string pairId,
        HttpContext http,
        SignedInUser user,
        CommitmentStore commitments,
        SessionStore sessions,
        DefaultDue defaultDue,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var (me, pair) = MemberPair.Of(http);

        var (body, errors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = Wire.ToSecond(clock.GetCurrentInstant());
        var text = body.Text(CommitmentRequests.Text);
        var owner = ReadOwner(body, pair.Value) ?? me;
        var due = ReadDue(body, now);
        var sessionId = await ReadSessionAsync(body, pairId, sessions, cancellationToken);
        if (!body.IsValid)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (Conflicts.IfClosed(pair.Value) is { } closed)
        {
            return closed;
        }

        var commitment = new Commitment(
            Ids.NewestFirst(Ids.Commitment, clock.GetCurrentInstant()),
            pairId,
            owner,
            text!,
            due ?? await defaultDue.ForAsync(user, pair.Value, sessionId, now, cancellationToken),
            CommitmentStatus.Open,
            sessionId,
            null,
            now,
            now,
            null,
            null);
        var response = CommitmentResponse.From(await commitments.AddAsync(commitment, cancellationToken), now);
        http.Response.Headers.ETag = response.Etag;
        return TypedResults.Created($"/api/pairs/{pairId}/commitments/{commitment.Id}", response);
    }

    private static async Task<Results<Ok<CommitmentResponse>, ValidationProblem, ProblemHttpResult>> UpdateCommitment(
        string pairId,
        string commitmentId,
        HttpContext http,
        CommitmentStore commitments,
        SessionStore sessions,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var (me, pair) = MemberPair.Of(http);

        var stored = await commitments.FindAsync(pairId, commitmentId, cancellationToken);
        if (stored is null)
        {
            return PairAccess.ItemNotFound("commitment");
        }

        var (change, problem) = await ConditionalChange.ReadAsync(http.Request, withIfMatch: true, ChangeBody.Required, cancellationToken);
        if (change is null)
        {
            return problem!;
        }

        var now = Wire.ToSecond(clock.GetCurrentInstant());
        var patch = await ReadPatchAsync(change.Body!, pair.Value, now, sessions, cancellationToken);
        if (patch is null)
        {
            return TypedResults.ValidationProblem(change.Body!.Errors);
        }

        var conditional = Conditional(now);
        if (await conditional.RefuseAsync(http.Response, stored, change.IfMatch!, Conflicts.IfClosed(pair.Value), cancellationToken) is { } refused)
        {
            return refused;
        }

        var (changed, fields, sessionProblem) = stored.Value.Apply(patch, now);
        if (sessionProblem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sessionId"] = [sessionProblem] });
        }

        return await conditional.SaveAsync(
            http.Response, stored, change.IfMatch!, fields.Count == 0 ? null : () => commitments.SaveAsync(stored, changed!, fields, cancellationToken), cancellationToken);
    }

    private static async Task<CommitmentPatch?> ReadPatchAsync(JsonBody body, Pair pair, Instant now, SessionStore sessions, CancellationToken cancellationToken)
    {
        var text = body.Text(CommitmentRequests.ChangedText);
        var due = ReadDue(body, now);
        var status = body.Choice(CommitmentRequests.Status);
        var owner = ReadOwner(body, pair);
        var sessionId = await ReadSessionAsync(body, pair.Id, sessions, cancellationToken);
        body.CheckPatch();

        return body.IsValid
            ? new CommitmentPatch(text, due, status is null ? null : Commitment.ParseStatus(status), owner, sessionId)
            : null;
    }

    /// <summary>A real date from a year ago to two years ahead (UTC dates, a day's slack either side for zones).</summary>
    private static LocalDate? ReadDue(JsonBody body, Instant now)
    {
        var today = now.InUtc().Date;
        return body.Date(CommitmentRequests.Due, today.PlusYears(-1).PlusDays(-1), today.PlusYears(2).PlusDays(1));
    }

    private static string? ReadOwner(JsonBody body, Pair pair)
    {
        var owner = body.Text(CommitmentRequests.OwnerId)?.ToLowerInvariant();
        if (owner is not null && !pair.IsMember(owner))
        {
            body.Add("ownerId", "ownerId must be the user id of a member of the pair.");
            return null;
        }

        return owner;
    }

    private static async Task<string?> ReadSessionAsync(JsonBody body, string pairId, SessionStore sessions, CancellationToken cancellationToken)
    {
        var sessionId = body.Text(CommitmentRequests.SessionId);
        if (sessionId is not null && await sessions.FindAsync(pairId, sessionId, cancellationToken) is null)
        {
            body.Add("sessionId", "sessionId must be a session of this pair.");
            return null;
        }

        return sessionId;
    }

    // Whether a commitment is overdue depends on now, so its answers are made for this request's now.
    private static ConditionalResource<Commitment, CommitmentResponse> Conditional(Instant now) => new(
        (commitment, _) => ValueTask.FromResult(CommitmentResponse.From(commitment, now)), response => response.Etag, Commitment.Fields, () => PairAccess.ItemNotFound("commitment"));
}

internal sealed record CommitmentListResponse(IReadOnlyList<CommitmentResponse> Commitments);

internal sealed record CommitmentResponse(
    string Id,
    string Etag,
    string PairId,
    string OwnerId,
    string Text,
    [property: WireText(WireText.Date)] string Due,
    string Status,
    bool Overdue,
    string? CreatedInSession,
    string? ClosedInSession,
    [property: WireText(WireText.Instant)] string CreatedAt,
    [property: WireText(WireText.Instant)] string UpdatedAt,
    [property: WireText(WireText.Instant)] string? ClosedAt)
{
    public static CommitmentResponse From(Versioned<Commitment> stored, Instant now)
    {
        var commitment = stored.Value;
        return new CommitmentResponse(
            commitment.Id,
            ApiETag.From(stored.ETag),
            commitment.PairId,
            commitment.OwnerId,
            commitment.Text,
            Wire.Format(commitment.Due),
            Commitment.StatusName(commitment.Status),
            commitment.IsOverdue(now),
            commitment.CreatedInSession,
            commitment.ClosedInSession,
            Wire.Format(commitment.CreatedAt),
            Wire.Format(commitment.UpdatedAt),
            Wire.Format(commitment.ClosedAt));
    }
}
