namespace PeerMentor365.DevTenant;

/// <summary>
/// Changes to an issued API token, so tests can make tokens that a validator must refuse:
/// expired, not yet valid, for another audience or issuer, without the scope, or signed by an unknown key.
/// </summary>
public sealed class TokenDescriptorOverrides
{
    /// <summary>The aud claim; null keeps the default.</summary>
    public string? Audience { get; set; }

    /// <summary>The iss claim; null keeps the default.</summary>
    public string? Issuer { get; set; }

    /// <summary>The iat claim; null is now.</summary>
    public DateTimeOffset? IssuedAt { get; set; }

    /// <summary>The nbf claim; null is the issue time.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The exp claim; null is one hour after the issue time.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>The scp claim (space-separated); null keeps the default.</summary>
    public string? Scope { get; set; }

    /// <summary>Leaves the scp claim out altogether.</summary>
    public bool OmitScope { get; set; }

    /// <summary>Signs with a freshly generated key that the JWKS does not publish.</summary>
    public bool SignWithUnknownKey { get; set; }

    /// <summary>Extra or replacement claims (string, number, boolean or string array values).</summary>
    public IDictionary<string, object> AdditionalClaims { get; } = new Dictionary<string, object>(StringComparer.Ordinal);
}
