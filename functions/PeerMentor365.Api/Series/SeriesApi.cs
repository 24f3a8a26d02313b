using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.OneNote;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Series.Management;
using PeerMentor365.Api.Suggestions;

namespace PeerMentor365.Api.Series;

/// <summary>
/// A pair's recurring series with its shared OneNote agenda (docs/series-api.md): POST and GET
/// /api/pairs/{pairId}/series, GET /api/pairs/{pairId}/series/{seriesId}.
/// </summary>
internal static class SeriesApi
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static WebApplicationBuilder AddSeries(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeriesOptions>().BindConfiguration(SeriesOptions.Section)
            .Validate(o => o.LeaseSeconds is >= 10 and <= 600, "Series:LeaseSeconds must be 10 to 600.")
            .ValidateOnStart();
        builder.Services.AddOptions<OneNoteOptions>().BindConfiguration(OneNoteOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OneNoteOptions>, OneNoteOptionsValidation>();
        builder.Services.AddSingleton<OneNotePacer>();
        builder.Services.AddSingleton<OneNoteGateway>();
        builder.Services.AddSingleton<SeriesStore>();
        builder.Services.AddSingleton<SeriesSessionStore>();
        builder.Services.AddSingleton<SeriesCreation>();
        return builder;
    }

    public static RouteGroupBuilder MapSeries(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Series");
        var pair = group.MapMemberPair();
        pair.MapGet("/series", ListSeries).WithName("ListSeries");
        pair.MapPost("/series", CreateSeries).WithName("CreateSeries").AcceptsJson(SeriesRequestReader.Shape).Produces<SeriesResponse>(StatusCodes.Status201Created);
        pair.MapGet("/series/{seriesId}", GetSeries).WithName("GetSeries");
        return group;
    }

    private static async Task<Ok<SeriesListResponse>> ListSeries(string pairId, SeriesStore store, SeriesCreation creation, CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(pairId, cancellationToken);
        var answers = new List<SeriesResponse>(stored.Count);
        foreach (var series in stored)
        {
            answers.Add(await creation.ReadAsync(series, cancellationToken));
        }

        return TypedResults.Ok(new SeriesListResponse(answers));
    }

    private static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> GetSeries(
        string pairId, string seriesId, HttpContext http, SeriesStore store, SeriesCreation creation, CancellationToken cancellationToken)
    {
        var series = await store.FindAsync(pairId, seriesId, cancellationToken);
        if (series is null)
        {
            return PairAccess.ItemNotFound("series");
        }

        var answer = await creation.ReadAsync(series, cancellationToken);
        http.Response.Headers.ETag = answer.Etag;
        return TypedResults.Ok(answer);
    }

    private static async Task<IResult> CreateSeries(
        string pairId, HttpContext http, SignedInUser user, SeriesCreation creation, PairStore pairs, ScheduleReader schedules,
        UserGraphClients graphs, IClock clock, CancellationToken cancellationToken)
    {
        var (me, stored) = MemberPair.Of(http);
        var pair = stored.Value;
        var (key, keyProblem) = SeriesRequestReader.ReadKey(http.Request);
        var (body, errors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            if (keyProblem is not null)
            {
                errors[SeriesRequestReader.IdempotencyHeader] = [keyProblem];
            }

            return TypedResults.ValidationProblem(errors);
        }

        if (keyProblem is not null)
        {
            body.Add(SeriesRequestReader.IdempotencyHeader, keyProblem);
        }

        var request = SeriesRequestReader.Read(body, pair, clock.GetCurrentInstant());
        if (!body.IsValid || request is null || key is null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        CreateOutcome outcome;
        try
        {
            outcome = await creation.CreateAsync(
                pair, user, me, key, request.Series, token => PreflightAsync(http, user, me, stored, request, pairs, schedules, graphs, clock, token), cancellationToken);
        }
        catch (CreationTakenOverException)
        {
            outcome = new CreateOutcome.InProgress();
        }

        switch (outcome)
        {
            case CreateOutcome.Created created:
                if (created.Replayed)
                {
                    http.Response.Headers[ReplayedHeader] = "true";
                }

                http.Response.Headers.ETag = created.Series.Etag;
                return TypedResults.Created($"/api/pairs/{pairId}/series/{created.Series.Id}", created.Series);
            case CreateOutcome.KeyReused:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was already used with a different request; make a new key for a new Create.");
            case CreateOutcome.InProgress:
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Still creating",
                    detail: "An earlier request with this Idempotency-Key is still creating the series; repeat it in a moment.");
            case CreateOutcome.OtherSeries other:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The pair already has a series",
                    detail: "This pair already has a series that is being created or is active; end it before creating another.",
                    extensions: new Dictionary<string, object?> { ["seriesId"] = other.SeriesId });
            case CreateOutcome.Refused refused:
                return refused.Answer;
            case CreateOutcome.PairNotActive notActive:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Not possible now",
                    detail: $"A series can be created only for an active pair; this one is {notActive.Status}.");
            default:
                throw new InvalidOperationException("Unknown outcome " + outcome.GetType().Name);
        }
    }

    /// <summary>
    /// Before a new series is written: exactly the series asked for agrees with the agreement (or the request updates
    /// the agreement, If-Match the pair's ETag, along the pairs' one conditional path), and every one of its sessions
    /// passes the scheduling core's series check against everyone's calendar and working hours (or the request accepts
    /// the warnings). The agreement is written last, so a refusal changes nothing.
    /// </summary>
    private static async Task<Preflight> PreflightAsync(
        HttpContext http, SignedInUser user, string me, Versioned<Pair> stored, SeriesCreationRequest request, PairStore pairs, ScheduleReader schedules,
        UserGraphClients graphs, IClock clock, CancellationToken cancellationToken)
    {
        var differs = request.DiffersFrom(stored.Value.Agreement);
        IfMatch? ifMatch = null;
        if (differs.Count > 0)
        {
            if (!request.UpdateAgreement)
            {
                return Preflight.Refuse(TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The series differs from the agreement",
                    detail: $"The agreement says {AgreementInWords(stored.Value.Agreement)}; this series is {SeriesInWords(request.Series)}. "
                        + "Send updateAgreement: true with If-Match: the pair's ETag to make it the agreement's, or create the series as agreed.",
                    extensions: new Dictionary<string, object?> { ["differsFromAgreement"] = differs }));
            }

            (ifMatch, var ifMatchProblem) = IfMatch.Read(http.Request);
            if (ifMatch is null)
            {
                return Preflight.Refuse(ifMatchProblem!);
            }
        }

        if (!request.AcceptWarnings)
        {
            var plan = request.Series.Plan();
            var starts = Enumerable.Range(0, plan.LocalStarts.Count).Select(plan.StartOf).ToList();
            var check = await SeriesRecheck.CheckAsync(
                schedules, graphs.For(user), stored.Value, me, starts, plan.Recurrence.Length, [], cancellationToken);
            if (check.NeedsConfirmation)
            {
                return Preflight.Refuse(SeriesRecheck.NeedsConfirmation(
                    check,
                    "Please confirm the series",
                    "Some session of this series clashes with someone's calendar, falls outside their working hours or on a public holiday where they work. Send the same request with acceptWarnings: true to create it anyway."));
            }
        }

        if (ifMatch is null)
        {
            return Preflight.Go(stored.Value);
        }

        var change = stored.Value.AdoptSeriesSchedule(request.Series.Cadence, request.Series.DurationMinutes, Wire.ToSecond(clock.GetCurrentInstant()));
        var (saved, refused) = await PairsApi.ChangeAsync(http.Response, pairs, stored, ifMatch, change, cancellationToken);
        return saved is null ? Preflight.Refuse(refused!) : Preflight.Go(saved.Value);
    }

    private static string AgreementInWords(Agreement agreement) => $"{agreement.Cadence}, {agreement.DurationMinutes} minutes";

    private static string SeriesInWords(SeriesRequest series) => $"{series.Cadence}, {series.DurationMinutes} minutes";

    private sealed class OneNoteOptionsValidation : IValidateOptions<OneNoteOptions>
    {
        public ValidateOptionsResult Validate(string? name, OneNoteOptions options)
        {
            var failures = options.Check();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
