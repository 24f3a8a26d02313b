using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PeerMentor365.DevTenant;

namespace PeerMentor365.Api.Tests.Auth;

/// <summary>
/// A stand-in for Entra ID on 127.0.0.1, reached as https://login.microsoftonline.com through <see cref="StubRouting"/>:
/// OIDC metadata and JWKS for any tenant, instance discovery, and a token endpoint with the on-behalf-of and
/// refresh_token grants (client authenticated by secret, certificate assertion or managed-identity assertion), plus
/// the managed identity endpoint (IMDS). Graph tokens it hands out are the dev tenant's, so Graph calls routed to
/// the dev tenant work as the same user.
/// </summary>
public sealed class EntraStub : IAsyncDisposable
{
    public const string Instance = "https://login.microsoftonline.com";
    public const string ClientSecret = "stub-secret";
    public const string ManagedIdentityClientId = "6a1f9a8e-0d3c-4c55-9b1a-7e5f2c3d4b10";
    public static readonly string HomeTenant = "3f1c8a52-9d4e-4b7a-8c61-2e5d7f9a0b13";
    public static readonly string PartnerTenant = "b7d2e4f6-1a3c-4e5b-9d7f-0a2c4e6b8d19";
    public static readonly string StrangerTenant = "c0ffee00-1234-4cde-8f00-abcdefabcdef";
    public static readonly string ClientId = "0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0";
    public static readonly string AppIdUri = $"api://peermentor.test/{ClientId}";

