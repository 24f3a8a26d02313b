using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Graph.Background;

/// <summary>
/// The TokenCache table: one row per background grant, holding the secret that lets us act as the user later
/// (a dev-tenant refresh token, or MSAL's serialized token cache for the grant). These values are credentials:
/// they live only in this table and in memory, never in logs or answers.
/// </summary>
internal sealed class BackgroundGrantTable(IOptions<StorageOptions> options) : IDisposable
{
    public const string TableName = "TokenCache";

    private const string RowKey = "grant";
    private const string SecretProperty = "Secret";
    private const string ModeProperty = "Mode";
    private const string UserProperty = "UserObjectId";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TableClient? _table;

    public async Task<BackgroundGrant?> ReadAsync(string grantKey, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(grantKey, RowKey, cancellationToken: ct);
        if (!row.HasValue || row.Value!.GetBinary(SecretProperty) is not { Length: > 0 } secret)
        {
            return null;
        }

        return new BackgroundGrant(row.Value.GetString(ModeProperty) ?? string.Empty, row.Value.GetString(UserProperty), secret);
    }

    public async Task WriteAsync(string grantKey, BackgroundGrant grant, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var row = new TableEntity(grantKey, RowKey)
        {
            [ModeProperty] = grant.Mode,
            [UserProperty] = grant.UserObjectId,
            [SecretProperty] = grant.Secret,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
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

    public void Dispose() => _gate.Dispose();

    private async ValueTask<TableClient> TableAsync(CancellationToken ct)
    {
        if (_table is { } ready)
        {
            return ready;
        }

        var settings = options.Value;
        await _gate.WaitAsync(ct);
        try
        {
            if (_table is null)
            {
                var table = StorageAccount.Connect(settings).GetTableClient((settings.TablePrefix ?? string.Empty) + TableName);
                await table.CreateIfNotExistsAsync(ct);
                _table = table;
            }

            return _table;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A stored grant: which mode made it, whose it is, and its secret (never print it).</summary>
internal sealed record BackgroundGrant(string Mode, string? UserObjectId, byte[] Secret)
{
    public override string ToString() => $"BackgroundGrant {{ Mode = {Mode}, UserObjectId = {UserObjectId} }}";
}
