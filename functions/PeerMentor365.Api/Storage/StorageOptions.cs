using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace PeerMentor365.Api.Storage;

/// <summary>Settings of the Storage section: where the mentoring tables live and how to sign in to them.</summary>
internal sealed partial class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A storage connection string (Shared Key; Azurite's too). Exclusive with <see cref="TableEndpoint"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service endpoint (https://account.table.core.windows.net) reached with a managed identity.</summary>
    public string? TableEndpoint { get; set; }

    /// <summary>The client id of a user-assigned managed identity; unset uses the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table name (letters and digits), so several deployments or test runs can share an account.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(TableEndpoint);

    /// <summary>Every problem with the settings, naming the setting (never echoing a connection string: it holds a key).</summary>
    public List<string> Check()
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(ConnectionString) && !string.IsNullOrWhiteSpace(TableEndpoint))
        {
            failures.Add("Set either Storage:ConnectionString (Shared Key) or Storage:TableEndpoint (managed identity), not both.");
        }

        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            try
            {
                _ = new TableServiceClient(ConnectionString);
            }
            catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException)
            {
                failures.Add("Storage:ConnectionString is not a usable storage connection string (it needs AccountName, AccountKey and a table endpoint, or UseDevelopmentStorage=true).");
            }
        }

        if (!string.IsNullOrWhiteSpace(TableEndpoint)
            && (!Uri.TryCreate(TableEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Storage:TableEndpoint must be the https URL of the table service (https://<account>.table.core.windows.net).");
        }

        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !Guid.TryParse(ManagedIdentityClientId, out _))
        {
            failures.Add("Storage:ManagedIdentityClientId must be the client id (a GUID) of a user-assigned managed identity.");
        }

        if (!TablePrefixPattern().IsMatch(TablePrefix ?? string.Empty))
        {
            failures.Add("Storage:TablePrefix must be empty or 1-40 letters and digits starting with a letter.");
        }

        return failures;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9]{0,39})?$")]
    private static partial Regex TablePrefixPattern();
}
