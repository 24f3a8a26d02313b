using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public void Entra_mode_without_its_settings_fails_at_start_naming_each_missing_setting()
    {
        using var api = new ApiFactory(new Dictionary<string, string?> { ["Graph:Mode"] = "Entra" });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        var message = Flatten(error);
        Assert.Contains("Auth:TenantId", message, StringComparison.Ordinal);
        Assert.Contains("Auth:ClientId", message, StringComparison.Ordinal);
        Assert.Contains("Auth:Audience", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_mode_with_its_settings_refuses_to_start_rather_than_pretend_to_call_Graph()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Graph:Mode"] = "Entra",
            ["Auth:TenantId"] = "9f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f",
            ["Auth:ClientId"] = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            ["Auth:Audience"] = "api://contoso.example/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
        });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        Assert.Contains("on-behalf-of", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_file_that_does_not_exist_fails_at_start_naming_the_setting()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["DevTenant:SeedPath"] = Path.Combine(Path.GetTempPath(), "no-such-seed.json"),
            ["DevTenant:Port"] = "0",
        });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        Assert.Contains("DevTenant:SeedPath", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_SITE_NAME", "peermentor365-prod")]
    [InlineData("WEBSITE_INSTANCE_ID", "6e5a4b0c1d2f")]
    public void Dev_tenant_mode_refuses_to_start_in_Azure_naming_Graph_Mode(string azureVariable, string value)
    {
        using var api = new ApiFactory(new Dictionary<string, string?> { [azureVariable] = value, ["DevTenant:Port"] = "0" });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        var message = Flatten(error);
        Assert.Contains("Graph:Mode is DevTenant", message, StringComparison.Ordinal);
        Assert.Contains("runs in Azure", message, StringComparison.Ordinal);
        Assert.DoesNotContain("environment is Production", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_tenant_mode_refuses_to_start_in_the_Production_environment_naming_Graph_Mode()
    {
        using var api = new ApiFactory(new Dictionary<string, string?> { ["environment"] = "Production", ["DevTenant:Port"] = "0" });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        var message = Flatten(error);
        Assert.Contains("Graph:Mode is DevTenant", message, StringComparison.Ordinal);
        Assert.Contains("environment is Production", message, StringComparison.Ordinal);
        Assert.DoesNotContain("runs in Azure", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_mode_starts_in_Azure_in_the_Production_environment()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["WEBSITE_SITE_NAME"] = "peermentor365-prod",
            ["WEBSITE_INSTANCE_ID"] = "6e5a4b0c1d2f",
            ["Graph:Mode"] = "Entra",
            ["Auth:TenantId"] = "9f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f",
            ["Auth:ClientId"] = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            ["Auth:Audience"] = "api://contoso.example/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            ["Auth:FederatedIdentityClientId"] = "7c6b5a49-3827-4160-9f8e-7d6c5b4a3928",
        });
        using var client = api.CreateClient();

        using var me = await client.GetAsync("/api/me");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
