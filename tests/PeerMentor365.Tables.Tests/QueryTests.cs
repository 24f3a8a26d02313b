using Azure;

namespace PeerMentor365.Tables.Tests;

[Collection(AzuriteGroup.Name)]
public sealed class QueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_query_over_2500_entities_follows_continuations_and_returns_each_exactly_once()
    {
        var table = await azurite.CreateTableAsync("many");
        await InsertAsync(table, "bulk", 2500);

        var pages = new List<Page<NoteEntity>>();
        await foreach (var page in table.QueryAsync<NoteEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"bulk"}")).AsPages())
        {
            pages.Add(page);
        }

        var rowKeys = pages.SelectMany(page => page.Values).Select(entity => entity.RowKey).ToList();
        Assert.Equal(2500, rowKeys.Count);
        Assert.Equal(2500, rowKeys.Distinct().Count());
        Assert.True(pages.Count >= 3, $"the service pages at 1,000 entities, so 2,500 need at least 3 pages; got {pages.Count}");
        Assert.All(pages.SkipLast(1), page => Assert.NotNull(page.ContinuationToken));
        Assert.Null(pages[^1].ContinuationToken);
    }

    [Fact]
    public async Task Max_per_page_limits_each_page_not_the_total()
    {
        var table = await azurite.CreateTableAsync();
        await InsertAsync(table, "p", 25);

        var pageSizes = new List<int>();
        await foreach (var page in table.QueryAsync<NoteEntity>(maxPerPage: 10).AsPages())
        {
            pageSizes.Add(page.Values.Count);
        }

        Assert.Equal(25, pageSizes.Sum());
        Assert.All(pageSizes, size => Assert.InRange(size, 0, 10));
        Assert.Equal([10, 10, 5], pageSizes.Where(size => size > 0));
    }

    [Fact]
    public async Task Enumerating_items_spans_pages_and_a_continuation_token_resumes_where_a_page_ended()
    {
        var table = await azurite.CreateTableAsync();
        await InsertAsync(table, "p", 7);

        var all = new List<string>();
        await foreach (var entity in table.QueryAsync<NoteEntity>(maxPerPage: 3))
        {
            all.Add(entity.RowKey);
        }

        string? token = null;
        await foreach (var page in table.QueryAsync<NoteEntity>(maxPerPage: 3).AsPages())
        {
            token = page.ContinuationToken;
            break;
        }

        var resumed = new List<string>();
        await foreach (var page in table.QueryAsync<NoteEntity>(maxPerPage: 3).AsPages(token))
        {
            resumed.AddRange(page.Values.Select(entity => entity.RowKey));
        }

        Assert.Equal(7, all.Count);
        Assert.Equal(all.Skip(3), resumed);
    }

    [Fact]
    public async Task Filter_and_select_return_only_matching_entities_with_only_the_selected_properties()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair1", RowKey = "1", Owner = "ana", Text = "a", Order = 1 });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair1", RowKey = "2", Owner = "ben", Text = "b", Order = 2 });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair1", RowKey = "3", Owner = "ana", Text = "c", Order = 3 });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair2", RowKey = "1", Owner = "ana", Text = "d", Order = 4 });

        var found = new List<NoteEntity>();
        await foreach (var entity in table.QueryAsync<NoteEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {"pair1"} and Owner eq {"ana"} and Order ge {2}"), select: ["Owner", "Order"]))
        {
            found.Add(entity);
        }

        var only = Assert.Single(found);
        Assert.Equal(("pair1", "3", "ana", 3, null), (only.PartitionKey, only.RowKey, only.Owner, only.Order, only.Text));
        Assert.NotEqual(default, only.ETag);
    }

    [Fact]
    public async Task Typed_literals_match_int64_double_guid_datetime_and_bool_properties()
    {
        var table = await azurite.CreateTableAsync();
        var id = Guid.NewGuid();
        var moment = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "hit", Large = (1L << 53) + 1, Ratio = 2.0, Id = id, Moment = moment, Flag = true, State = CommitmentState.Done });
        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "miss", Large = 1L << 53, Ratio = 2.5, Id = Guid.NewGuid(), Moment = moment.AddSeconds(1), Flag = false });

        async Task<List<string>> RowKeys(string filter)
        {
            var keys = new List<string>();
            await foreach (var entity in table.QueryAsync<NarrowEntity>(filter))
            {
                keys.Add(entity.RowKey);
            }

            return keys;
        }

        Assert.Equal(["hit"], await RowKeys(TableClient.CreateQueryFilter($"Large eq {(1L << 53) + 1}")));
        Assert.Equal(["hit"], await RowKeys(TableClient.CreateQueryFilter($"Ratio eq {2.0}")));
        Assert.Equal(["hit"], await RowKeys(TableClient.CreateQueryFilter($"Id eq {id}")));
        Assert.Equal(["hit"], await RowKeys(TableClient.CreateQueryFilter($"Moment eq {moment}")));
        Assert.Equal(["hit"], await RowKeys(TableClient.CreateQueryFilter($"Flag eq {true}")));
        Assert.Equal(["hit"], await RowKeys(TableClient.CreateQueryFilter($"State eq {CommitmentState.Done}")));
        Assert.Equal(["miss"], await RowKeys(TableClient.CreateQueryFilter($"Moment gt {moment}")));
    }

    [Theory]
    [InlineData("O'Brien", "an apostrophe in a name")]
    [InlineData("x' or PartitionKey ne '", "an attempt to widen the filter")]
    [InlineData("'", "a lone quote")]
    [InlineData("a'' or ''1''=''1", "already-doubled quotes")]
    [InlineData("100% & done?", "URL-significant characters")]
    public async Task A_user_value_with_quotes_matches_exactly_its_own_entity_and_cannot_inject(string owner, string reason)
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair1", RowKey = "target", Owner = owner, Text = reason });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair1", RowKey = "other", Owner = "someone else" });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair2", RowKey = "foreign", Owner = "x" });

        var found = new List<string>();
        await foreach (var entity in table.QueryAsync<NoteEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"pair1"} and Owner eq {owner}")))
        {
            found.Add(entity.RowKey);
        }

        Assert.Equal(["target"], found);
    }

    [Fact]
    public async Task A_malformed_filter_is_a_400_request_failure()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r" });

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in table.QueryAsync<NoteEntity>("PartitionKey eq"))
            {
            }
        });

        Assert.Equal((400, "InvalidInput"), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task Max_per_page_outside_1_to_1000_and_bad_select_names_are_refused()
    {
        var table = await azurite.CreateTableAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => table.QueryAsync<NoteEntity>(maxPerPage: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.QueryAsync<NoteEntity>(maxPerPage: 1001));
        Assert.Throws<ArgumentException>(() => table.QueryAsync<NoteEntity>(select: ["Owner,Text&$top=1"]));
    }

    private static async Task InsertAsync(TableClient table, string partitionKey, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                TableTransactionActionType.Add,
                new NoteEntity { PartitionKey = partitionKey, RowKey = i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), Order = i })));
        }
    }
}
