using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PeerMentor365.DevTenant.Identity;

/// <summary>
/// Refresh tokens handed out by the on-behalf-of grant when offline_access is asked for. Like Entra's they are
/// opaque, last 90 days of inactivity, are replaced by a new one on every use (the old one stays valid until it
/// expires), and die all at once when the user's sessions are revoked.
/// </summary>
internal sealed class RefreshTokens(TimeProvider clock)
{
    public static readonly TimeSpan InactivityLifetime = TimeSpan.FromDays(90);

    // Keyed by a hash of the token, so the token itself is held by its owner only.
    private readonly ConcurrentDictionary<string, RefreshGrant> _grants = new(StringComparer.Ordinal);

    public string Issue(string userId, string clientId)
    {
        var token = "dev-rt." + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _grants[Hash(token)] = new RefreshGrant(userId, clientId, clock.GetUtcNow() + InactivityLifetime);
        return token;
    }

    /// <summary>The grant a token stands for, or why it cannot be used.</summary>
    public RefreshCheck Check(string token, string clientId)
    {
        if (!_grants.TryGetValue(Hash(token), out var grant))
        {
            return RefreshCheck.Failed(RefreshFailure.Unknown);
        }

        if (grant.Revoked)
        {
            return RefreshCheck.Failed(RefreshFailure.Revoked);
        }

        if (grant.ExpiresAt <= clock.GetUtcNow())
        {
            return RefreshCheck.Failed(RefreshFailure.Expired);
        }

        return string.Equals(grant.ClientId, clientId, StringComparison.Ordinal)
            ? RefreshCheck.Valid(grant.UserId)
            : RefreshCheck.Failed(RefreshFailure.OtherClient);
    }

    /// <summary>Every refresh token of the user stops working (Graph's revokeSignInSessions).</summary>
    public int RevokeAll(string userId)
    {
        var revoked = 0;
        foreach (var (key, grant) in _grants)
        {
            if (!grant.Revoked && string.Equals(grant.UserId, userId, StringComparison.OrdinalIgnoreCase))
            {
                _grants[key] = grant with { Revoked = true };
                revoked++;
            }
        }

        return revoked;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record RefreshGrant(string UserId, string ClientId, DateTimeOffset ExpiresAt, bool Revoked = false);
}

internal enum RefreshFailure
{
    Unknown,
    Expired,
    Revoked,
    OtherClient,
}

internal sealed record RefreshCheck(string? UserId, RefreshFailure? Failure)
{
    public static RefreshCheck Valid(string userId) => new(userId, null);

    public static RefreshCheck Failed(RefreshFailure failure) => new(null, failure);
}
