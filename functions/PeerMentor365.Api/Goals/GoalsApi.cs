using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Goals;

/// <summary>
/// Each member's SMART goals (docs/pairs-api.md): GET and POST /api/pairs/{pairId}/goals,
/// PATCH /api/pairs/{pairId}/goals/{goalId} (the owner only).
/// </summary>
internal static class GoalsApi
{
    private static readonly ConditionalResource<Goal, GoalResponse> Conditional = new(
        (goal, _) => ValueTask.FromResult(GoalResponse.From(goal)), response => response.Etag, Goal.Fields, () => PairAccess.ItemNotFound("goal"));

    public static WebApplicationBuilder AddGoals(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GoalStore>();
        return builder;
    }

    public static RouteGroupBuilder MapGoals(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Goals");
        var pair = group.MapMemberPair();
        pair.MapGet("/goals", ListGoals).WithName("ListGoals");
        pair.MapPost("/goals", AddGoal).WithName("AddGoal").AcceptsJson(GoalRequests.New);
        pair.MapPatch("/goals/{goalId}", UpdateGoal).WithName("UpdateGoal").AcceptsJson(GoalRequests.Patch);
        return group;
    }

    private static async Task<Results<Ok<GoalListResponse>, ProblemHttpResult>> ListGoals(
        string pairId, GoalStore goals, CancellationToken cancellationToken)
    {
        var list = await goals.ListAsync(pairId, cancellationToken);
        return TypedResults.Ok(new GoalListResponse([.. list.Select(GoalResponse.From)]));
    }

    private static async Task<Results<Created<GoalResponse>, ValidationProblem, ProblemHttpResult>> AddGoal(
        string pairId, HttpContext http, GoalStore goals, IClock clock, CancellationToken cancellationToken)
    {
        var (me, pair) = MemberPair.Of(http);

        var (body, errors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = Wire.ToSecond(clock.GetCurrentInstant());
        var today = now.InUtc().Date;
        var title = body.Text(GoalRequests.Title);
        var measure = body.Text(GoalRequests.Measure);
        var target = body.Date(GoalRequests.TargetDate, today.PlusYears(-1), today.PlusYears(2));
        if (!body.IsValid)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (Conflicts.IfClosed(pair.Value) is { } closed)
        {
            return closed;
        }

        var goal = new Goal(Ids.NewestFirst(Ids.Goal, clock.GetCurrentInstant()), pairId, me, title!, measure!, target!.Value, 0, GoalStatus.Active, now, now);
        var response = GoalResponse.From(await goals.AddAsync(goal, cancellationToken));
        http.Response.Headers.ETag = response.Etag;
        return TypedResults.Created($"/api/pairs/{pairId}/goals/{goal.Id}", response);
    }

    private static async Task<Results<Ok<GoalResponse>, ValidationProblem, ProblemHttpResult>> UpdateGoal(
        string pairId, string goalId, HttpContext http, GoalStore goals, IClock clock, CancellationToken cancellationToken)
    {
        var (me, pair) = MemberPair.Of(http);

        var stored = await goals.FindAsync(pairId, goalId, cancellationToken);
        if (stored is null)
        {
            return PairAccess.ItemNotFound("goal");
        }

        var (change, problem) = await ConditionalChange.ReadAsync(http.Request, withIfMatch: true, ChangeBody.Required, cancellationToken);
        if (change is null)
        {
            return problem!;
        }

        var now = Wire.ToSecond(clock.GetCurrentInstant());
        var patch = ReadPatch(change.Body!, now.InUtc().Date);
        if (patch is null)
        {
            return TypedResults.ValidationProblem(change.Body!.Errors);
        }

        if (await Conditional.RefuseAsync(http.Response, stored, change.IfMatch!, Conflicts.IfClosed(pair.Value), cancellationToken) is { } refused)
        {
            return refused;
        }

        if (stored.Value.OwnerId != me)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "Only the goal's owner can change it.");
        }

        var (changed, fields) = stored.Value.Apply(patch, now);
        return await Conditional.SaveAsync(
            http.Response, stored, change.IfMatch!, fields.Count == 0 ? null : () => goals.SaveAsync(stored, changed, fields, cancellationToken), cancellationToken);
    }

    private static GoalPatch? ReadPatch(JsonBody body, LocalDate today)
    {
        var title = body.Text(GoalRequests.ChangedTitle);
        var measure = body.Text(GoalRequests.ChangedMeasure);
        var target = body.Date(GoalRequests.ChangedTargetDate, today.PlusYears(-1), today.PlusYears(2));
        var progress = body.Int(GoalRequests.Progress);
        var status = body.Choice(GoalRequests.Status);
        body.CheckPatch();

        return body.IsValid ? new GoalPatch(title, measure, target, progress, status is null ? null : Goal.ParseStatus(status)) : null;
    }
}

internal sealed record GoalListResponse(IReadOnlyList<GoalResponse> Goals);

internal sealed record GoalResponse(
    string Id,
    string Etag,
    string PairId,
    string OwnerId,
    string Title,
    string Measure,
    [property: WireText(WireText.Date)] string TargetDate,
    int Progress,
    string Status,
    [property: WireText(WireText.Instant)] string CreatedAt,
    [property: WireText(WireText.Instant)] string UpdatedAt)
{
    public static GoalResponse From(Versioned<Goal> stored)
    {
        var goal = stored.Value;
        return new GoalResponse(
            goal.Id,
            ApiETag.From(stored.ETag),
            goal.PairId,
            goal.OwnerId,
            goal.Title,
            goal.Measure,
            Wire.Format(goal.TargetDate),
            goal.Progress,
            Goal.StatusName(goal.Status),
            Wire.Format(goal.CreatedAt),
            Wire.Format(goal.UpdatedAt));
    }
}
