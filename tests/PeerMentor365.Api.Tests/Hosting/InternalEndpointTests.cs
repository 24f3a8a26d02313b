using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Hosting;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

/// <summary>
/// Internal (timer) functions are POST /{Name}, called by the Functions host directly. Public requests come
/// in under /api; whatever they put in the path, they must never reach an internal endpoint. The app
/// registers a probe function through the same mapping as real ones, and every internal endpoint the app
/// has (the probe and any real ones) is attacked.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class InternalEndpointTests(ApiApplication app) : IAsyncLifetime, IDisposable
{
    private readonly ProbeFunction _probe = new();
    private ApiFactory _api = null!;

    public static TheoryData<string, string> PublicPaths => new()
    {
        // {0} is the function name. Each row says how a public request might try to get there.
        { "/api/{0}", "the same name under the public prefix" },
        { "/API/{0}", "upper-case prefix" },
        { "/api/../{0}", "a dot-dot segment" },
        { "/api/./../{0}", "dot and dot-dot" },
        { "/api/%2e%2e/{0}", "percent-encoded dot-dot" },
        { "/api/%2E%2E/{0}", "upper-case percent-encoded dot-dot" },
        { "/api/.%2e/{0}", "half-encoded dot-dot" },
        { "/api/pane/../../{0}", "climbing out of the pane's catch-all route" },
        { "/api/pane/%2e%2e/%2e%2e/{0}", "climbing out of the pane, encoded" },
        { "/api/pane/..%2f..%2f{0}", "encoded slashes inside the pane route" },
        { "/api/..%5c{0}", "an encoded backslash" },
        { "/api//../{0}", "an empty segment before dot-dot" },
        { "/api/%252e%252e/{0}", "double-encoded dot-dot" },
        { "http://127.0.0.1/api/../{0}", "an absolute-form request target" },
        { "/api/%{1}", "the name's first letter percent-encoded" },
    };

    public Task InitializeAsync()
    {
        _api = new ApiFactory(
            ApiApplication.SettingsFor(app.DevTenant),
            services => services.AddSingleton<IInternalFunction>(_probe));
        _api.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_host_reaches_an_internal_function_at_its_own_path()
    {
        var status = await RawHttp.SendAsync(_api.BaseAddress, "POST", "/" + ProbeFunction.FunctionName);

        Assert.Equal(200, status);
        Assert.Equal(1, _probe.Invocations);
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task Public_paths_never_reach_an_internal_function(string template, string how)
    {
        var names = _api.Services.GetRequiredService<IEnumerable<IInternalFunction>>().Select(function => function.Name).ToList();
        Assert.Contains(ProbeFunction.FunctionName, names);

        foreach (var name in names)
        {
            var encodedFirst = $"{(int)name[0]:X2}{name[1..]}";
            var target = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name, encodedFirst);
            foreach (var method in new[] { "POST", "GET" })
            {
                var status = await RawHttp.SendAsync(_api.BaseAddress, method, target);
                Assert.True(status is >= 300 and < 500, $"{method} {target} ({how}) answered {status}.");
            }
        }

        Assert.Equal(0, _probe.Invocations);
    }

    private sealed class ProbeFunction : IInternalFunction
    {
        public const string FunctionName = "ProbeTimer";

        private int _invocations;

        public string Name => FunctionName;

        public int Invocations => Volatile.Read(ref _invocations);

        public Task<IResult> InvokeAsync(HttpContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _invocations);
            return Task.FromResult<IResult>(TypedResults.Ok(new { Outputs = new { }, Logs = Array.Empty<string>() }));
        }
    }
}
