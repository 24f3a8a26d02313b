using Microsoft.Extensions.Caching.Memory;
using Microsoft.Identity.Web.TokenCacheProviders;

namespace PeerMentor365.Api.Graph.Background;

/// <summary>
/// Identity.Web's token cache for the app, one entry per MSAL cache key: request tokens (on-behalf-of, keyed by the
/// user's token) and the app's own stay in memory and expire with their tokens; background grants (long-running
/// sessions, keyed by the grant key) go to the TokenCache table, where the nightly job in any instance finds them.
/// Which is which is said by the caller (<see cref="ForGrants"/>), not guessed from the key.
/// </summary>
internal sealed class GrantAwareTokenCache(IMemoryCache memory, GrantTable grants, ILogger<MsalAbstractTokenCacheProvider> logger)
    : MsalAbstractTokenCacheProvider(null, logger)
{
    private static readonly AsyncLocal<bool> GrantScope = new();

    /// <summary>Until disposed, MSAL cache access in this async flow is a background grant's (kept in the table).</summary>
    public static IDisposable ForGrants()
    {
        GrantScope.Value = true;
        return new EndScope();
    }

    private static bool InGrantScope => GrantScope.Value;

    protected override Task<byte[]?> ReadCacheBytesAsync(string cacheKey) => ReadCacheBytesAsync(cacheKey, new CacheSerializerHints());

    protected override async Task<byte[]?> ReadCacheBytesAsync(string cacheKey, CacheSerializerHints cacheSerializerHints) =>
        InGrantScope
            ? (await grants.ReadAsync(cacheKey, cacheSerializerHints.CancellationToken))?.Secret
            : memory.Get<byte[]>(MemoryKey(cacheKey));

    protected override Task WriteCacheBytesAsync(string cacheKey, byte[] bytes) => WriteCacheBytesAsync(cacheKey, bytes, new CacheSerializerHints());

    protected override async Task WriteCacheBytesAsync(string cacheKey, byte[] bytes, CacheSerializerHints cacheSerializerHints)
    {
        if (InGrantScope)
        {
            await grants.WriteSecretAsync(cacheKey, bytes, cacheSerializerHints.CancellationToken);
            return;
        }

        var expiry = cacheSerializerHints.SuggestedCacheExpiry ?? DateTimeOffset.UtcNow.AddHours(1);
        memory.Set(MemoryKey(cacheKey), bytes, expiry);
    }

    protected override Task RemoveKeyAsync(string cacheKey) => RemoveKeyAsync(cacheKey, new CacheSerializerHints());

    protected override async Task RemoveKeyAsync(string cacheKey, CacheSerializerHints cacheSerializerHints)
    {
        if (InGrantScope)
        {
            await grants.DeleteAsync(cacheKey, cacheSerializerHints.CancellationToken);
            return;
        }

        memory.Remove(MemoryKey(cacheKey));
    }

    private static string MemoryKey(string cacheKey) => "msal:" + cacheKey;

    private sealed class EndScope : IDisposable
    {
        public void Dispose() => GrantScope.Value = false;
    }
}
