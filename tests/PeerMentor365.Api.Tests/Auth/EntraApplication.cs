using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.DevTenant;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>
/// The API in Entra mode with production settings shape: login.microsoftonline.com is the <see cref="EntraStub"/>,
/// graph.microsoft.com the dev tenant (reached through the app's own outbound HTTP, rerouted), storage Azurite.
/// </summary>
public sealed class EntraApplication : IAsyncLifetime
{
    public const string Ana = ApiApplication.Ana;
    public const string Ben = ApiApplication.Ben;

    private readonly List<ApiFactory> _apps = [];
    private string? _certificatePath;

    public DevTenantServer DevTenant { get; private set; } = null!;

    public AzuriteServer Azurite { get; private set; } = null!;

    public EntraStub Entra { get; private set; } = null!;

    /// <summary>The app with a client secret (as a developer would run it) and the home tenant only.</summary>
    public ApiFactory Api { get; private set; } = null!;

    public string TablePrefix { get; } = AzuriteServer.UniqueTableName("entra");

    public async Task InitializeAsync()
    {
        DevTenant = await DevTenantServer.StartAsync(new DevTenantOptions { Port = 0 });
        Azurite = await AzuriteServer.StartAsync();
        Entra = await EntraStub.StartAsync(DevTenant);

        // Identity.Web's managed-identity credential runs MSAL's managed-identity client, whose HTTP cannot be
        // replaced from outside; MSAL reads the IMDS address from this variable (pod identity), so IMDS is the stub.
        Environment.SetEnvironmentVariable("AZURE_POD_IDENTITY_AUTHORITY_HOST", Entra.BaseAddress.ToString().TrimEnd('/'));
        Api = Start(new() { ["Auth:ClientSecret"] = EntraStub.ClientSecret });
    }

    /// <summary>Settings for Entra mode against the stub; <paramref name="extra"/> adds the credential and anything else.</summary>
    public Dictionary<string, string?> Settings(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Mode"] = "Entra",
            ["Auth:TenantId"] = EntraStub.HomeTenant,
            ["Auth:ClientId"] = EntraStub.ClientId,
            ["Auth:Audience"] = EntraStub.AppIdUri,
            ["Suggestions:RequestsPerUserPerMinute"] = "0",
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = TablePrefix,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts another app instance (its own MSAL clients and memory) with these settings.</summary>
    public ApiFactory Start(Dictionary<string, string?> extra)
    {
        var app = new ApiFactory(Settings(extra), services =>
        {
            services.AddHttpClient(ApiAuthentication.IdentityHttpClient)
                .ConfigurePrimaryHttpMessageHandler(() => new StubRouting(Entra.BaseAddress, DevTenant.BaseAddress));
            services.AddSingleton(new GraphTransport(() => new StubRouting(Entra.BaseAddress, DevTenant.BaseAddress)));
        });
        app.StartServer();
        _apps.Add(app);
        return app;
    }

    /// <summary>The stub's client certificate as a PFX file, as an app setting would name it.</summary>
    public string CertificatePath()
    {
        if (_certificatePath is null)
        {
            _certificatePath = Path.Combine(Path.GetTempPath(), $"peermentor365-test-{Guid.NewGuid():N}.pfx");
            File.WriteAllBytes(_certificatePath, Entra.ClientCertificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        return _certificatePath;
    }

    public static HttpClient Client(ApiFactory api, string? token)
    {
        var client = api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        if (_certificatePath is not null)
        {
            File.Delete(_certificatePath);
        }

        Environment.SetEnvironmentVariable("AZURE_POD_IDENTITY_AUTHORITY_HOST", null);
        await Entra.DisposeAsync();
        await Azurite.DisposeAsync();
        await DevTenant.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedEntra : ICollectionFixture<EntraApplication>
{
    public const string Name = "Entra";
}
