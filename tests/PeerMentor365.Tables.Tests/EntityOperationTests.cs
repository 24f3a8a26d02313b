using Azure;

namespace PeerMentor365.Tables.Tests;

[Collection(AzuriteGroup.Name)]
public sealed class EntityOperationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_added_entity_reads_back_with_its_properties_timestamp_and_the_etag_the_add_returned()
    {
        var table = await azurite.CreateTableAsync();

        var added = await table.AddEntityAsync(new NoteEntity { PartitionKey = "pair1", RowKey = "c1", Owner = "ana", Text = "Send the draft", Order = 3 });
        var read = (await table.GetEntityAsync<NoteEntity>("pair1", "c1")).Value;

        Assert.Equal(204, added.Status);
        Assert.Equal(("pair1", "c1", "ana", "Send the draft", 3), (read.PartitionKey, read.RowKey, read.Owner, read.Text, read.Order));
        Assert.NotNull(read.Timestamp);
        Assert.Equal(added.Headers.ETag, read.ETag);
    }

    [Fact]
    public async Task Adding_an_existing_entity_fails_with_entity_already_exists_and_leaves_it_unchanged()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r", Text = "first" });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r", Text = "second" }));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal("first", (await table.GetEntityAsync<NoteEntity>("p", "r")).Value.Text);
    }

    [Fact]
    public async Task Get_of_a_missing_entity_throws_404_and_get_if_exists_returns_no_value()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "present" });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<NoteEntity>("p", "absent"));
        var missing = await table.GetEntityIfExistsAsync<NoteEntity>("p", "absent");
        var present = await table.GetEntityIfExistsAsync<NoteEntity>("p", "present");

        Assert.Equal((404, "ResourceNotFound"), (error.Status, error.ErrorCode));
        Assert.False(missing.HasValue);
        Assert.Equal(404, missing.GetRawResponse().Status);
        Assert.True(present.HasValue);
        Assert.Equal("present", present.Value!.RowKey);
    }

    [Fact]
    public async Task Upsert_merge_keeps_unsent_properties_and_upsert_replace_drops_them()
    {
        var table = await azurite.CreateTableAsync();
        var original = new TableEntity("p", "r") { ["Owner"] = "ana", ["Text"] = "draft" };
        await table.UpsertEntityAsync(original);

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Text"] = "merged" }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Text"] = "replaced" }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal(("ana", "merged"), (merged.GetString("Owner"), merged.GetString("Text")));
        Assert.Equal("replaced", replaced.GetString("Text"));
        Assert.False(replaced.ContainsKey("Owner"));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_fails_with_412_and_changes_nothing()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r", Text = "v1" });
        var first = (await table.GetEntityAsync<NoteEntity>("p", "r")).Value;
        var second = (await table.GetEntityAsync<NoteEntity>("p", "r")).Value;

        first.Text = "v2 by the first peer";
        var won = await table.UpdateEntityAsync(first, first.ETag);
        second.Text = "v2 by the second peer";
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(second, second.ETag, TableUpdateMode.Replace));
        var stored = (await table.GetEntityAsync<NoteEntity>("p", "r")).Value;

        Assert.Equal((412, "UpdateConditionNotSatisfied"), (error.Status, error.ErrorCode));
        Assert.Equal("v2 by the first peer", stored.Text);
        Assert.NotEqual(first.ETag, won.Headers.ETag);
        Assert.Equal(won.Headers.ETag, stored.ETag);
    }

    [Fact]
    public async Task Update_with_the_new_etag_from_the_previous_update_succeeds()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r", Text = "v1" });
        var entity = (await table.GetEntityAsync<NoteEntity>("p", "r")).Value;

        entity.Text = "v2";
        var second = await table.UpdateEntityAsync(entity, entity.ETag);
        entity.Text = "v3";
        await table.UpdateEntityAsync(entity, second.Headers.ETag!.Value);

        Assert.Equal("v3", (await table.GetEntityAsync<NoteEntity>("p", "r")).Value.Text);
    }

    [Fact]
    public async Task Update_of_a_missing_entity_is_404_not_an_insert()
    {
        var table = await azurite.CreateTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r" }, ETag.All));

        Assert.Equal(404, error.Status);
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task Update_without_an_etag_is_refused_because_default_would_silently_mean_any_version()
    {
        var table = await azurite.CreateTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r" }, default));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_fails_and_with_the_current_etag_or_none_succeeds()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "a", Text = "v1" });
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "b" });
        var stale = (await table.GetEntityAsync<NoteEntity>("p", "a")).Value;
        stale.Text = "v2";
        var current = (await table.UpdateEntityAsync(stale, stale.ETag)).Headers.ETag!.Value;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "a", stale.ETag));
        Assert.Equal(412, error.Status);
        Assert.True((await table.GetEntityIfExistsAsync<NoteEntity>("p", "a")).HasValue);

        Assert.Equal(204, (await table.DeleteEntityAsync("p", "a", current)).Status);
        Assert.Equal(204, (await table.DeleteEntityAsync("p", "b")).Status);
        Assert.Equal(404, (await table.DeleteEntityAsync("p", "b")).Status);
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>("p", "a")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>("p", "b")).HasValue);
    }

    [Fact]
    public async Task Get_with_select_reads_only_the_selected_properties()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = "r", Owner = "ana", Text = "secret", Order = 7 });

        var read = (await table.GetEntityAsync<NoteEntity>("p", "r", select: ["Owner"])).Value;

        Assert.Equal(("ana", null, 0), (read.Owner, read.Text, read.Order));
    }

    [Theory]
    [InlineData("O'Brien", "a quote, doubled in the URL")]
    [InlineData("a b+c%d&e=f", "space, plus, percent, ampersand, equals")]
    [InlineData("Zoë Ünal 名前", "non-ASCII letters")]
    [InlineData("''", "only quotes")]
    [InlineData("", "empty keys are allowed")]
    public async Task Keys_with_url_sensitive_characters_are_addressed_and_signed_correctly(string key, string reason)
    {
        var table = await azurite.CreateTableAsync();

        await table.AddEntityAsync(new NoteEntity { PartitionKey = key, RowKey = key, Text = reason });
        var read = (await table.GetEntityAsync<NoteEntity>(key, key)).Value;
        read.Text = "updated";
        await table.UpdateEntityAsync(read, read.ETag);
        await table.DeleteEntityAsync(key, key, ETag.All);

        Assert.Equal((key, key), (read.PartitionKey, read.RowKey));
        Assert.False((await table.GetEntityIfExistsAsync<NoteEntity>(key, key)).HasValue);
    }

    [Theory]
    [InlineData("a/b", "slash")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a#b", "hash")]
    [InlineData("a?b", "question mark")]
    [InlineData("a\u0001b", "control character")]
    [InlineData("a\u007Fb", "DEL")]
    [InlineData("a\u0085b", "C1 control character")]
    public async Task Keys_with_forbidden_characters_are_refused_before_sending(string key, string reason)
    {
        var table = await azurite.CreateTableAsync();

        var add = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = key }));
        var get = await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityIfExistsAsync<NoteEntity>(key, "r"));

        Assert.Contains("RowKey", add.Message, StringComparison.Ordinal);
        Assert.Equal("partitionKey", get.ParamName);
        Assert.DoesNotContain(key, add.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public async Task Failure_messages_never_carry_key_values()
    {
        var table = await azurite.CreateTableAsync();
        const string partitionKey = "ana.souza@contoso.example";
        const string rowKey = "private-commitment-42";
        await table.AddEntityAsync(new NoteEntity { PartitionKey = partitionKey, RowKey = rowKey, Text = "confidential words" });
        var stale = (await table.GetEntityAsync<NoteEntity>(partitionKey, rowKey)).Value;
        await table.UpsertEntityAsync(new NoteEntity { PartitionKey = partitionKey, RowKey = rowKey, Text = "confidential words" });

        var failures = new[]
        {
            await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<NoteEntity>(partitionKey, rowKey + "x")),
            await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new NoteEntity { PartitionKey = partitionKey, RowKey = rowKey, Text = "confidential words" })),
            await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(stale, stale.ETag)),
            await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, new NoteEntity { PartitionKey = partitionKey, RowKey = rowKey, Text = "confidential words" })])),
        };

        Assert.All(failures, failure => Assert.DoesNotContain("ana.souza", failure.ToString(), StringComparison.Ordinal));
        Assert.All(failures, failure => Assert.DoesNotContain("private-commitment", failure.ToString(), StringComparison.Ordinal));
        Assert.All(failures, failure => Assert.DoesNotContain("confidential", failure.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_of_512_characters_is_stored_and_513_is_refused()
    {
        var table = await azurite.CreateTableAsync();
        var longest = new string('k', 512);

        await table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = longest });

        Assert.True((await table.GetEntityIfExistsAsync<NoteEntity>("p", longest)).HasValue);
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new NoteEntity { PartitionKey = "p", RowKey = longest + "k" }));
    }
}
