using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>The production app (Program) on real Kestrel at 127.0.0.1:{free port}, with configuration overrides.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        UseKestrel();
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>Where the app listens (real HTTP).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The dev tenant runs only outside Production; a setting "environment" overrides this (a test of the refusal).
        builder.UseEnvironment("Development");

        // A free loopback port chosen by the app's own configuration. Not UseKestrel(0): that sets the port on the built
        // host while the app's Main is already starting it on another thread; when Main wins (a loaded machine), the app
        // binds its default 127.0.0.1:5080, where another test's app may already listen, and fails to start.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            _services?.Invoke(services);
        });
    }
}
