using Azure.Data.Tables;
using NodaTime;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Admin;

/// <summary>Counts across the tenant, and nothing else: no text, names or ids ever leave this class.</summary>
internal sealed record ProgramHealth(
    PairCounts Pairs,
    GoalCounts Goals,
    CommitmentCounts Commitments,
    SessionCounts Sessions);

internal sealed record PairCounts(int Proposed, int Active, int Paused, int Closed);

internal sealed record GoalCounts(int Active, int Achieved, int Dropped);

internal sealed record CommitmentCounts(int Open, int Done, int Dropped, int Overdue);

/// <summary>Sessions held, how many were rated by anyone, how many ratings, and their mean (null without ratings).</summary>
internal sealed record SessionCounts(int Total, int Rated, int Ratings, double? AverageRating);

/// <summary>
/// Reads the counts with one scan of the Pairs table that selects only the kind, status and rating columns (never
/// text), and the overdue count from the due-date index, each index row checked against its commitment's nonce.
/// </summary>
internal sealed class ProgramHealthReader(MentoringTables tables, CommitmentStore commitments, IClock clock)
{
    private static readonly string[] Columns = ["PartitionKey", "RowKey", "Kind", "Status", "Rating", "SessionId", "DueIndexNonce"];

    public async Task<ProgramHealth> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(cancellationToken);
        var pairs = new Dictionary<string, int>(StringComparer.Ordinal);
        var goals = new Dictionary<string, int>(StringComparer.Ordinal);
        var commitmentStatuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var openIndexRows = new HashSet<string>(StringComparer.Ordinal);
        var sessions = 0;
        var ratedSessions = new HashSet<string>(StringComparer.Ordinal);
        var ratingCount = 0;
        var ratingSum = 0L;

        await foreach (var row in table.Pairs.QueryAsync<TableEntity>(select: Columns, cancellationToken: cancellationToken))
        {
            switch (row.GetString("Kind"))
            {
                case PairKeys.PairKind:
                    Count(pairs, row.GetString("Status"));
                    break;
                case PairKeys.GoalKind:
                    Count(goals, row.GetString("Status"));
                    break;
                case PairKeys.CommitmentKind:
                    Count(commitmentStatuses, row.GetString("Status"));
                    if (row.GetString("Status") == "open" && row.GetString("DueIndexNonce") is { } nonce)
                    {
                        openIndexRows.Add(PairKeys.DueRow(row.PartitionKey, row.RowKey, nonce));
                    }

                    break;
                case PairKeys.SessionKind:
                    sessions++;
                    break;
                case PairKeys.RatingKind when row.GetInt32("Rating") is { } rating:
                    ratingCount++;
                    ratingSum += rating;
                    ratedSessions.Add(row.PartitionKey + "/" + row.GetString("SessionId"));
                    break;
            }
        }

        var today = Commitment.TodayEverywhere(clock.GetCurrentInstant());
        var overdue = (await commitments.DueBeforeAsync(today, cancellationToken)).Count(row => openIndexRows.Contains(row.RowKey));

        return new ProgramHealth(
            new PairCounts(Get(pairs, "proposed"), Get(pairs, "active"), Get(pairs, "paused"), Get(pairs, "closed")),
            new GoalCounts(Get(goals, "active"), Get(goals, "achieved"), Get(goals, "dropped")),
            new CommitmentCounts(Get(commitmentStatuses, "open"), Get(commitmentStatuses, "done"), Get(commitmentStatuses, "dropped"), overdue),
            new SessionCounts(sessions, ratedSessions.Count, ratingCount, ratingCount == 0 ? null : Math.Round((double)ratingSum / ratingCount, 2)));
    }

    private static void Count(Dictionary<string, int> counts, string? status)
    {
        if (status is not null)
        {
            counts[status] = Get(counts, status) + 1;
        }
    }

    private static int Get(Dictionary<string, int> counts, string status) => counts.GetValueOrDefault(status);
}
