using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PeerMentor365.DevTenant.Identity;

/// <summary>Signs and validates the dev tenant's tokens with an RSA key made at start (published in the JWKS).</summary>
internal sealed class TokenIssuer : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    // As ASP.NET Core's JwtBearer default.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly RSA _rsa;
    private readonly X509Certificate2 _certificate;
    private readonly RsaSecurityKey _key;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenIssuer(string issuer, string tenantId, TimeProvider clock)
    {
        Issuer = issuer;
        TenantId = tenantId;
        _clock = clock;
        _rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PeerMentor365 dev tenant", _rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        Thumbprint = Base64UrlEncoder.Encode(_certificate.GetCertHash(HashAlgorithmName.SHA1));
        _key = new RsaSecurityKey(_rsa) { KeyId = Thumbprint };
    }

    public string Issuer { get; }

    public string TenantId { get; }

    /// <summary>The key id (as Entra does, the base64url SHA-1 thumbprint of the signing certificate).</summary>
    public string Thumbprint { get; }

    public static TimeSpan TokenLifetime => Lifetime;

    /// <summary>The signing key as a JSON Web Key, shaped like an entry of Entra's JWKS.</summary>
    public Dictionary<string, object> PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Thumbprint,
            ["x5t"] = Thumbprint,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
            ["issuer"] = Issuer,
        };
    }

    public string Issue(IssueRequest request)
    {
        var overrides = request.Overrides ?? new TokenDescriptorOverrides();
        var issuedAt = overrides.IssuedAt ?? _clock.GetUtcNow();
        var notBefore = overrides.NotBefore ?? issuedAt;
        var expires = overrides.Expires ?? issuedAt + Lifetime;

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["aio"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24)),
            ["azp"] = request.ClientId,
            ["azpacr"] = request.ClientAuthenticated ? "1" : "0",
            ["name"] = request.User.DisplayName,
            ["oid"] = request.User.Id,
            ["preferred_username"] = request.User.Mail,
            ["rh"] = "0.dev.",
            ["sub"] = Subject(request.User.Id, request.ClientId),
            ["tid"] = TenantId,
            ["uti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "2.0",
        };
        if (!overrides.OmitScope)
        {
            claims["scp"] = overrides.Scope ?? request.Scope;
        }

        // As Entra: the app roles assigned to the user for the token's resource, only when there are any.
        if (request.Roles is { Count: > 0 } roles)
        {
            claims["roles"] = roles.ToArray();
        }

        foreach (var (name, value) in overrides.AdditionalClaims)
        {
            claims[name] = value;
        }

        SecurityKey signingKey = _key;
        RSA? throwaway = null;
        if (overrides.SignWithUnknownKey)
        {
            throwaway = RSA.Create(2048);
            signingKey = new RsaSecurityKey(throwaway) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(20)) };
        }

        try
        {
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = overrides.Issuer ?? Issuer,
                Audience = overrides.Audience ?? request.Audience,
                IssuedAt = issuedAt.UtcDateTime,
                NotBefore = notBefore.UtcDateTime,
                Expires = expires.UtcDateTime,
                Claims = claims,
                SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
                TokenType = "JWT",
            };
            return _handler.CreateToken(descriptor);
        }
        finally
        {
            throwaway?.Dispose();
        }
    }

    /// <summary>Validates signature, issuer, audience and lifetime (5 minutes' skew).</summary>
    public async Task<TokenCheck> ValidateAsync(string token, string audience)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKey = _key,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],

            // Lifetime is checked below against the dev tenant's clock, which tests may set.
            ValidateLifetime = false,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return TokenCheck.Failed(result.Exception switch
            {
                SecurityTokenExpiredException => TokenFailure.Expired,
                SecurityTokenNotYetValidException => TokenFailure.NotYetValid,
                SecurityTokenInvalidAudienceException => TokenFailure.WrongAudience,
                SecurityTokenInvalidIssuerException => TokenFailure.WrongIssuer,
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => TokenFailure.BadSignature,
                _ => TokenFailure.Malformed,
            });
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.ValidTo == DateTime.MinValue || jwt.ValidTo + ClockSkew < now)
        {
            return TokenCheck.Failed(TokenFailure.Expired);
        }

        if (jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom - ClockSkew > now)
        {
            return TokenCheck.Failed(TokenFailure.NotYetValid);
        }

        var identity = result.ClaimsIdentity;
        var oid = identity.FindFirst("oid")?.Value;
        return oid is null ? TokenCheck.Failed(TokenFailure.Malformed) : TokenCheck.Valid(oid, identity);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _rsa.Dispose();
    }

    // Entra's sub is pairwise per application; a stable hash of user and client stands in for it.
    private static string Subject(string userId, string clientId) =>
        Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{userId}|{clientId}")));
}

internal sealed record IssueRequest(
    SeedUser User,
    string Audience,
    string Scope,
    string ClientId,
    bool ClientAuthenticated,
    TokenDescriptorOverrides? Overrides = null,
    IReadOnlyList<string>? Roles = null);

internal enum TokenFailure
{
    Malformed,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
}

internal sealed record TokenCheck(bool IsValid, string? ObjectId, ClaimsIdentity? Identity, TokenFailure? Failure)
{
    public static TokenCheck Valid(string objectId, ClaimsIdentity identity) => new(true, objectId, identity, null);

    public static TokenCheck Failed(TokenFailure failure) => new(false, null, null, failure);
}
