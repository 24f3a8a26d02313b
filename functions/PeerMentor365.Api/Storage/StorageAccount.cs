using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace PeerMentor365.Api.Storage;

/// <summary>The table service of the configured account: Azurite or an account by connection string, or the account's table endpoint with the managed identity.</summary>
internal static class StorageAccount
{
    /// <exception cref="StorageNotConfiguredException">No Storage:ConnectionString or Storage:TableEndpoint is set.</exception>
    public static TableServiceClient Connect(StorageOptions settings)
    {
        if (!settings.IsConfigured)
        {
            throw new StorageNotConfiguredException();
        }

        var options = ClientOptions();
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return new TableServiceClient(settings.ConnectionString, options);
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId));
        return new TableServiceClient(new Uri(settings.TableEndpoint!), credential, options);
    }

    // An interactive API: a few quick retries and a short network timeout beat Azure.Core's 100-second default.
    private static TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);

        // Request paths carry partition and row keys, which may be personal; Azure.Core's request log would print them.
        options.Diagnostics.IsLoggingEnabled = false;
        return options;
    }
}

/// <summary>Pairs data was asked for, but no storage is configured: a 503 problem, the rest of the app keeps working.</summary>
internal sealed class StorageNotConfiguredException() : InvalidOperationException("Storage is not configured: set Storage:ConnectionString or Storage:TableEndpoint.");
