using System.CommandLine;
using Microsoft.Graph;
using PeerMentor365.DevTenant;
using PeerMentor365.Provisioning;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Provisioning.Tests;

/// <summary>What a run of the command printed, and how it exited.</summary>
public sealed record CommandResult(int Exit, string Output, string Errors);

/// <summary>A fresh dev tenant, a scratch folder for the parameters file, and the command run in-process against them.</summary>
public sealed class ProvisioningHarness : IAsyncDisposable
{
    public const string Admin = "priya.admin@contoso.dev";
    public const string OrdinaryUser = "ana.souza@contoso.dev";
    public const string Host = "mentoring.contoso.dev";

    private static readonly HttpClient Http = new();
    private readonly string _work = Directory.CreateTempSubdirectory("provision-").FullName;

    private ProvisioningHarness(DevTenantServer tenant) => Tenant = tenant;

    public DevTenantServer Tenant { get; }

    public static string Template { get; } = Path.Combine(RepositoryRoot.Find(), "infra", "main.bicep");

    public string ParametersFile => Path.Combine(_work, "infra", "contoso.bicepparam");

    public static async Task<ProvisioningHarness> StartAsync() => new(await DevTenantServer.StartAsync(new DevTenantOptions()));

    /// <summary>A Graph client signed in as a dev tenant person, the way the command signs in.</summary>
    public GraphServiceClient Graph(string mail = Admin) =>
        GraphConnection.Create(Tenant.TenantId, Tenant.BaseAddress, mail, TextWriter.Null, Http);

    public Task<CommandResult> ProvisionAsync(string user = Admin, params string[] more) =>
        RunAsync(user, ["provision", "--name", "contoso", "--host", Host, "--parameters-file", ParametersFile, "--template", Template, .. more]);

    public Task<CommandResult> RemoveAsync(string user = Admin, params string[] more) =>
        RunAsync(user, ["remove", "--name", "contoso", "--parameters-file", ParametersFile, .. more]);

    public async Task<CommandResult> RunAsync(string user, string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        string[] all = [.. arguments, "--dev-tenant", Tenant.BaseAddress.ToString(), "--tenant", Tenant.TenantId, "--dev-user", user];
        var exit = await ProvisioningCommand.Create().Parse(all).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        return new CommandResult(exit, output.ToString(), errors.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Tenant.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }
}
