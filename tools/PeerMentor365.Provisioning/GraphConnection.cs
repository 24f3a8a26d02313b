using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace PeerMentor365.Provisioning;

/// <summary>How the command reaches Microsoft Graph: the signed-in Azure CLI account when there is one, else a device code; or the dev tenant.</summary>
internal static class GraphConnection
{
    private static readonly string[] GraphDefaultScope = ["https://graph.microsoft.com/.default"];

    public static GraphServiceClient Create(string? tenant, Uri? devTenant, string? devUser, TextWriter output, HttpClient http)
    {
        if (devTenant is not null)
        {
            if (tenant is null || devUser is null)
            {
                throw new ProvisioningException("--dev-tenant needs --tenant (the dev tenant's id) and --dev-user (a seeded person's mail).");
            }

            var credential = new DevTenantCredential(http, new Uri(devTenant, $"{tenant}/oauth2/v2.0/token"), devUser);
            var provider = new AzureIdentityAuthenticationProvider(credential, [devTenant.Host], null, false, GraphDefaultScope);
            return new GraphServiceClient(http, provider, new Uri(devTenant, "v1.0").ToString());
        }

        // The Azure CLI's account when `az login` was run (its Graph token carries the signed-in admin's rights),
        // otherwise a device code the admin enters at https://microsoft.com/devicelogin.
        TokenCredential chain = new ChainedTokenCredential(
            new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenant }),
            new DeviceCodeCredential(new DeviceCodeCredentialOptions
            {
                TenantId = tenant ?? "organizations",
                DeviceCodeCallback = (code, _) => output.WriteLineAsync(code.Message),
            }));
        return new GraphServiceClient(chain, GraphDefaultScope);
    }
}
