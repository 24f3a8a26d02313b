using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>A clock the test sets; the app reads it for every date and time decision (tokens keep real time).</summary>
public sealed class AdjustableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A second app on the shared dev tenant and Azurite with tables of its own (so counts start at zero), and
/// optionally an adjustable clock.
/// </summary>
public sealed class IsolatedApi : IDisposable
{
    private readonly ApiApplication _app;

    public IsolatedApi(ApiApplication app, AdjustableClock? clock = null)
    {
        _app = app;
        Clock = clock;
        var settings = ApiApplication.WithStorage(ApiApplication.SettingsFor(app.DevTenant), app.Azurite);
        TablePrefix = settings["Storage:TablePrefix"]!;
        Api = new ApiFactory(settings, clock is null ? null : services => services.AddSingleton<TimeProvider>(clock));
        Api.StartServer();
    }

    /// <summary>The prefix of this app's tables.</summary>
    public string TablePrefix { get; }

    /// <summary>A client for one of this app's tables (by its unprefixed name), to look at rows directly.</summary>
    public Azure.Data.Tables.TableClient Table(string name) => new(_app.Azurite.ConnectionString, TablePrefix + name);

    public ApiFactory Api { get; }

    public AdjustableClock? Clock { get; }

    public Member As(string? mail) => new(Api, _app.DevTenant, mail);

    public void Dispose() => Api.Dispose();
}
