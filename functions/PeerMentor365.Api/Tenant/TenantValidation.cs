using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PeerMentor365.Api.Tenant;

/// <summary>Start-up checks of the Graph, DevTenant and Auth settings, with messages that name the setting.</summary>
internal static class TenantValidation
{
    public static List<string> Check(GraphOptions graph)
    {
        var failures = new List<string>();
        if (graph.MaxThrottleRetries is < 0 or > 10)
        {
            failures.Add("Graph:MaxThrottleRetries must be between 0 and 10.");
        }

        if (graph.MaxRetryAfterSeconds is < 0 or > 180)
        {
            failures.Add("Graph:MaxRetryAfterSeconds must be between 0 and 180.");
        }

        if (graph.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add("Graph:TimeoutSeconds must be between 1 and 300.");
        }

        return failures;
    }

    public static List<string> Check(GraphOptions graph, DevTenantSettings dev, EntraSettings entra, TenantHost host)
    {
        var failures = Check(graph);
        if (graph.Mode == GraphMode.DevTenant)
        {
            // DevTenant is the default mode: a deployment that lost its Graph settings would otherwise sign anyone in
            // with any password against production data.
            if (!host.DevTenantIncluded)
            {
                failures.Add("Graph:Mode is DevTenant (the default), but this build has no dev tenant (tools/publish.sh leaves it out of the package): " +
                    "set Graph:Mode to Entra with the Auth settings (docs/settings.md).");
            }

            if (host.InAzure)
            {
                failures.Add("Graph:Mode is DevTenant (the default), but the app runs in Azure (WEBSITE_SITE_NAME or WEBSITE_INSTANCE_ID is set): " +
                    "set Graph:Mode to Entra with the Auth settings (docs/settings.md).");
            }

            if (host.Production)
            {
                failures.Add("Graph:Mode is DevTenant (the default), but the environment is Production: set Graph:Mode to Entra for a real tenant, " +
                    "or ASPNETCORE_ENVIRONMENT=Development on a developer's machine (./run.sh does).");
            }

            if (dev.Port is < 0 or > 65535)
            {
                failures.Add("DevTenant:Port must be a TCP port (0 picks a free one).");
            }

            if (!string.IsNullOrWhiteSpace(dev.SeedPath) && !File.Exists(dev.SeedPath))
            {
                failures.Add($"DevTenant:SeedPath names a file that does not exist: {dev.SeedPath}");
            }

            if (!string.IsNullOrWhiteSpace(dev.BaseUrl) && !IsLoopbackHttpUrl(dev.BaseUrl))
            {
                // Sign-in traffic for login.microsoftonline.com is routed to it: only ever on this machine.
                failures.Add("DevTenant:BaseUrl must be an absolute http(s) URL of a dev tenant running on this machine (a loopback address).");
            }

            if (!string.IsNullOrWhiteSpace(dev.GraphBaseUrl) && (!IsLoopbackHttpUrl(dev.GraphBaseUrl) || !dev.GraphBaseUrl.TrimEnd('/').EndsWith("/v1.0", StringComparison.Ordinal)))
            {
                failures.Add("DevTenant:GraphBaseUrl must be an absolute http(s) URL on this machine (a loopback address) ending in /v1.0.");
            }

            if (!string.IsNullOrWhiteSpace(entra.TenantId) || !string.IsNullOrWhiteSpace(entra.ClientId))
            {
                // A deployment configured for a real tenant but left in dev mode would trust the dev tenant's tokens.
                failures.Add("Auth:TenantId and Auth:ClientId are set but Graph:Mode is DevTenant: set Graph:Mode to Entra for a real tenant, or remove the Auth settings.");
            }

            return failures;
        }

        if (!string.IsNullOrWhiteSpace(dev.BaseUrl) || !string.IsNullOrWhiteSpace(dev.SeedPath) || !string.IsNullOrWhiteSpace(dev.GraphBaseUrl))
        {
            // Never both: in Entra mode nothing of the dev tenant may run or be trusted.
            failures.Add("DevTenant:BaseUrl, DevTenant:SeedPath and DevTenant:GraphBaseUrl must be unset when Graph:Mode is Entra (the dev tenant is never used or trusted beside a real tenant).");
        }

        if (string.IsNullOrWhiteSpace(entra.TenantId) || !Guid.TryParse(entra.TenantId, out _))
        {
            failures.Add("Auth:TenantId must be your Entra tenant id (a GUID) when Graph:Mode is Entra.");
        }

        if (string.IsNullOrWhiteSpace(entra.ClientId))
        {
            failures.Add("Auth:ClientId must be the API's application (client) id when Graph:Mode is Entra.");
        }

        if (string.IsNullOrWhiteSpace(entra.Audience))
        {
            failures.Add("Auth:Audience must be the API's application id URI (e.g. api://<host>/<client id>) when Graph:Mode is Entra.");
        }

        if (!string.IsNullOrWhiteSpace(entra.AllowedTenantIds) && entra.AllowedTenants().Any(id => !Guid.TryParse(id, out _)))
        {
            failures.Add("Auth:AllowedTenantIds must be tenant ids (GUIDs) separated by commas.");
        }

        var credentials = new[] { entra.ClientCertificatePath, entra.FederatedIdentityClientId, entra.ClientSecret }.Count(value => !string.IsNullOrWhiteSpace(value));
        if (credentials != 1)
        {
            failures.Add("Set exactly one on-behalf-of credential when Graph:Mode is Entra: Auth:ClientCertificatePath (a PFX file), " +
                "Auth:FederatedIdentityClientId (a user-assigned managed identity with a federated credential on the app) or, on a developer's machine only, Auth:ClientSecret.");
        }

        if (!string.IsNullOrWhiteSpace(entra.ClientCertificatePath))
        {
            if (!File.Exists(entra.ClientCertificatePath))
            {
                failures.Add($"Auth:ClientCertificatePath names a file that does not exist: {entra.ClientCertificatePath}");
            }
            else if (CertificateProblem(entra.ClientCertificatePath, entra.ClientCertificatePassword) is { } problem)
            {
                failures.Add(problem);
            }
        }

        if (!string.IsNullOrWhiteSpace(entra.FederatedIdentityClientId) && !Guid.TryParse(entra.FederatedIdentityClientId, out _))
        {
            failures.Add("Auth:FederatedIdentityClientId must be the client id (a GUID) of a user-assigned managed identity.");
        }

        if (!IsHttpsUrl(entra.Instance))
        {
            failures.Add("Auth:Instance must be an https URL (https://login.microsoftonline.com).");
        }

        if (!IsHttpsUrl(graph.BaseUrl) || !graph.BaseUrl.TrimEnd('/').EndsWith("/v1.0", StringComparison.Ordinal))
        {
            failures.Add("Graph:BaseUrl must be an https URL ending in /v1.0 (https://graph.microsoft.com/v1.0).");
        }

        return failures;
    }

