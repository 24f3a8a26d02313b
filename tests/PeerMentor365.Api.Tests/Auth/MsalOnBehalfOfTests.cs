using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>The real MSAL on-behalf-of code against the stub token endpoint: cached per user, each credential kind, consent and failures.</summary>
[Collection(SharedEntra.Name)]
public sealed class MsalOnBehalfOfTests(EntraApplication app)
{
    private const string OnBehalfOf = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static async Task<string> MeAsync(ApiFactory api, string token)
    {
        using var client = EntraApplication.Client(api, token);
        using var response = await client.GetAsync("/api/me");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("mail").GetString()!;
    }

    [Fact]
    public async Task The_first_request_exchanges_the_token_and_the_next_ones_use_the_cache_per_user()
    {
        const string hiro = "hiro.tanaka@contoso.dev";
        const string finn = "finn.walsh@contoso.dev";
        var hirosToken = app.Entra.IssueApiToken(hiro);
        var before = app.Entra.CountGrants(OnBehalfOf);

        Assert.Equal(hiro, await MeAsync(app.Api, hirosToken));
        var afterFirst = app.Entra.CountGrants(OnBehalfOf);
        Assert.Equal(hiro, await MeAsync(app.Api, hirosToken));
        Assert.Equal(hiro, await MeAsync(app.Api, hirosToken));
        var afterRepeats = app.Entra.CountGrants(OnBehalfOf);
        Assert.Equal(finn, await MeAsync(app.Api, app.Entra.IssueApiToken(finn)));

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, afterRepeats);
        Assert.Equal(afterRepeats + 1, app.Entra.CountGrants(OnBehalfOf));
        Assert.Equal("secret", app.Entra.TokenRequests[^1].Credential);
        Assert.Contains("https://graph.microsoft.com/.default", app.Entra.TokenRequests[^1].Scope, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_consent_becomes_a_403_problem_the_pane_can_recognise()
    {
        const string mail = "grace.lee@contoso.dev";
        app.Entra.WithoutConsent[mail] = true;
        try
        {
            using var client = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(FirstUserOtherThan(mail)));
            using var consented = await client.GetAsync("/api/me");
            using var withoutConsent = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(mail));
            using var response = await withoutConsent.GetAsync("/api/me");

            Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.True(problem.GetProperty("consentRequired").GetBoolean());
            Assert.EndsWith("consent-required", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("administrator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            app.Entra.WithoutConsent.TryRemove(mail, out _);
        }
    }

    [Fact]
    public async Task A_certificate_from_a_PFX_file_is_the_client_credential()
    {
        var api = app.Start(new()
        {
            ["Auth:ClientCertificatePath"] = app.CertificatePath(),
            ["Auth:ClientCertificatePassword"] = "pfx-password",
        });

        Assert.Equal(EntraApplication.Ben, await MeAsync(api, app.Entra.IssueApiToken(EntraApplication.Ben)));

        Assert.Equal("certificate", app.Entra.TokenRequests[^1].Credential);
    }

    [Fact]
    public async Task A_managed_identity_federated_credential_is_the_client_credential_without_any_secret()
    {
        var api = app.Start(new() { ["Auth:FederatedIdentityClientId"] = EntraStub.ManagedIdentityClientId });
        var identityRequests = app.Entra.ManagedIdentityRequests;

        Assert.Equal(EntraApplication.Ana, await MeAsync(api, app.Entra.IssueApiToken(EntraApplication.Ana)));

        Assert.Equal("managedIdentity", app.Entra.TokenRequests[^1].Credential);
        Assert.True(app.Entra.ManagedIdentityRequests > identityRequests);
    }

    [Fact]
    public async Task A_credential_that_cannot_be_loaded_when_needed_is_a_503_problem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"peermentor365-gone-{Guid.NewGuid():N}.pfx");
        File.Copy(app.CertificatePath(), path);
        var api = app.Start(new() { ["Auth:ClientCertificatePath"] = path, ["Auth:ClientCertificatePassword"] = "pfx-password" });
        File.Delete(path);
        using var client = EntraApplication.Client(api, app.Entra.IssueApiToken(EntraApplication.Ana));

        using var response = await client.GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_refused_client_credential_is_a_502_problem()
    {
        var api = app.Start(new() { ["Auth:ClientSecret"] = "wrong" });
        using var client = EntraApplication.Client(api, app.Entra.IssueApiToken(EntraApplication.Ana));

        using var response = await client.GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task No_token_or_secret_reaches_the_log()
    {
        var token = app.Entra.IssueApiToken(EntraApplication.Ana);
        await MeAsync(app.Api, token);
        using var client = EntraApplication.Client(app.Api, app.Entra.IssueApiToken(EntraApplication.Ana, EntraStub.StrangerTenant));
        using var refused = await client.GetAsync("/api/me");

        Assert.DoesNotContain(app.Api.Logs.Lines, line =>
            line.Contains(token, StringComparison.Ordinal)
            || line.Contains(token.Split('.')[2], StringComparison.Ordinal)
            || line.Contains("stub-rt.", StringComparison.Ordinal)
            || line.Contains(EntraStub.ClientSecret, StringComparison.Ordinal)
            || line.Contains("eyJ", StringComparison.Ordinal));
    }

    private string FirstUserOtherThan(string mail) =>
        app.DevTenant.Users.First(user => !string.Equals(user.Mail, mail, StringComparison.OrdinalIgnoreCase)).Mail;
}
