using NodaTime;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Goals;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// What the Agenda view shows for one session, read from the pair's partition: the session (with the caller's own
/// rating only) and its agenda page, the members, every member's open commitments and active goals, the next session.
/// </summary>
internal sealed class AgendaView(
    SessionStore sessions, CommitmentStore commitments, GoalStore goals, NextSession nextSession)
{
    /// <summary>The agenda, or null when the pair has no such session.</summary>
    public async Task<AgendaResponse?> ReadAsync(MemberPair member, string sessionId, Instant now, CancellationToken cancellationToken)
    {
        var pair = member.Stored.Value;
        if (await sessions.FindAsync(pair.Id, sessionId, cancellationToken) is not { } stored)
        {
            return null;
        }

        var session = stored.Value;
        // Independent reads of one partition: together, so the view costs the slowest of them, not their sum.
        var myRating = sessions.FindRatingAsync(pair.Id, session.Id, member.Me, cancellationToken);
        var open = commitments.ListAsync(pair.Id, Commitment.StatusName(CommitmentStatus.Open), null, cancellationToken);
        var pairGoals = goals.ListAsync(pair.Id, cancellationToken);
        var next = nextSession.AfterAsync(session, cancellationToken);
        await Task.WhenAll(myRating, open, pairGoals, next);

        var rating = await myRating;
        return new AgendaResponse(
            new AgendaSessionResponse(
                session.Id,
                ApiETag.From(stored.ETag),
                Wire.Format(session.Start),
                Wire.Format(session.End),
                session.FocusUserId,
                rating is null ? null : new RatingResponse(rating.Rating, rating.PrivateNote, Wire.Format(rating.RatedAt)),
                session.Page.Ready is { } page ? new AgendaPageResponse(page.Id, page.Title, page.WebUrl, page.ClientUrl) : null),
            [.. pair.Members.Select(m => new AgendaMemberResponse(m.UserId, m.DisplayName, m.Mail))],
            [.. (await open).Select(c => CommitmentResponse.From(c, now))],
            [.. (await pairGoals).Where(g => g.Value.Status == GoalStatus.Active).Select(GoalResponse.From)],
            await next is { } nextStart ? new NextSessionResponse(Wire.Format(nextStart)) : null);
    }
}

internal sealed record AgendaResponse(
    AgendaSessionResponse Session,
    IReadOnlyList<AgendaMemberResponse> Members,
    IReadOnlyList<CommitmentResponse> Commitments,
    IReadOnlyList<GoalResponse> Goals,
    NextSessionResponse? NextSession);

internal sealed record AgendaSessionResponse(
    string Id, string Etag, string Start, string End, string FocusUserId, RatingResponse? MyRating, AgendaPageResponse? AgendaPage);

/// <summary>The session's agenda page once it is ready (null while none is, or one is being created).</summary>
internal sealed record AgendaPageResponse(string Id, string Title, string WebUrl, string ClientUrl);

internal sealed record AgendaMemberResponse(string UserId, string DisplayName, string Mail);

internal sealed record NextSessionResponse(string Start);
