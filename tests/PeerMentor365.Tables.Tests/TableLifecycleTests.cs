using Azure;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Tables.Tests;

[Collection(AzuriteGroup.Name)]
public sealed class TableLifecycleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Create_if_not_exists_twice_succeeds_and_the_second_call_reports_the_conflict_it_absorbed()
    {
        var client = new TableClient(azurite.Server.ConnectionString, AzuriteServer.UniqueTableName("life"));

        var first = await client.CreateIfNotExistsAsync();
        var second = await client.CreateIfNotExistsAsync();

        Assert.Equal(204, first.Status);
        Assert.Equal(409, second.Status);
        await client.AddEntityAsync(new TableEntity("p", "r"));
    }

    [Fact]
    public async Task Deleting_the_table_removes_it_and_a_second_delete_is_not_an_error()
    {
        var client = await azurite.CreateTableAsync("gone");
        await client.AddEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(204, (await client.DeleteAsync()).Status);
        Assert.Equal(404, (await client.DeleteAsync()).Status);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(new TableEntity("p", "r2")));
        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Operations_on_a_table_that_was_never_created_fail_with_table_not_found()
    {
        var client = new TableClient(azurite.Server.ConnectionString, AzuriteServer.UniqueTableName("never"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetEntityIfExistsAsync<TableEntity>("p", "r"));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("ab", "shorter than 3 characters")]
    [InlineData("1abc", "starts with a digit")]
    [InlineData("has-dash", "contains a dash")]
    [InlineData("Tables", "reserved by the service")]
    public void Invalid_table_names_are_refused_when_the_client_is_made(string name, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableClient(azurite.Server.ConnectionString, name));
        Assert.Equal("tableName", error.ParamName);
        Assert.False(string.IsNullOrEmpty(reason));
    }
}
