using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.DevTenant.Graph;
using PeerMentor365.DevTenant.Graph.Batch;
using PeerMentor365.DevTenant.Graph.Calendar;
using PeerMentor365.DevTenant.Graph.AppRegistrations;
using PeerMentor365.DevTenant.Graph.Drive;
using PeerMentor365.DevTenant.Graph.Events;
using PeerMentor365.DevTenant.Graph.MailboxSettings;
using PeerMentor365.DevTenant.Graph.OneNote;
using PeerMentor365.DevTenant.Graph.Users;
using PeerMentor365.DevTenant.Hosting;
using PeerMentor365.DevTenant.Identity;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant;

/// <summary>
/// A simulated Microsoft 365 tenant on 127.0.0.1: Graph v1.0 (users, mailboxSettings, getSchedule, $batch)
/// and an Entra-like token service, so the backend runs against it through the real Graph SDK.
/// </summary>
public sealed class DevTenantServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenIssuer _issuer;
    private readonly TenantSeed _seed;
    private readonly DevTenantOptions _options;
    private readonly IdentityEndpoints _identity;
    private readonly DevTenantEndpoints _endpoints;
    private readonly GraphService _graph;
    private EventStore _events = new();

    private DevTenantServer(
        WebApplication app,
        DevTenantOptions options,
        DevTenantEndpoints endpoints,
        TenantSeed seed,
        TokenIssuer issuer,
        IdentityEndpoints identity,
        GraphRequestLog requests,
        FaultSwitch faults,
        OneNoteInspection oneNote,
        GraphService graph)
    {
        _app = app;
        _options = options;
        _endpoints = endpoints;
        _seed = seed;
        _issuer = issuer;
        _identity = identity;
        Requests = requests;
        Faults = faults;
        OneNote = oneNote;
        _graph = graph;
        Users = [.. seed.Mailboxes.Select(m => m.User)];
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress => _endpoints.BaseAddress;

    /// <summary>http://127.0.0.1:{port}/v1.0 — the Graph SDK's base URL (exactly /v1.0: the SDK's batch code relies on it).</summary>
    public string GraphBaseUrl => _endpoints.GraphBaseUrl;

    /// <summary>The tenant id.</summary>
    public string TenantId => _endpoints.TenantId;

    /// <summary>http://127.0.0.1:{port}/{tenantId}/v2.0; the OIDC document is at {Authority}/.well-known/openid-configuration.</summary>
    public string Authority => _endpoints.Authority;

    /// <summary>The iss of every token (the same as <see cref="Authority"/>, as Entra v2 tokens have it).</summary>
    public string Issuer => _endpoints.Issuer;

    /// <summary>http://127.0.0.1:{port}/{tenantId}/oauth2/v2.0/token</summary>
    public string TokenEndpoint => _endpoints.TokenEndpoint;

    /// <summary>The seeded people.</summary>
    public IReadOnlyList<SeedUser> Users { get; }

    /// <summary>Every Graph request received (outer requests and batch items).</summary>
    public GraphRequestLog Requests { get; }

    /// <summary>The fault switch.</summary>
    public FaultSwitch Faults { get; }

    /// <summary>What OneNote and the notebook folders in OneDrive hold (notebooks, sections, pages, permissions), and a hold on OneNote requests for concurrency tests.</summary>
    public OneNoteInspection OneNote { get; }

    /// <summary>Loads the seed, starts Kestrel on 127.0.0.1 and returns once it accepts requests.</summary>
    /// <exception cref="InvalidDataException">The seed file is not valid (the message names the bad field).</exception>
    public static async Task<DevTenantServer> StartAsync(DevTenantOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        FaultSwitch.Validate(options.Faults);
        OneNoteLimits.Validate(options.OneNoteLimits);

        var clock = options.TimeProvider;
        var seed = SeedLoader.Load(options.SeedPath, clock);

        // An empty builder: no configuration files, environment-driven URLs or logging providers from the host app.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();

        DevTenantHttpHandler? handler = null;
        app.Run(http => handler is null ? Unavailable(http) : handler.HandleAsync(http));
        await app.StartAsync(cancellationToken);

        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel did not report its address.");
            var port = new Uri(address).Port;
            var endpoints = new DevTenantEndpoints(new Uri($"http://127.0.0.1:{port}/"), options.TenantId);

            var issuer = new TokenIssuer(endpoints.Issuer, options.TenantId, clock);
            var identity = new IdentityEndpoints(options, endpoints, issuer, seed, clock);
            var log = new GraphRequestLog();
            var faults = new FaultSwitch(options.Faults);
            var graphContext = new GraphContext(seed, endpoints.GraphBaseUrl);
            var oneNoteStore = new OneNoteStore(seed);
            var oneNoteThrottle = new OneNoteThrottle(options.OneNoteLimits, clock);
            var oneNoteJson = new OneNoteJson(graphContext);
            var notebooks = new NotebooksEndpoint(oneNoteStore, oneNoteJson, graphContext, clock);
            var eventStore = new EventStore();
            var router = new GraphRouter(
                graphContext,
                new UsersEndpoint(graphContext),
                new MailboxSettingsEndpoint(graphContext, clock),
                new GetScheduleEndpoint(graphContext, eventStore),
                new EventsRoutes(graphContext, new EventReads(graphContext, eventStore), new EventWrites(graphContext, eventStore, clock, options.TenantId)),
                new OneNoteRoutes(graphContext, oneNoteThrottle, notebooks, new PagesEndpoint(oneNoteStore, oneNoteJson, notebooks, clock)),
                new DriveRoutes(graphContext, new DriveEndpoint(oneNoteStore, graphContext, clock)),
                new DirectoryRoutes(graphContext, new DirectoryStore(seed.Mailboxes.Select(m => m.User), options.TenantId), clock));
            var graph = new GraphService(router, faults, new MailboxConcurrency());
            var batch = new BatchEndpoint(graph, log, clock);
            handler = new DevTenantHttpHandler(endpoints, seed, issuer, identity, graph, batch, log, faults, clock);

            return new DevTenantServer(app, options, endpoints, seed, issuer, identity, log, faults, new OneNoteInspection(oneNoteStore, oneNoteThrottle), graph) { _events = eventStore };
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Holds the answers of the Graph requests (outer ones and $batch items) whose method and path below the version
    /// (<c>POST</c>, <c>/me/events</c>) <paramref name="matches"/>: they run, then their answer waits until the hold is
    /// disposed. One hold at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">Answers are already held.</exception>
    public GraphAnswerHold HoldAnswers(Func<string, string, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return _graph.HoldAnswers(matches);
    }

    /// <summary>An access token for our API (aud ApiAudience, scp access_as_user) for a seeded user; <paramref name="customise"/> can spoil it for negative tests.</summary>
    /// <exception cref="ArgumentException">No seeded user has that mail.</exception>
    public string IssueApiToken(string mail, Action<TokenDescriptorOverrides>? customise = null)
    {
        var user = FindUser(mail);
        var overrides = new TokenDescriptorOverrides();
        customise?.Invoke(overrides);
        return _issuer.Issue(new IssueRequest(user, _options.ApiAudience, DevTenantDefaults.ApiScope, _options.PaneClientId, ClientAuthenticated: false, overrides, user.AppRoles));
    }

    /// <summary>A Graph token for a seeded user, as the on-behalf-of exchange would return it.</summary>
    /// <exception cref="ArgumentException">No seeded user has that mail.</exception>
    public string IssueGraphToken(string mail) => _identity.IssueGraphToken(FindUser(mail));

    /// <summary>Revokes every refresh token the user's on-behalf-of grants received (Graph's revokeSignInSessions); returns how many.</summary>
    /// <exception cref="ArgumentException">No seeded user has that mail.</exception>
    public int RevokeRefreshTokens(string mail) => _identity.RevokeRefreshTokens(FindUser(mail));

    /// <summary>
    /// How long the Graph tokens given to the API say they last (expires_in; one hour by default). Shorter than five
    /// minutes makes MSAL renew them on every use, so tests can see refresh tokens redeemed and refused.
    /// </summary>
    public TimeSpan GraphTokenLifetime
    {
        get => _identity.GraphTokenLifetime;
        set => _identity.GraphTokenLifetime = value;
    }

    /// <summary>How many requests with this grant_type the token endpoint received (e.g. on-behalf-of exchanges).</summary>
    public int CountTokenRequests(string grantType) => _identity.CountTokenRequests(grantType);

    /// <summary>
    /// Marks the user as one a Conditional Access policy asks for multi-factor authentication: on-behalf-of with a token
    /// of theirs that lacks it is answered as Entra does (interaction_required, AADSTS50076, a claims challenge) until
    /// they sign in again with those claims. <paramref name="required"/> false clears the mark.
    /// </summary>
    /// <exception cref="ArgumentException">No seeded user has that mail.</exception>
    public void RequireStepUp(string mail, bool required = true) => _identity.RequireStepUp(FindUser(mail), required);

    /// <summary>
    /// The series masters and single events now in a mailbox (cancelled and deleted ones left out), oldest first:
    /// lets tests count what a run created, e.g. exactly one series after retries and faults.
    /// </summary>
    /// <exception cref="ArgumentException">No seeded user has that mail.</exception>
    public IReadOnlyList<DevTenantEvent> EventsIn(string mail)
    {
        FindUser(mail);
        return _events.Summaries(_seed.Find(mail)!);
    }

    /// <summary>Stops Kestrel and forgets the signing key.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _issuer.Dispose();
    }

    private SeedUser FindUser(string mail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mail);
        return _seed.Find(mail)?.User ?? throw new ArgumentException($"No seeded user has the address '{mail}'.", nameof(mail));
    }

    private static Task Unavailable(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        return Task.CompletedTask;
    }
}
