using PeerMentor365.TestSupport;

namespace PeerMentor365.Tables.Tests;

/// <summary>One Azurite for every Azurite-backed test class; each test makes its own table.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A client for a new, empty table that no other test touches.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t")
    {
        var client = new TableClient(Server.ConnectionString, AzuriteServer.UniqueTableName(prefix));
        await client.CreateIfNotExistsAsync();
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
