namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>One dev tenant on the default seed, shared by tests that neither switch faults nor depend on the request log.</summary>
public sealed class TenantFixture : IAsyncLifetime
{
    private DevTenantServer? _tenant;

    public DevTenantServer Tenant => _tenant ?? throw new InvalidOperationException("The tenant has not started.");

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_tenant is not null)
        {
            await _tenant.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedTenant : ICollectionFixture<TenantFixture>
{
    public const string Name = "Shared dev tenant";
}
