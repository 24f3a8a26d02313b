using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Graph.Background;

/// <summary>
/// The TokenCache table: one row per background grant (partition = grant key, row "grant"), holding MSAL's token
/// cache of that grant's long-running session (its refresh token: a credential) and whose grant it is. These values
/// live only in this table and in memory, never in logs or answers. Rows written by earlier releases keep working:
/// same table, keys and property names (an Entra row's Secret is the same MSAL cache format).
/// </summary>
internal sealed class GrantTable(IOptions<StorageOptions> options) : IDisposable
{
    public const string TableName = "TokenCache";

    /// <summary>What the Mode property says of a row whose secret is an MSAL token cache.</summary>
    public const string MsalMode = "Msal";

    private const string RowKey = "grant";
    private const string SecretProperty = "Secret";
    private const string ModeProperty = "Mode";
    private const string UserProperty = "UserObjectId";
    private const string TenantProperty = "TenantId";

    /// <summary>Earlier releases wrote MSAL's cache under this mode in Entra mode (dev-tenant rows held a bare refresh token).</summary>
    private const string EarlierEntraMode = "Entra";

    private readonly CreatedOnce<TableClient> _table = new(async ct =>
    {
        var settings = options.Value;
        var table = StorageAccount.Connect(settings).GetTableClient((settings.TablePrefix ?? string.Empty) + TableName);
        await table.CreateIfNotExistsAsync(ct);
        return table;
    });

    /// <summary>The grant kept under the key, or null when there is none (or none MSAL can use).</summary>
    public async Task<BackgroundGrant?> ReadAsync(string grantKey, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(grantKey, RowKey, cancellationToken: ct);
        if (!row.HasValue || row.Value!.GetBinary(SecretProperty) is not { Length: > 0 } secret
            || row.Value.GetString(ModeProperty) is not (MsalMode or EarlierEntraMode))
        {
            return null;
        }

        return new BackgroundGrant(row.Value.GetString(TenantProperty), row.Value.GetString(UserProperty), secret);
    }

    /// <summary>Keeps MSAL's cache of the grant, leaving whose grant it is as it was.</summary>
    public async Task WriteSecretAsync(string grantKey, byte[] secret, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = new TableEntity(grantKey, RowKey) { [ModeProperty] = MsalMode, [SecretProperty] = secret };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, ct);
    }

    /// <summary>Notes whose grant it is: the tenant its session is asked of, and the user.</summary>
    public async Task WriteOwnerAsync(string grantKey, string? tenantId, string? userObjectId, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = new TableEntity(grantKey, RowKey) { [TenantProperty] = tenantId, [UserProperty] = userObjectId };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, ct);
    }

    public async Task DeleteAsync(string grantKey, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        await table.DeleteEntityAsync(grantKey, RowKey, cancellationToken: ct);
    }

    /// <summary>Refuses a key the Table service could not store, before anything is exchanged.</summary>
    public static void CheckKey(string grantKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grantKey);
        if (grantKey.Length > 256 || grantKey.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("A grant key is at most 256 characters without / \\ # ? or control characters.", nameof(grantKey));
        }
    }

    public void Dispose() => _table.Dispose();

    private ValueTask<TableClient> TableAsync(CancellationToken ct) => _table.GetAsync(ct);
}

/// <summary>A stored grant: the tenant and user it acts as, and MSAL's cache (never print it).</summary>
internal sealed record BackgroundGrant(string? TenantId, string? UserObjectId, byte[] Secret)
{
    public override string ToString() => $"BackgroundGrant {{ TenantId = {TenantId}, UserObjectId = {UserObjectId} }}";
}
