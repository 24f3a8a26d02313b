using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.Storage;

/// <summary>
/// What the stores rely on Azure.Data.Tables for, against Azurite: values in filters stay values, a partition of more
/// than one page is read whole, and a transaction that fails writes nothing.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class TableBehaviourTests(ApiApplication app) : IDisposable
{
    private readonly IsolatedApi _isolated = new(app);

    [Fact]
    public async Task A_quote_in_a_filtered_value_stays_part_of_the_value()
    {
        using var ana = _isolated.As(Member.Ana);
        using var ben = _isolated.As(Member.Ben);
        var pair = await ana.ActivePairAsync(ben);
        await ana.AddCommitmentAsync(pair, new { text = "Send Ben the RFC draft", due = Member.Date(7) });
        var store = _isolated.Api.Services.GetRequiredService<CommitmentStore>();

        var injected = await store.ListAsync(Member.IdOf(pair), "x' or Status ne 'x", "s' or RowKey ne '", CancellationToken.None);
        var all = await store.ListAsync(Member.IdOf(pair), CommitmentStore.ListAll, null, CancellationToken.None);

        Assert.Empty(injected);
        Assert.Single(all);
    }

    [Fact]
    public async Task A_pair_with_more_goals_than_one_page_lists_them_all()
    {
        const int count = 1005; // the service answers at most 1000 entities a page
        using var ana = _isolated.As(Member.Ana);
        using var ben = _isolated.As(Member.Ben);
        var pairId = Member.IdOf(await ana.ActivePairAsync(ben));
        var now = DateTimeOffset.UtcNow;
        var goals = Enumerable.Range(0, count).Select(i => new TableEntity(pairId, "g_" + i.ToString("D16", CultureInfo.InvariantCulture))
        {
            ["Kind"] = "goal",
            ["OwnerId"] = ana.Id,
            ["Title"] = $"Goal {i}",
            ["Measure"] = "Done",
            ["TargetDate"] = Member.Date(30),
            ["Progress"] = i % 101,
            ["Status"] = "active",
            ["CreatedAt"] = now,
            ["UpdatedAt"] = now,
        });
        var table = _isolated.Table("Pairs");
        foreach (var chunk in goals.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(goal => new TableTransactionAction(TableTransactionActionType.Add, goal)));
        }

        var listed = (await ana.GetAsync($"/api/pairs/{pairId}/goals")).GetProperty("goals");

        Assert.Equal(count, listed.GetArrayLength());
        Assert.Equal(count, listed.EnumerateArray().Select(Member.IdOf).Distinct().Count());
    }

    [Fact]
    public async Task A_series_start_that_loses_the_race_for_the_current_row_writes_nothing()
    {
        var pairId = "p_" + new string('0', 15) + "7";
        var store = _isolated.Api.Services.GetRequiredService<SeriesStore>();

        var first = await store.TryStartAsync(Key(pairId, "k_first", "e_0000000000000001"), Series(pairId, "e_0000000000000001"), current: null, CancellationToken.None);
        // Read before the first start: no current row. The transaction's third action (add it) fails, so the first two must not stay.
        var second = await store.TryStartAsync(Key(pairId, "k_second", "e_0000000000000002"), Series(pairId, "e_0000000000000002"), current: null, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(await store.FindKeyAsync(pairId, "k_second", CancellationToken.None));
        Assert.Null(await store.FindAsync(pairId, "e_0000000000000002", CancellationToken.None));
        Assert.Equal("e_0000000000000001", (await store.FindCurrentAsync(pairId, CancellationToken.None))!.SeriesId);
    }

    public void Dispose() => _isolated.Dispose();

    private static IdempotencyRow Key(string pairId, string row, string seriesId) =>
        new() { PartitionKey = pairId, RowKey = row, SeriesId = seriesId, RequestHash = "h", CreatedAt = DateTimeOffset.UtcNow };

    private static PairSeries Series(string pairId, string seriesId)
    {
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        return new PairSeries(
            seriesId, pairId, SeriesStatus.Creating, null, "o", "o@contoso.dev", null, "h", "k", null, string.Empty, string.Empty, string.Empty,
            new SeriesSection(StepProgress.None, string.Empty, null), new SeriesEvent(StepProgress.None, null, null, null, null), string.Empty, 0, now, now);
    }
}
