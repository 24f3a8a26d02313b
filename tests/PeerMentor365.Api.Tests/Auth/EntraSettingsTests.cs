using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>Entra mode's settings are checked at start, each failure naming its setting; the dev tenant is never mixed in.</summary>
public sealed class EntraSettingsTests
{
    private static Dictionary<string, string?> Entra(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Mode"] = "Entra",
            ["Auth:TenantId"] = EntraStub.HomeTenant,
            ["Auth:ClientId"] = EntraStub.ClientId,
            ["Auth:Audience"] = EntraStub.AppIdUri,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static TheoryData<string, string, string?, string> Refused => new()
    {
        // setting, value, a second setting (value "x"), the text the failure must contain
        { "Auth:ClientSecret", "", null, "Auth:ClientCertificatePath" },
        { "Auth:ClientSecret", "s", "Auth:FederatedIdentityClientId", "exactly one" },
        { "Auth:ClientCertificatePath", "/no/such/file.pfx", null, "Auth:ClientCertificatePath" },
        { "Auth:FederatedIdentityClientId", "not-a-guid", null, "Auth:FederatedIdentityClientId" },
        { "Auth:AllowedTenantIds", "contoso.onmicrosoft.com", "Auth:ClientSecret", "Auth:AllowedTenantIds" },
        { "DevTenant:BaseUrl", "http://127.0.0.1:5081/", "Auth:ClientSecret", "DevTenant:BaseUrl" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Entra_mode_refuses_to_start_with_a_bad_setting_and_names_it(string key, string value, string? second, string expected)
    {
        var settings = Entra((key, value));
        if (second is not null)
        {
            settings[second] = second == "Auth:FederatedIdentityClientId" ? EntraStub.ManagedIdentityClientId : "x";
        }

        using var api = new ApiFactory(settings);

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        Assert.Contains(expected, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_file_that_is_not_a_PFX_stops_the_start_naming_the_setting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"peermentor365-not-a-pfx-{Guid.NewGuid():N}.pfx");
        File.WriteAllText(path, "not a certificate");
        try
        {
            using var api = new ApiFactory(Entra(("Auth:ClientCertificatePath", path)));

            var error = Assert.ThrowsAny<Exception>(api.StartServer);

            Assert.Contains("Auth:ClientCertificatePath", Flatten(error), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Dev_tenant_mode_refuses_to_start_when_a_real_tenant_is_configured()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Auth:TenantId"] = EntraStub.HomeTenant,
            ["Auth:ClientId"] = EntraStub.ClientId,
            ["DevTenant:Port"] = "0",
        });

        var error = Assert.ThrowsAny<Exception>(api.StartServer);

        Assert.Contains("Graph:Mode", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_mode_with_a_credential_starts()
    {
        using var api = new ApiFactory(Entra(("Auth:ClientSecret", "local-only")));

        api.StartServer();

        Assert.NotNull(api.BaseAddress);
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
