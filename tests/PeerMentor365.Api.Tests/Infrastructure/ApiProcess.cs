using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>
/// The built API (this test run's Release build, its apphost) as its own process, as one Functions instance runs it,
/// on the shared dev tenant and Azurite: the dev tenant lives in the test process, so it outlives the API as Microsoft
/// 365 outlives ours. Processes started with the same <see cref="Storage"/> share their tables, so a restarted process,
/// or a second instance, sees what the first one wrote.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ApiApplication _app;
    private readonly HandlerProcess _handler;
    private readonly List<Member> _members = [];

    private ApiProcess(ApiApplication app, HandlerProcess handler)
    {
        _app = app;
        _handler = handler;
    }

    public Uri BaseAddress => _handler.BaseAddress;

    /// <summary>The last lines the process logged, for failure messages.</summary>
    public string Output => _handler.Output;

    /// <summary>A table prefix of its own for a group of processes that share one storage.</summary>
    public static string NewStorage() => AzuriteServer.UniqueTableName("proc");

    /// <summary>
    /// Starts the API on the shared dev tenant and Azurite under the table prefix <paramref name="storage"/>, with the
    /// per-user rate limits off, OneNote's back-off shortened, and <paramref name="settings"/> on top (keys as in
    /// appsettings.json, <c>Series:LeaseSeconds</c>); returns once <c>GET /</c> answers.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(ApiApplication app, string storage, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            // Dev-tenant mode is for development only (a deployment in Production refuses it).
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OneNote:RetryDelaysMilliseconds"] = "20,40,80",
            ["Storage:ConnectionString"] = app.Azurite.ConnectionString,
            ["Storage:TablePrefix"] = storage,
        };
        foreach (var (key, value) in ApiApplication.SettingsFor(app.DevTenant))
        {
            environment[key] = value!;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // Configuration reads "__" in environment variables as the ":" of a section.
        var variables = environment.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        return new ApiProcess(app, await HandlerProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "PeerMentor365.Api"), variables));
    }

    /// <summary>A signed-in member (a real dev-tenant token) calling this process.</summary>
    public Member As(string mail)
    {
        var member = new Member(BaseAddress, _app.DevTenant, mail);
        _members.Add(member);
        return member;
    }

    /// <summary>SIGKILL: the process ends wherever it is, nothing is given back or flushed.</summary>
    public Task KillAsync() => _handler.KillAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }

        await _handler.DisposeAsync();
    }
}
