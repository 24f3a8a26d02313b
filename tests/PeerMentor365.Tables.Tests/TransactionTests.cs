using Azure;

namespace PeerMentor365.Tables.Tests;

[Collection(AzuriteGroup.Name)]
public sealed class TransactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_100_action_transaction_applies_every_action_and_answers_each_with_its_etag()
    {
        var table = await azurite.CreateTableAsync();

        var response = await table.SubmitTransactionAsync(Adds("p", 0, 100));

        Assert.Equal(202, response.GetRawResponse().Status);
        Assert.Equal(100, response.Value.Count);
        Assert.All(response.Value, action => Assert.Equal(204, action.Status));
        Assert.All(response.Value, action => Assert.NotNull(action.Headers.ETag));
        Assert.Equal(100, await CountAsync(table, "p"));
        var stored = (await table.GetEntityAsync<NoteEntity>("p", Key(42))).Value;
        Assert.Equal(response.Value[42].Headers.ETag, stored.ETag);
    }

    [Fact]
    public async Task A_101_action_transaction_is_refused_before_sending_and_writes_nothing()
    {
        var table = await azurite.CreateTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Adds("p", 0, 101)));

        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(table, "p"));
    }

    [Fact]
    public async Task A_transaction_across_partitions_is_refused_by_the_client_although_azurite_would_accept_it()
    {
        // A client whose endpoint has no server: any request would fail with a transport error, so an ArgumentException proves nothing was sent.
        var unreachable = new TableClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={PeerMentor365.TestSupport.AzuriteServer.AccountKey};TableEndpoint=http://127.0.0.1:9/devstoreaccount1",
            "nowhere",
            new TableClientOptions { Retry = { MaxRetries = 0 } });
        var actions = Adds("a", 0, 2).Concat(Adds("b", 2, 1)).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => unreachable.SubmitTransactionAsync(actions));

        Assert.Contains("one partition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_touching_a_row_twice_or_empty_is_refused_before_sending()
    {
        var table = await azurite.CreateTableAsync();
        var twice = new[]
        {
            new TableTransactionAction(TableTransactionActionType.Add, new NoteEntity { PartitionKey = "p", RowKey = "r" }),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new NoteEntity { PartitionKey = "p", RowKey = "r" }),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(twice));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        Assert.Equal(0, await CountAsync(table, "p"));
    }

    [Fact]
    public async Task A_failing_action_rolls_back_the_whole_transaction_and_is_named_by_its_index()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = Key(3), Text = "already here" });
        var actions = Adds("p", 0, 6).ToList();

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(3, error.FailedTransactionActionIndex);
        Assert.Equal(1, await CountAsync(table, "p"));
        Assert.Equal("already here", (await table.GetEntityAsync<NoteEntity>("p", Key(3))).Value.Text);
    }

    [Fact]
    public async Task A_stale_etag_in_a_transaction_fails_it_with_412_and_nothing_changes()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "a", Text = "v1" });
        var stale = (await table.GetEntityAsync<NoteEntity>("p", "a")).Value;
        await table.UpsertEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "a", Text = "v2" });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new NoteEntity { PartitionKey = "p", RowKey = "b" }),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new NoteEntity { PartitionKey = "p", RowKey = "a", Text = "v3" }, stale.ETag),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal("v2", (await table.GetEntityAsync<NoteEntity>("p", "a")).Value.Text);
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>("p", "b")).HasValue);
    }

    [Fact]
    public async Task Every_action_type_works_in_one_transaction()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "merge", Owner = "ana", Text = "old" });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "replace", Owner = "ana", Text = "old" });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "delete" });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "upsertmerge", Owner = "ana" });
        var current = (await table.GetEntityAsync<NoteEntity>("p", "merge")).Value.ETag;

        var response = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new NoteEntity { PartitionKey = "p", RowKey = "add", Text = "new" }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["Text"] = "merged" }, current),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["Text"] = "replaced" }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsertmerge") { ["Text"] = "merged" }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new NoteEntity { PartitionKey = "p", RowKey = "upsertreplace", Text = "inserted" }),
        ]);

        Assert.Equal(6, response.Value.Count);
        Assert.Equal(("new"), (await table.GetEntityAsync<NoteEntity>("p", "add")).Value.Text);
        var merged = (await table.GetEntityAsync<NoteEntity>("p", "merge")).Value;
        Assert.Equal(("ana", "merged"), (merged.Owner, merged.Text));
        var replaced = (await table.GetEntityAsync<NoteEntity>("p", "replace")).Value;
        Assert.Equal((null, "replaced"), (replaced.Owner, replaced.Text));
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>("p", "delete")).HasValue);
        var upsertMerged = (await table.GetEntityAsync<NoteEntity>("p", "upsertmerge")).Value;
        Assert.Equal(("ana", "merged"), (upsertMerged.Owner, upsertMerged.Text));
        Assert.Equal("inserted", (await table.GetEntityAsync<NoteEntity>("p", "upsertreplace")).Value.Text);
    }

    [Fact]
    public async Task Keys_with_quotes_and_spaces_work_inside_a_transaction()
    {
        var table = await azurite.CreateTableAsync();
        const string partition = "O'Brien & co";
        await table.AddEntityAsync(new NoteEntity { PartitionKey = partition, RowKey = "it's old" });

        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new NoteEntity { PartitionKey = partition, RowKey = "it's new" }),
            new TableTransactionAction(TableTransactionActionType.Delete, new NoteEntity { PartitionKey = partition, RowKey = "it's old" }),
        ]);

        Assert.True((await table.GetEntityIfExistsAsync<NoteEntity>(partition, "it's new")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>(partition, "it's old")).HasValue);
    }

    private static string Key(int i) => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<TableTransactionAction> Adds(string partitionKey, int from, int count) =>
        Enumerable.Range(from, count).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add, new NoteEntity { PartitionKey = partitionKey, RowKey = Key(i), Order = i }));

    private static async Task<int> CountAsync(TableClient table, string partitionKey)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<NoteEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
