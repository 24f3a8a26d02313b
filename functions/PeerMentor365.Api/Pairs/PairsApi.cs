using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Compression;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Pairs;

/// <summary>
/// Pairs and their agreement (docs/pairs-api.md):
/// GET /api/pairs · POST /api/pairs · GET /api/pairs/{pairId} · PUT /api/pairs/{pairId}/agreement ·
/// POST /api/pairs/{pairId}/accept | pause | resume | close.
/// </summary>
internal static class PairsApi
{
    /// <summary>Bodies here are small JSON objects; 64 KB leaves room for the longest texts in any script.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    private static readonly ConditionalResource<Pair, PairResponse> Conditional = new(
        (pair, _) => ValueTask.FromResult(PairResponse.From(pair)), response => response.Etag, Pair.Fields, PairAccess.PairNotFound);

    private delegate PairChange PairAction(Pair pair, string me, Instant now);

    public static WebApplicationBuilder AddPairs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PairStore>();
        builder.Services.AddSingleton<PeerDirectory>();
        return builder;
    }

    public static RouteGroupBuilder MapPairs(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Pairs");
        group.MapGet("", ListPairs).WithName("ListPairs").WithoutCompression(UncompressedAnswer.SeveralPairs);
        group.MapPost("", ProposePair).WithName("ProposePair").AcceptsJson(ProposalReader.Shape);
        var pair = group.MapMemberPair();
        pair.MapGet("", GetPair).WithName("GetPair");
        pair.MapPut("/agreement", ChangeAgreement).WithName("ChangeAgreement").AcceptsJson(AgreementRules.Shape);
        pair.MapPost("/accept", AcceptAgreement).WithName("AcceptAgreement");
        pair.MapPost("/pause", PausePair).WithName("PausePair");
        pair.MapPost("/resume", ResumePair).WithName("ResumePair");
        pair.MapPost("/close", ClosePair).WithName("ClosePair").AcceptsJson(ClosingRequest.Shape);
        return group;
    }

    /// <summary>The /api/pairs group with what every pairs route shares: sign-in, storage, body size, tag.</summary>
    public static RouteGroupBuilder MapPairsGroup(this RouteGroupBuilder api, string tag) =>
        api.MapGroup("/pairs")
            .WithTags(tag)
            .RequireAuthorization(ApiAuthentication.AccessAsUser)
            .RequireStorage()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));

    private static async Task<Results<Ok<PairListResponse>, ProblemHttpResult>> ListPairs(
        SignedInUser user, PairStore pairs, CancellationToken cancellationToken)
    {
        if (!PairAccess.TryGetUserId(user, out var me))
        {
            return PairAccess.NoObjectId();
        }

        var mine = await pairs.ListForMemberAsync(me, cancellationToken);
        return TypedResults.Ok(new PairListResponse([.. mine.Select(PairResponse.From)]));
    }

    private static async Task<Results<Created<PairResponse>, ValidationProblem, ProblemHttpResult>> ProposePair(
        HttpContext http, SignedInUser user, PairStore pairs, PeerDirectory directory, IClock clock, CancellationToken cancellationToken)
    {
        if (!PairAccess.TryGetUserId(user, out var me))
        {
            return PairAccess.NoObjectId();
        }

        var (body, bodyErrors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.ValidationProblem(bodyErrors);
        }

        var now = Wire.ToSecond(clock.GetCurrentInstant());
        var proposal = ProposalReader.Read(body, user.Mail, now.InUtc().Date);
        if (proposal is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        var found = await directory.FindByMailAsync(user, proposal.PeerMails, cancellationToken);
        var problems = new List<string>();
        var peers = new List<PairMember>();
        foreach (var mail in proposal.PeerMails)
        {
            if (!found.TryGetValue(mail, out var person))
            {
                problems.Add($"No one in your organization has the address {mail}.");
            }
            else if (person.Id.Equals(me, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{mail} is you: list only your peers.");
            }
            else if (peers.Any(peer => peer.UserId.Equals(person.Id, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{mail} is someone already listed under another address.");
            }
            else
            {
                peers.Add(new PairMember(person.Id.ToLowerInvariant(), person.Mail, person.DisplayName, null));
            }
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["peers"] = [.. problems] });
        }

        var proposer = new PairMember(me, user.Mail, http.User.FindFirst("name")?.Value ?? user.Mail, null);
        var pair = Pair.Propose(Ids.NewestFirst(Ids.Pair, clock.GetCurrentInstant()), proposer, peers, proposal.Agreement, now);
        var stored = await pairs.CreateAsync(pair, cancellationToken);
        var response = PairResponse.From(stored);
        http.Response.Headers.ETag = response.Etag;
        return TypedResults.Created($"/api/pairs/{pair.Id}", response);
    }

    private static Results<Ok<PairResponse>, ProblemHttpResult> GetPair(string pairId, HttpContext http)
    {
        var response = PairResponse.From(MemberPair.Of(http).Stored);
        http.Response.Headers.ETag = response.Etag;
        return TypedResults.Ok(response);
    }

    private static Task<Results<Ok<PairResponse>, ValidationProblem, ProblemHttpResult>> ChangeAgreement(
        string pairId, HttpContext http, PairStore pairs, IClock clock, CancellationToken cancellationToken) =>
        ApplyAsync(http, pairs, clock, ChangeBody.Required, body =>
        {
            var agreement = AgreementRules.Read(body!, clock.GetCurrentInstant().InUtc().Date);
            return agreement is null ? null : (pair, me, now) => pair.ChangeAgreement(me, agreement, now);
        }, cancellationToken);

    private static Task<Results<Ok<PairResponse>, ValidationProblem, ProblemHttpResult>> AcceptAgreement(
        string pairId, HttpContext http, PairStore pairs, IClock clock, CancellationToken cancellationToken) =>
        ApplyAsync(http, pairs, clock, ChangeBody.None, _ => (pair, me, now) => pair.Accept(me, now), cancellationToken);

    private static Task<Results<Ok<PairResponse>, ValidationProblem, ProblemHttpResult>> PausePair(
        string pairId, HttpContext http, PairStore pairs, IClock clock, CancellationToken cancellationToken) =>
        ApplyAsync(http, pairs, clock, ChangeBody.None, _ => (pair, _, now) => pair.Pause(now), cancellationToken);

    private static Task<Results<Ok<PairResponse>, ValidationProblem, ProblemHttpResult>> ResumePair(
        string pairId, HttpContext http, PairStore pairs, IClock clock, CancellationToken cancellationToken) =>
        ApplyAsync(http, pairs, clock, ChangeBody.None, _ => (pair, _, now) => pair.Resume(now), cancellationToken);

    // The note is optional, and so is the body.
    private static Task<Results<Ok<PairResponse>, ValidationProblem, ProblemHttpResult>> ClosePair(
        string pairId, HttpContext http, PairStore pairs, IClock clock, CancellationToken cancellationToken) =>
        ApplyAsync(http, pairs, clock, ChangeBody.Optional, body =>
        {
            var note = body?.Text(ClosingRequest.Note);
            return body is { IsValid: false } ? null : (pair, me, now) => pair.Close(me, note, now);
        }, cancellationToken);

    /// <summary>
    /// A change another feature makes to the pair alongside its own (a series adopting its schedule), along the same
    /// conditional path as <see cref="ApplyAsync"/>: 412 when <paramref name="ifMatch"/> is not the stored version or
    /// another write came first, 409 for the pair's refusal. Returns the saved pair, or the answer.
    /// </summary>
    public static async Task<(Versioned<Pair>? Saved, ProblemHttpResult? Refused)> ChangeAsync(
        HttpResponse response, PairStore pairs, Versioned<Pair> stored, IfMatch ifMatch, PairChange change, CancellationToken cancellationToken)
    {
        var refusal = change.Refusal is null ? null : Conflicts.NotNow(change.Refusal);
        if (await Conditional.RefuseAsync(response, stored, ifMatch, refusal, cancellationToken) is { } refused)
        {
            return (null, refused);
        }

        if (change.Fields.Count == 0)
        {
            return (stored, null);
        }

        var result = await pairs.SaveAsync(stored, change, cancellationToken);
        return result.Succeeded ? (result.Saved, null) : (null, await Conditional.LostAsync(response, result, ifMatch, cancellationToken));
    }

    /// <summary>
    /// A change to the member's pair (its filter has answered 403/404 already) along the one conditional path:
    /// If-Match (428/400), the body (400), the client's version (412), the pair's status (409), then a write
    /// conditional on the stored ETag (412 if someone was quicker).
    /// </summary>
    /// <param name="readAction">The change the body asks for; null when the body is invalid (its errors are then answered).</param>
    private static async Task<Results<Ok<PairResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        HttpContext http,
        PairStore pairs,
        IClock clock,
        ChangeBody bodyMode,
        Func<JsonBody?, PairAction?> readAction,
        CancellationToken cancellationToken)
    {
        var (me, stored) = MemberPair.Of(http);

        var (request, problem) = await ConditionalChange.ReadAsync(http.Request, withIfMatch: true, bodyMode, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var action = readAction(request.Body);
        if (action is null)
        {
            return TypedResults.ValidationProblem(request.Body!.Errors);
        }

        var change = action(stored.Value, me, Wire.ToSecond(clock.GetCurrentInstant()));
        var refusal = change.Refusal is null ? null : Conflicts.NotNow(change.Refusal);
        if (await Conditional.RefuseAsync(http.Response, stored, request.IfMatch!, refusal, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await Conditional.SaveAsync(
            http.Response, stored, request.IfMatch!, change.Fields.Count == 0 ? null : () => pairs.SaveAsync(stored, change, cancellationToken), cancellationToken);
    }
}