    private readonly WebApplication _app;
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly RSA _identityKey = RSA.Create(2048);
    private readonly string _keyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(20));
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revokedUsers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private readonly DevTenantServer _devTenant;

    private EntraStub(WebApplication app, DevTenantServer devTenant, X509Certificate2 clientCertificate)
    {
        _app = app;
        _devTenant = devTenant;
        ClientCertificate = clientCertificate;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The certificate registered on the app (with its private key: tests write it out as the PFX the API loads).</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>Users whose organisation has not consented to our Graph permissions.</summary>
    public ConcurrentDictionary<string, bool> WithoutConsent { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>expires_in of the Graph tokens handed out (MSAL refreshes tokens within 5 minutes of expiry).</summary>
    public int GraphTokenLifetimeSeconds { get; set; } = 3599;

    /// <summary>Every token request, in order.</summary>
    public IReadOnlyList<TokenRequest> TokenRequests => [.. _tokenRequests];

    /// <summary>Managed identity token requests (IMDS).</summary>
    public int ManagedIdentityRequests => _managedIdentityRequests;

    private int _managedIdentityRequests;

    public static async Task<EntraStub> StartAsync(DevTenantServer devTenant)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        using var certificateKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=PeerMentor365 API test credential", certificateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var stub = new EntraStub(app, devTenant, X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable));
        certificate.Dispose();
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return stub;
    }

    public int CountGrants(string grantType) => _tokenRequests.Count(request => request.GrantType == grantType);

    /// <summary>Revokes every refresh token of the user (revokeSignInSessions).</summary>
    public void Revoke(string mail) => _revokedUsers[mail] = true;

    /// <summary>An access token for our API as Entra v2.0 issues it; <paramref name="spoil"/> may change it for negative tests.</summary>
    public string IssueApiToken(string mail, string? tenantId = null, Action<ApiTokenShape>? spoil = null)
    {
        var user = _devTenant.Users.Single(u => string.Equals(u.Mail, mail, StringComparison.OrdinalIgnoreCase));
        var now = DateTimeOffset.UtcNow;
        var tid = tenantId ?? HomeTenant;
        var shape = new ApiTokenShape
        {
            Issuer = $"{Instance}/{tid}/v2.0",
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Scope = "access_as_user",
            TenantId = tid,
        };
        spoil?.Invoke(shape);
        var claims = new Dictionary<string, object>
        {
            ["azp"] = "peermentor365-pane-test",
            ["name"] = user.DisplayName,
            ["oid"] = user.Id,
            ["preferred_username"] = user.Mail,
            ["sub"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id))),
            ["tid"] = shape.TenantId,
            ["ver"] = "2.0",
        };
        if (shape.Scope is not null)
        {
            claims["scp"] = shape.Scope;
        }

        if (shape.Roles.Count > 0)
        {
            claims["roles"] = shape.Roles.ToArray();
        }

        using var unknown = shape.SignWithUnknownKey ? RSA.Create(2048) : null;
        var key = unknown is null
            ? new RsaSecurityKey(_signingKey) { KeyId = _keyId }
            : new RsaSecurityKey(unknown) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(20)) };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = shape.Issuer,
            Audience = shape.Audience,
            IssuedAt = shape.IssuedAt.UtcDateTime,
            NotBefore = shape.NotBefore.UtcDateTime,
            Expires = shape.Expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            TokenType = "JWT",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Dispose();
        _identityKey.Dispose();
        ClientCertificate.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/');
        if (path.StartsWith("/metadata/identity/oauth2/token", StringComparison.Ordinal))
        {
            await ManagedIdentityTokenAsync(http);
        }
        else if (path == "/common/discovery/instance")
        {
            await WriteAsync(http, 200, InstanceDiscovery());
        }
        else if (segments is [var tenant, "v2.0", ".well-known", "openid-configuration"])
        {
            await WriteAsync(http, 200, Discovery(tenant));
        }
        else if (segments is [_, "discovery", "v2.0", "keys"])
        {
            await WriteAsync(http, 200, Jwks());
        }
        else if (segments is [var tokenTenant, "oauth2", "v2.0", "token"] && HttpMethods.IsPost(http.Request.Method))
        {
            var (status, body) = await TokenAsync(tokenTenant, await http.Request.ReadFormAsync());
            await WriteAsync(http, status, body);
        }
        else
        {
            await WriteAsync(http, 404, new JsonObject { ["error"] = "not_found", ["path"] = path });
        }
    }

    private static JsonObject InstanceDiscovery() => new()
    {
        ["tenant_discovery_endpoint"] = $"{Instance}/common/v2.0/.well-known/openid-configuration",
        ["api-version"] = "1.1",
        ["metadata"] = new JsonArray(new JsonObject
        {
            ["preferred_network"] = "login.microsoftonline.com",
            ["preferred_cache"] = "login.windows.net",
            ["aliases"] = new JsonArray("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"),
        }),
    };

    private static JsonObject Discovery(string tenant) => new()
    {
        ["issuer"] = $"{Instance}/{tenant}/v2.0",
        ["authorization_endpoint"] = $"{Instance}/{tenant}/oauth2/v2.0/authorize",
        ["token_endpoint"] = $"{Instance}/{tenant}/oauth2/v2.0/token",
        ["jwks_uri"] = $"{Instance}/{tenant}/discovery/v2.0/keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
        ["subject_types_supported"] = new JsonArray("pairwise"),
    };

    private JsonObject Jwks()
    {
        var parameters = _signingKey.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = _keyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        };
    }

    private async Task ManagedIdentityTokenAsync(HttpContext http)
    {
        Interlocked.Increment(ref _managedIdentityRequests);
        var query = http.Request.Query;
        if (http.Request.Headers["Metadata"] != "true" || query["client_id"] != ManagedIdentityClientId || query["resource"] != "api://AzureADTokenExchange")
        {
            await WriteAsync(http, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Unexpected managed identity request." });
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"{Instance}/{HomeTenant}/v2.0",
            Audience = "api://AzureADTokenExchange",
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = "uami-principal", ["appid"] = ManagedIdentityClientId },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_identityKey), SecurityAlgorithms.RsaSha256),
        });
        await WriteAsync(http, 200, new JsonObject
        {
            ["access_token"] = token,
            ["client_id"] = ManagedIdentityClientId,
            ["expires_in"] = "3599",
            ["expires_on"] = now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ext_expires_in"] = "3599",
            ["not_before"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = "api://AzureADTokenExchange",
            ["token_type"] = "Bearer",
        });
    }

    private async Task<(int, JsonObject)> TokenAsync(string pathTenant, IFormCollection form)
    {
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
        var grantType = Field("grant_type") ?? string.Empty;
        var credential = await ClientCredentialAsync(Field("client_id"), Field("client_secret"), Field("client_assertion_type"), Field("client_assertion"), pathTenant);
        _tokenRequests.Enqueue(new TokenRequest(grantType, pathTenant, credential ?? "rejected", Field("scope") ?? string.Empty));
        if (credential is null)
        {
            return Error(401, "invalid_client", 7000215, "Invalid client credential.");
        }

        return grantType switch
        {
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => await OnBehalfOfAsync(pathTenant, Field("assertion"), Field("scope") ?? string.Empty),
            "refresh_token" => Refresh(Field("refresh_token")),
            _ => Error(400, "unsupported_grant_type", 70003, "Unsupported grant type."),
        };
    }

    /// <summary>Which credential the client proved itself with, or null.</summary>
    private async Task<string?> ClientCredentialAsync(string? clientId, string? secret, string? assertionType, string? assertion, string tenant)
    {
        if (clientId != ClientId)
        {
            return null;
        }

        if (secret is not null)
        {
            return secret == ClientSecret ? "secret" : null;
        }

        if (assertionType != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || assertion is null)
        {
            return null;
        }

        using var certificateKey = ClientCertificate.GetRSAPublicKey();
        var byCertificate = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(certificateKey!),
            ValidIssuer = ClientId,
            ValidAudience = $"{Instance}/{tenant}/oauth2/v2.0/token",
            TryAllIssuerSigningKeys = true,
        });
        if (byCertificate.IsValid)
        {
            return "certificate";
        }

        var byIdentity = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(_identityKey),
            ValidIssuer = $"{Instance}/{HomeTenant}/v2.0",
            ValidAudience = "api://AzureADTokenExchange",
            TryAllIssuerSigningKeys = true,
        });
        return byIdentity.IsValid ? "managedIdentity" : null;
    }

    private async Task<(int, JsonObject)> OnBehalfOfAsync(string pathTenant, string? assertion, string scope)
    {
        if (assertion is null)
        {
            return Error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'assertion'.");
        }

        var check = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(_signingKey) { KeyId = _keyId },
            ValidIssuer = $"{Instance}/{pathTenant}/v2.0",
            ValidAudiences = [ClientId, AppIdUri],
        });
        if (!check.IsValid)
        {
            return Error(400, "invalid_grant", 50013, "Assertion failed signature validation.");
        }

        var mail = (string)check.Claims["preferred_username"];
        if (WithoutConsent.ContainsKey(mail))
        {
            var (status, body) = Error(400, "invalid_grant", 65001,
                $"The user or administrator has not consented to use the application with ID '{ClientId}' named 'PeerMentor365'. Send an interactive authorization request for this user and resource.");
            body["suberror"] = "consent_required";
            return (status, body);
        }

        return (200, GraphTokens(mail, (string)check.Claims["oid"], pathTenant, withRefreshToken: scope.Split(' ').Contains("offline_access")));
    }

    private (int, JsonObject) Refresh(string? refreshToken)
    {
        if (refreshToken is null || !_refreshTokens.TryGetValue(refreshToken, out var owner))
        {
            return Error(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        }

        if (_revokedUsers.ContainsKey(owner.Split('|')[0]))
        {
            return Error(400, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed.");
        }

        var parts = owner.Split('|');
        return (200, GraphTokens(parts[0], parts[1], parts[2], withRefreshToken: true));
    }

    private JsonObject GraphTokens(string mail, string oid, string tenant, bool withRefreshToken)
    {
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = "https://graph.microsoft.com/Calendars.ReadWrite https://graph.microsoft.com/MailboxSettings.Read https://graph.microsoft.com/User.ReadBasic.All https://graph.microsoft.com/.default",
            ["expires_in"] = GraphTokenLifetimeSeconds,
            ["ext_expires_in"] = GraphTokenLifetimeSeconds,
            ["access_token"] = _devTenant.IssueGraphToken(mail),
            ["client_info"] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { uid = oid, utid = tenant })),
        };
        if (withRefreshToken)
        {
            var refreshToken = "stub-rt." + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
            _refreshTokens[refreshToken] = $"{mail}|{oid}|{tenant}";
            body["refresh_token"] = refreshToken;
        }

        return body;
    }

    private static (int, JsonObject) Error(int status, string error, int code, string description) => (status, new JsonObject
    {
        ["error"] = error,
        ["error_description"] = $"AADSTS{code}: {description} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: 2026-11-22 04:00:00Z",
        ["error_codes"] = new JsonArray(code),
        ["timestamp"] = "2026-11-22 04:00:00Z",
        ["trace_id"] = Guid.NewGuid().ToString(),
        ["correlation_id"] = Guid.NewGuid().ToString(),
    });

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString());
    }
}

/// <summary>What an issued API token says (each field spoilable).</summary>
public sealed class ApiTokenShape
{
    public required string Issuer { get; set; }

    public required string Audience { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset Expires { get; set; }

    public string? Scope { get; set; }

    public required string TenantId { get; set; }

    public List<string> Roles { get; } = [];

    public bool SignWithUnknownKey { get; set; }
}

/// <summary>One request to the token endpoint: the grant, the tenant in its path, how the client proved itself, the scopes.</summary>
public sealed record TokenRequest(string GrantType, string Tenant, string Credential, string Scope);

/// <summary>Sends login.microsoftonline.com and IMDS to the stub, graph.microsoft.com to the dev tenant; everything else as is.</summary>
public sealed class StubRouting(Uri stub, Uri devTenant) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var target = uri.Host switch
        {
            "login.microsoftonline.com" or "169.254.169.254" => stub,
            "graph.microsoft.com" => devTenant,
            _ => null,
        };
        if (target is not null)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
