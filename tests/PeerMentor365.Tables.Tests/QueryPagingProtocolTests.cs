using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Tables.Tests;

/// <summary>Azure may answer a page with no entities and a continuation (time or partition limits); Azurite never does.</summary>
public sealed class QueryPagingProtocolTests
{
    private const string NextPartition = "1!12!cGFpcjI-";
    private const string NextRow = "1!8!cjAwMQ--";

    [Fact]
    public async Task An_empty_page_with_a_continuation_is_followed_and_the_tokens_are_sent_back_unchanged()
    {
        var requests = new ConcurrentQueue<IQueryCollection>();
        await using var server = await LoopbackServer.StartAsync(certificate: null, async context =>
        {
            requests.Enqueue(context.Request.Query);
            context.Response.ContentType = "application/json;odata=minimalmetadata";
            if (!context.Request.Query.ContainsKey("NextPartitionKey"))
            {
                context.Response.Headers["x-ms-continuation-NextPartitionKey"] = NextPartition;
                context.Response.Headers["x-ms-continuation-NextRowKey"] = NextRow;
                await context.Response.WriteAsync("""{"value":[]}""");
            }
            else
            {
                await context.Response.WriteAsync("""{"value":[{"odata.etag":"W/\"x\"","PartitionKey":"pair2","RowKey":"r001","Owner":"ana"}]}""");
            }
        });
        var client = new TableClient(
            $"AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};TableEndpoint={server.Endpoint}{AzuriteServer.AccountName}",
            "pairs",
            new TableClientOptions { Retry = { MaxRetries = 0 } });

        var pages = new List<int>();
        var owners = new List<string?>();
        await foreach (var page in client.QueryAsync<NoteEntity>(TableClient.CreateQueryFilter($"Owner eq {"ana"}")).AsPages())
        {
            pages.Add(page.Values.Count);
            owners.AddRange(page.Values.Select(entity => entity.Owner));
        }

        Assert.Equal([0, 1], pages);
        Assert.Equal(["ana"], owners);
        var second = requests.ToArray()[1];
        Assert.Equal(NextPartition, second["NextPartitionKey"].ToString());
        Assert.Equal(NextRow, second["NextRowKey"].ToString());
        Assert.Equal("Owner eq 'ana'", second["$filter"].ToString());
    }
}