    /// <summary>Where the app runs, as far as the choice of tenant is concerned.</summary>
    /// <param name="DevTenantIncluded">Whether this build carries the dev tenant (the published package does not).</param>
    /// <param name="InAzure">Whether App Service / Functions runs it (they set WEBSITE_SITE_NAME and WEBSITE_INSTANCE_ID).</param>
    /// <param name="Production">Whether the ASP.NET Core environment is Production (the default when none is set).</param>
    internal sealed record TenantHost(bool DevTenantIncluded, bool InAzure, bool Production)
    {
        public static TenantHost Of(IHostEnvironment environment, IConfiguration configuration) => new(
            DevTenantSetup.Included,
            !string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]) || !string.IsNullOrEmpty(configuration["WEBSITE_INSTANCE_ID"]),
            environment.IsProduction());
    }

    /// <summary>Loads the PFX now, so a wrong password or a certificate without its key stops the start, not the first sign-in.</summary>
    private static string? CertificateProblem(string path, string? password)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? null
                : "Auth:ClientCertificatePath must be a PFX file holding the certificate's private key.";
        }
        catch (CryptographicException)
        {
            return "Auth:ClientCertificatePath could not be read as a PFX file (check Auth:ClientCertificatePassword).";
        }
    }

    private static bool IsLoopbackHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host, out var address) && System.Net.IPAddress.IsLoopback(address)));

    private static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
