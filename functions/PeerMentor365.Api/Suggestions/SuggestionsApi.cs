using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Problems;
using PeerMentor365.Api.Requests;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Suggestions;

/// <summary>Settings of the Suggestions section.</summary>
internal sealed class SuggestionsOptions
{
    public const string Section = "Suggestions";

    /// <summary>Suggestion requests one user may make per minute (each reads up to 20 calendars); 0 = no limit.</summary>
    public int RequestsPerUserPerMinute { get; set; } = 30;
}

/// <summary>POST /api/suggestions: ranked recurring slots for the signed-in organizer and their peers.</summary>
internal static partial class SuggestionsApi
{
    public const string RateLimitPolicy = "suggestions-per-user";

    private const long MaxBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddSuggestions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SuggestionsOptions>().BindConfiguration(SuggestionsOptions.Section)
            .Validate(o => o.RequestsPerUserPerMinute >= 0, "Suggestions:RequestsPerUserPerMinute must be 0 (no limit) or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ScheduleReader>();
        var perMinute = builder.Configuration.GetValue(SuggestionsOptions.Section + ":" + nameof(SuggestionsOptions.RequestsPerUserPerMinute), new SuggestionsOptions().RequestsPerUserPerMinute);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", "Too many suggestion requests; wait a moment.");
            };
            limiter.AddPolicy(RateLimitPolicy, http => perMinute == 0
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter(
                    http.User.FindFirst(SignedInUser.ObjectIdClaim)?.Value ?? http.User.FindFirst(SignedInUser.MailClaim)?.Value ?? "anonymous",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static RouteGroupBuilder MapSuggestions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/suggestions")
            .WithTags("Suggestions")
            .RequireAuthorization(ApiAuthentication.AccessAsUser)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        group.MapPost("", SuggestSlots)
            .WithName("SuggestSlots")
            .AcceptsJson(SuggestionRequestReader.Shape)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Ok<SuggestionResponse>, ValidationProblem>> SuggestSlots(
        HttpRequest http,
        SignedInUser user,
        UserGraphClients graphs,
        ScheduleReader schedules,
        IClock clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var (request, errors) = await SuggestionRequestReader.ReadAsync(http, user.Mail, now.InUtc().Date, cancellationToken);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var stopwatch = Stopwatch.StartNew();
        var mails = new List<string>(request.Peers.Count + 1) { user.Mail };
        mails.AddRange(request.Peers);
        var reading = await schedules.ReadAsync(graphs.For(user), mails, SearchSpan(request, now), cancellationToken);

        var unknownPeers = reading.Unresolved.Where(mail => !string.Equals(mail, user.Mail, StringComparison.OrdinalIgnoreCase)).ToList();
        if (unknownPeers.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["peers"] = [.. unknownPeers.Select(mail => $"No one in your organization has the address {mail}.")],
            });
        }

        if (reading.Unresolved.Count > 0)
        {
            throw new GraphUnavailableException("Microsoft Graph could not read your own calendar.", StatusCodes.Status502BadGateway, null);
        }

        var graphMs = stopwatch.ElapsedMilliseconds;
        var organizer = reading.People[0];
        var organizerZone = organizer.WorkingHours?.Zone ?? DateTimeZone.Utc;
        var today = now.InZone(organizerZone).Date;
        var firstDay = request.EarliestStart ?? today.PlusDays(1);
        if (firstDay < today || firstDay > today.PlusDays(SuggestionRequestReader.MaxLeadDays))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["earliestStart"] = [$"earliestStart must be today or later in your time zone ({organizerZone.Id}), and within {SuggestionRequestReader.MaxLeadDays} days."],
            });
        }

        var window = new Interval(
            organizerZone.AtStartOfDay(firstDay).ToInstant(),
            organizerZone.AtStartOfDay(firstDay.PlusMonths(request.HorizonMonths)).ToInstant());
        var participants = reading.People.Select(person => ScheduleParticipants.From(
            person.Mail, reading.Directory.GetValueOrDefault(person.Mail)?.DisplayName, person.WorkingHours, person.Busy, organizerZone, window)).ToList();
        var found = SlotFinder.FindSlots(new SuggestionQuery(
            participants, request.Length, request.Cadence, window.Start, window.End, request.MaxSuggestions));

        var coreMs = stopwatch.ElapsedMilliseconds - graphMs;
        var logger = loggers.CreateLogger(typeof(SuggestionsApi));
        LogSuggested(logger, found.Slots.Count, participants.Count, request.HorizonMonths, graphMs, coreMs, reading.Directory.Count);
        return TypedResults.Ok(new SuggestionResponse(
            user.Mail,
            new TimeWindow(SuggestionMapping.Format(window.Start), SuggestionMapping.Format(window.End)),
            [.. participants.Select((participant, index) => SuggestionMapping.ToInfo(
                participant, reading.People[index].TimeZoneNote, reading.Directory.GetValueOrDefault(participant.Id)))],
            found.HasComfortableSlots,
            [.. found.Slots.Select(slot => SuggestionMapping.ToDto(slot, participants))],
            found.NoSlotsReason?.Message,
            SuggestionMapping.ToDto(found.NoSlotsReason)));
    }

    // Before Graph answers, the organizer's zone is unknown: read a span that covers the window in any zone
    // (UTC-12 to UTC+14), and a day either side of "tomorrow" when no start date is given.
    private static Interval SearchSpan(ValidSuggestionRequest request, Instant now)
    {
        var todayUtc = now.InUtc().Date;
        var earliestDay = request.EarliestStart ?? todayUtc;
        var latestDay = request.EarliestStart ?? todayUtc.PlusDays(2);
        return new Interval(
            earliestDay.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() - Duration.FromHours(14),
            latestDay.PlusMonths(request.HorizonMonths).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(12));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggested {SlotCount} slots for {ParticipantCount} participants ({NamedCount} named by the directory) over {HorizonMonths} months: Graph {GraphMs} ms, slot search {SearchMs} ms")]
    private static partial void LogSuggested(ILogger logger, int slotCount, int participantCount, int horizonMonths, long graphMs, long searchMs, int namedCount);
}
