using NodaTime;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Goals;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.SessionAgenda;
using PeerMentor365.Api.Sessions;

namespace PeerMentor365.Api.PairSummary;

/// <summary>
/// A pair's next session and short history, from its partition. A series' sessions are its planned occurrences (at the
/// time their row holds when one was moved; only the sessions before an ended series' end); sessions created through
/// POST …/sessions are their rows. The next session of a series that has no row yet gets one (insert-or-read by its
/// deterministic id, as the Agenda look-up does), so the pane can open its Agenda view.
/// </summary>
internal sealed class PairSummaryReader(
    SessionStore sessions, SeriesStore series, SeriesSessionStore seriesSessions, CommitmentStore commitments, GoalStore goals)
{
    public async Task<PairSummaryResponse> ReadAsync(MemberPair member, Instant now, CancellationToken cancellationToken)
    {
        var pair = member.Stored.Value;
        // Independent reads of one partition: together, so the summary costs the slowest of them, not their sum.
        var rows = sessions.ListAsync(pair.Id, member.Me, cancellationToken);
        var allSeries = series.ListAsync(pair.Id, cancellationToken);
        var allCommitments = commitments.ListAsync(pair.Id, CommitmentStore.ListAll, null, cancellationToken);
        var allGoals = goals.ListAsync(pair.Id, cancellationToken);
        await Task.WhenAll(rows, allSeries, allCommitments, allGoals);

        var stored = (await rows).Select(r => r.Session.Value).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var held = 0;
        var upcoming = new List<Upcoming>();
        foreach (var session in stored.Values.Where(s => s.Occurrence is null))
        {
            if (session.End <= now)
            {
                held++;
            }
            else
            {
                upcoming.Add(new Upcoming(session.Start, session, null));
            }
        }

        foreach (var one in (await allSeries).Select(s => s.Value).Where(s => s.Status is SeriesStatus.Active or SeriesStatus.Ended))
        {
            if (SeriesOccurrences.Of(one) is not { } plan)
            {
                continue;
            }

            foreach (var (index, originalStart, plannedEnd) in plan.Planned)
            {
                if (one.Status == SeriesStatus.Ended && originalStart >= (one.EndedAt ?? Instant.MinValue))
                {
                    break;
                }

                var row = stored.GetValueOrDefault(SeriesSessionStore.SessionId(one.Id, originalStart));
                if ((row?.End ?? plannedEnd) <= now)
                {
                    held++;
                }
                else if (one.Status == SeriesStatus.Active)
                {
                    upcoming.Add(new Upcoming(row?.Start ?? originalStart, row, new Planned(one, index, originalStart, plannedEnd)));
                }
            }
        }

        var next = upcoming.MinBy(u => u.Start) is { } first ? await SessionOfAsync(pair, first, now, cancellationToken) : null;
        var commitmentList = (await allCommitments).Select(c => c.Value).ToList();
        var goalList = (await allGoals).Select(g => g.Value).ToList();
        var active = goalList.Where(g => g.Status == GoalStatus.Active).ToList();
        return new PairSummaryResponse(
            next is null ? null : new NextSessionSummary(next.Id, Wire.Format(next.Start), Wire.Format(next.End), next.FocusUserId, next.Occurrence?.SeriesId),
            held,
            new PairCommitmentCounts(
                commitmentList.Count(c => c.IsOpen),
                commitmentList.Count(c => c.IsOverdue(now)),
                commitmentList.Count(c => c.Status == CommitmentStatus.Done),
                commitmentList.Count(c => c.Status == CommitmentStatus.Dropped)),
            new PairGoalCounts(
                active.Count,
                goalList.Count(g => g.Status == GoalStatus.Achieved),
                active.Count == 0 ? null : (int)Math.Round(active.Average(g => g.Progress), MidpointRounding.AwayFromZero)));
    }

    private async Task<Session> SessionOfAsync(Pair pair, Upcoming upcoming, Instant now, CancellationToken cancellationToken)
    {
        if (upcoming.Row is { } row)
        {
            return row;
        }

        var (one, index, originalStart, plannedEnd) = upcoming.Planned!;
        return (await seriesSessions.InsertPlannedOrReadAsync(pair, one, index, originalStart, plannedEnd, now, cancellationToken)).Value;
    }

    private sealed record Upcoming(Instant Start, Session? Row, Planned? Planned);

    private sealed record Planned(PairSeries Series, int Index, Instant OriginalStart, Instant End);
}

/// <summary>What My peers shows for a pair: its next session and how it has gone so far.</summary>
internal sealed record PairSummaryResponse(NextSessionSummary? NextSession, int SessionsHeld, PairCommitmentCounts Commitments, PairGoalCounts Goals);

/// <summary>The pair's next session (the one under way, else the next to start), whose turn it is, its series if any.</summary>
internal sealed record NextSessionSummary(string SessionId, string Start, string End, string FocusUserId, string? SeriesId);

/// <summary>Every member's commitments: open (overdue ones among them), done and dropped.</summary>
internal sealed record PairCommitmentCounts(int Open, int Overdue, int Done, int Dropped);

/// <summary>Every member's goals: active ones with their average progress (null without any), and achieved ones.</summary>
internal sealed record PairGoalCounts(int Active, int Achieved, int? AverageProgress);
