namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>A dev tenant started on <see cref="ScenarioSeed"/> (a scenario file replacing the default seed).</summary>
public sealed class ScenarioFixture : IAsyncLifetime
{
    private readonly string _seedPath = ScenarioSeed.WriteToTempFile();
    private DevTenantServer? _tenant;

    public DevTenantServer Tenant => _tenant ?? throw new InvalidOperationException("The tenant has not started.");

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions { SeedPath = _seedPath });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_tenant is not null)
        {
            await _tenant.DisposeAsync();
        }

        File.Delete(_seedPath);
    }
}
