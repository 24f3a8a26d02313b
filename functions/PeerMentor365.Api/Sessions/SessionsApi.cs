using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using PeerMentor365.Api.Compression;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Sessions;

/// <summary>
/// Sessions and ratings (docs/pairs-api.md): GET and POST /api/pairs/{pairId}/sessions,
/// PUT /api/pairs/{pairId}/sessions/{sessionId}/rating (my own rating; no If-Match).
/// </summary>
internal static class SessionsApi
{
    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionStore>();
        return builder;
    }

    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        var group = api.MapPairsGroup("Sessions");
        var pair = group.MapMemberPair();
        pair.MapGet("/sessions", ListSessions).WithName("ListSessions").WithoutCompression(UncompressedAnswer.PrivateNotes);
        pair.MapPost("/sessions", CreateSession).WithName("CreateSession").AcceptsJson(SessionRequests.New)
            .WithoutCompression(UncompressedAnswer.PrivateNotes);
        pair.MapPut("/sessions/{sessionId}/rating", RateSession).WithName("RateSession").AcceptsJson(SessionRequests.Rating)
            .WithoutCompression(UncompressedAnswer.PrivateNotes);
        return group;
    }

    private static async Task<Results<Ok<SessionListResponse>, ProblemHttpResult>> ListSessions(
        string pairId, HttpContext http, SessionStore sessions, CancellationToken cancellationToken)
    {
        var me = MemberPair.Of(http).Me;
        var list = await sessions.ListAsync(pairId, me, cancellationToken);
        return TypedResults.Ok(new SessionListResponse([.. list.Select(item => SessionResponse.From(item.Session, item.MyRating))]));
    }

    private static async Task<Results<Created<SessionResponse>, ValidationProblem, ProblemHttpResult>> CreateSession(
        string pairId, HttpContext http, SessionStore sessions, IClock clock, CancellationToken cancellationToken)
    {
        var (me, pair) = MemberPair.Of(http);

        var (body, errors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = Wire.ToSecond(clock.GetCurrentInstant());
        var start = body.Instant(SessionRequests.Start);
        var end = body.Instant(SessionRequests.End);
        if (start is { } s && (s < now - Duration.FromDays(366) || s > now + Duration.FromDays(2 * 366)))
        {
            body.Add("start", "start must be within a year before and two years after now.");
        }

        if (start is { } from && end is { } to && (to - from < Duration.FromMinutes(Session.MinMinutes) || to - from > Duration.FromMinutes(Session.MaxMinutes)))
        {
            body.Add("end", $"end must be {Session.MinMinutes} minutes to {Session.MaxMinutes / 60} hours after start.");
        }

        if (!body.IsValid)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (Conflicts.IfClosed(pair.Value) is { } closed)
        {
            return closed;
        }

        var created = await sessions.CreateAsync(pair.Value, Wire.ToSecond(start!.Value), Wire.ToSecond(end!.Value), now, cancellationToken);
        var response = SessionResponse.From(created, null);
        http.Response.Headers.ETag = response.Etag;
        return TypedResults.Created($"/api/pairs/{pairId}/sessions/{created.Value.Id}", response);
    }

    private static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> RateSession(
        string pairId, string sessionId, HttpContext http, SessionStore sessions, IClock clock, CancellationToken cancellationToken)
    {
        var (me, pair) = MemberPair.Of(http);

        var session = await sessions.FindAsync(pairId, sessionId, cancellationToken);
        if (session is null)
        {
            return PairAccess.ItemNotFound("session");
        }

        var (body, errors) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rating = body.Int(SessionRequests.RatingValue);
        var note = body.Text(SessionRequests.PrivateNote);
        if (!body.IsValid)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        if (Conflicts.IfClosed(pair.Value) is { } closed)
        {
            return closed;
        }

        // A rating says how the session went: it can be given from the session's start on, never before.
        var now = Wire.ToSecond(clock.GetCurrentInstant());
        if (now < session.Value.Start)
        {
            return Conflicts.NotNow($"This session has not started yet: it can be rated from its start ({Wire.Format(session.Value.Start)}) on.");
        }

        var saved = await sessions.RateAsync(
            pairId,
            new SessionRating(sessionId, me, rating!.Value, string.IsNullOrEmpty(note) ? null : note, now),
            cancellationToken);
        var response = SessionResponse.From(session, saved);
        http.Response.Headers.ETag = response.Etag;
        return TypedResults.Ok(response);
    }
}

internal sealed record SessionListResponse(IReadOnlyList<SessionResponse> Sessions);

/// <summary>A session with only the caller's own rating and note.</summary>
internal sealed record SessionResponse(string Id, string Etag, string PairId, [property: WireText(WireText.Instant)] string Start, [property: WireText(WireText.Instant)] string End, string FocusUserId, RatingResponse? MyRating)
{
    public static SessionResponse From(Versioned<Session> stored, SessionRating? mine)
    {
        var session = stored.Value;
        return new SessionResponse(
            session.Id,
            ApiETag.From(stored.ETag),
            session.PairId,
            Wire.Format(session.Start),
            Wire.Format(session.End),
            session.FocusUserId,
            mine is null ? null : new RatingResponse(mine.Rating, mine.PrivateNote, Wire.Format(mine.RatedAt)));
    }
}

internal sealed record RatingResponse(int Rating, string? PrivateNote, [property: WireText(WireText.Instant)] string RatedAt);
