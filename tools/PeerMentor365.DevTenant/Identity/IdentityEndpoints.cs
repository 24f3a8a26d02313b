using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PeerMentor365.DevTenant.Hosting;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Identity;

/// <summary>
/// The Entra-like identity surface: OIDC discovery, JWKS, and the token endpoint with two grants —
/// the dev-only password grant for the pane, on-behalf-of for the API (with a refresh token when offline_access
/// is asked for), and refresh_token for the API's background work.
/// </summary>
internal sealed class IdentityEndpoints(DevTenantOptions options, DevTenantEndpoints endpoints, TokenIssuer issuer, TenantSeed seed, TimeProvider clock)
{
    /// <summary>The delegated Graph permissions the API is consented for (docs/graph-permissions.md); an OBO Graph token carries these.</summary>
    public static readonly string[] GraphScopes = ["Calendars.ReadWrite", "Files.ReadWrite", "MailboxSettings.Read", "Notes.ReadWrite.All", "User.Read", "User.ReadBasic.All"];

    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private const string RefreshTokenGrant = "refresh_token";
    private const string OfflineAccess = "offline_access";
    private const string GraphPrefix = DevTenantDefaults.GraphAudience + "/";
    private static readonly string[] OidcScopes = ["openid", "profile", "email", OfflineAccess];

    private readonly RefreshTokens _refreshTokens = new(clock);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _grantCounts = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _stepUpRequired = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>expires_in of the Graph tokens the API is given (MSAL renews a token within 5 minutes of its expiry).</summary>
    public TimeSpan GraphTokenLifetime { get; set; } = TokenIssuer.TokenLifetime;

    /// <summary>How many token requests with this grant_type arrived (whatever their answer).</summary>
    public int CountTokenRequests(string grantType) => _grantCounts.TryGetValue(grantType, out var count) ? count : 0;

    /// <summary>Marks the user as one a Conditional Access policy asks for multi-factor authentication (or clears it).</summary>
    public void RequireStepUp(SeedUser user, bool required)
    {
        if (required)
        {
            _stepUpRequired[user.Id] = true;
        }
        else
        {
            _stepUpRequired.TryRemove(user.Id, out _);
        }
    }

    /// <summary>Revokes every refresh token of the user (as Graph's revokeSignInSessions would); returns how many.</summary>
    public int RevokeRefreshTokens(SeedUser user) => _refreshTokens.RevokeAll(user.Id);

    public JsonObject DiscoveryDocument() => new()
    {
        ["token_endpoint"] = endpoints.TokenEndpoint,
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        ["jwks_uri"] = endpoints.JwksUri,
        ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
        ["subject_types_supported"] = new JsonArray("pairwise"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
        ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
        ["issuer"] = endpoints.Issuer,
        ["request_uri_parameter_supported"] = false,
        ["authorization_endpoint"] = endpoints.AuthorizeEndpoint,
        ["end_session_endpoint"] = endpoints.LogoutEndpoint,
        ["http_logout_supported"] = true,
        ["frontchannel_logout_supported"] = true,
        ["claims_supported"] = new JsonArray("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "preferred_username", "name", "tid", "ver", "oid", "email"),
        ["tenant_region_scope"] = "NA",
        ["cloud_instance_name"] = "microsoftonline.com",
        ["msgraph_host"] = endpoints.Host,
    };

    public JsonObject Jwks()
    {
        var key = new JsonObject();
        foreach (var (name, value) in issuer.PublicJwk())
        {
            key[name] = value switch
            {
                string[] values => new JsonArray([.. values.Select(v => (JsonNode?)v)]),
                string text => text,
                _ => null,
            };
        }

        key["cloud_instance_name"] = "microsoftonline.com";
        return new JsonObject { ["keys"] = new JsonArray(key) };
    }

    public async Task<(int Status, JsonObject Body)> TokenAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return OAuthError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
        }

        if (!request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }

        var form = await request.ReadFormAsync();
        string? Field(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

        var grantType = Field("grant_type");
        var clientId = Field("client_id");
        var (basicId, basicSecret) = BasicCredentials(request);
        clientId ??= basicId;
        if (grantType is null)
        {
            return MissingParameter("grant_type");
        }

        _grantCounts.AddOrUpdate(grantType, 1, (_, count) => count + 1);

        if (clientId is null)
        {
            return MissingParameter("client_id");
        }

        return grantType switch
        {
            "password" => Password(clientId, Field("username"), Field("password"), Field("scope"), Field("claims")),
            JwtBearerGrant => await OnBehalfOfAsync(clientId, Field("client_secret") ?? basicSecret, Field("requested_token_use"), Field("assertion"), Field("scope")),
            RefreshTokenGrant => Refresh(clientId, Field("client_secret") ?? basicSecret, Field("refresh_token"), Field("scope")),
            _ => OAuthError(400, "unsupported_grant_type", 70003,
                $"The app requested an unsupported grant type '{grantType}'. The dev tenant supports 'password' (dev sign-in for the pane), '{JwtBearerGrant}' (on-behalf-of) and '{RefreshTokenGrant}' (the API's background work)."),
        };
    }

    /// <summary>What the pane's dev sign-in uses: any password works, because this tenant exists only on a developer's machine.</summary>
    private (int, JsonObject) Password(string clientId, string? username, string? password, string? scope, string? claims)
    {
        if (string.Equals(clientId, DevTenantDefaults.AdminToolClientId, StringComparison.Ordinal))
        {
            return AdminToolPassword(username, password, scope);
        }

        if (!string.Equals(clientId, options.PaneClientId, StringComparison.Ordinal))
        {
            return UnknownClient(clientId);
        }

        if (username is null)
        {
            return MissingParameter("username");
        }

        if (password is null)
        {
            return MissingParameter("password");
        }

        if (scope is null)
        {
            return MissingParameter("scope");
        }

        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var apiScope = $"{options.ApiAudience}/{DevTenantDefaults.ApiScope}";
        var apiDefault = $"{options.ApiAudience}/.default";
        var unknown = scopes.FirstOrDefault(s => s != apiScope && s != apiDefault && !OidcScopes.Contains(s));
        if (unknown is not null || !scopes.Any(s => s == apiScope || s == apiDefault))
        {
            return OAuthError(400, "invalid_scope", 70011,
                $"The provided value for the input parameter 'scope' is not valid. Request '{apiScope}' (with openid, profile, offline_access if wanted).");
        }

        if (seed.Find(username) is not { } mailbox || !username.Contains('@', StringComparison.Ordinal))
        {
            return OAuthError(400, "invalid_grant", 50034, $"The user account {{EUII Hidden}} does not exist in the {options.TenantId} directory.");
        }

        // Signing in again with a claims request is how a user meets a Conditional Access challenge; here that is the
        // second factor (any password still works), shown in the token's amr claim as Entra shows it.
        var overrides = new TokenDescriptorOverrides();
        overrides.AdditionalClaims["amr"] = IsClaimsRequest(claims) ? new[] { "pwd", "mfa" } : new[] { "pwd" };
        var accessToken = issuer.Issue(new IssueRequest(mailbox.User, options.ApiAudience, DevTenantDefaults.ApiScope, options.PaneClientId, ClientAuthenticated: false, overrides, mailbox.User.AppRoles));
        var body = Success(accessToken, $"{apiScope} {string.Join(' ', scopes.Where(OidcScopes.Contains))}".Trim());
        if (scopes.Contains("openid"))
        {
            body["id_token"] = issuer.Issue(new IssueRequest(mailbox.User, options.PaneClientId, "openid", options.PaneClientId, ClientAuthenticated: false));
        }

        return (200, body);
    }

    /// <summary>
    /// An admin tool (the provisioning command) signing in for a Graph token: the dev stand-in for its device-code sign-in.
    /// Any password works; what the user may do in the directory is decided by their seeded directory roles.
    /// </summary>
    private (int, JsonObject) AdminToolPassword(string? username, string? password, string? scope)
    {
        if (username is null || password is null || scope is null)
        {
            return MissingParameter(username is null ? "username" : password is null ? "password" : "scope");
        }

        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => s != GraphPrefix + ".default" && !OidcScopes.Contains(s)))
        {
            return OAuthError(400, "invalid_scope", 70011,
                $"The provided value for the input parameter 'scope' is not valid. Request '{GraphPrefix}.default'.");
        }

        if (seed.Find(username) is not { } mailbox || !username.Contains('@', StringComparison.Ordinal))
        {
            return OAuthError(400, "invalid_grant", 50034, $"The user account {{EUII Hidden}} does not exist in the {options.TenantId} directory.");
        }

        return (200, Success(IssueGraphToken(mailbox.User), GraphPrefix + ".default", GraphTokenLifetime));
    }

    private static bool IsClaimsRequest(string? claims)
    {
        try
        {
            return claims is not null && JsonNode.Parse(claims) is JsonObject request && request["access_token"] is JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private async Task<(int, JsonObject)> OnBehalfOfAsync(string clientId, string? secret, string? requestedTokenUse, string? assertion, string? scope)
    {
        if (ConfidentialClientFailure(clientId, secret) is { } clientFailure)
        {
            return clientFailure;
        }

        if (!string.Equals(requestedTokenUse, "on_behalf_of", StringComparison.Ordinal))
        {
            return requestedTokenUse is null
                ? MissingParameter("requested_token_use")
                : OAuthError(400, "invalid_request", 90022, $"The requested_token_use '{requestedTokenUse}' is not supported; use 'on_behalf_of'.");
        }

        if (assertion is null)
        {
            return MissingParameter("assertion");
        }

        if (scope is null)
        {
            return MissingParameter("scope");
        }

        var requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (GraphScopeFailure(clientId, requested) is { } scopeFailure)
        {
            return scopeFailure;
        }

        var check = await issuer.ValidateAsync(assertion, options.ApiAudience);
        if (!check.IsValid)
        {
            return check.Failure switch
            {
                TokenFailure.Expired or TokenFailure.NotYetValid => OAuthError(400, "invalid_grant", 500133, "Assertion is not within its valid time range."),
                TokenFailure.WrongAudience => OAuthError(400, "invalid_grant", 50013, "Assertion failed signature validation. [Reason - The provided audience does not match the client app presenting the assertion.]"),
                TokenFailure.WrongIssuer => OAuthError(400, "invalid_grant", 50013, "Assertion failed signature validation. [Reason - The issuer of the assertion is not this tenant.]"),
                TokenFailure.BadSignature => OAuthError(400, "invalid_grant", 50013, "Assertion failed signature validation. [Reason - The key was not found.]"),
                _ => OAuthError(400, "invalid_grant", 50013, "Assertion failed signature validation. [Reason - The assertion is malformed.]"),
            };
        }

        if (seed.Mailboxes.FirstOrDefault(m => string.Equals(m.User.Id, check.ObjectId, StringComparison.OrdinalIgnoreCase)) is not { } mailbox)
        {
            return OAuthError(400, "invalid_grant", 50034, $"The user account {{EUII Hidden}} does not exist in the {options.TenantId} directory.");
        }

        if (_stepUpRequired.ContainsKey(mailbox.User.Id) && !HasMultiFactor(check.Identity))
        {
            return StepUpRequired();
        }

        return (200, GraphTokenResponse(mailbox.User, clientId, requested.Contains(OfflineAccess)));
    }

    /// <summary>The Conditional Access policy the dev tenant applies to users marked for step-up (its id is what a claims challenge names).</summary>
    public const string StepUpPolicyId = "c0a1d2e3-5fa0-4d3e-8a7b-0c1d2e3f4a51";

    private static bool HasMultiFactor(System.Security.Claims.ClaimsIdentity? identity) =>
        identity?.FindAll("amr").Any(claim => claim.Value == "mfa") == true;

    /// <summary>
    /// Entra's answer to on-behalf-of when a Conditional Access policy wants multi-factor authentication the user's token
    /// does not show: interaction_required, AADSTS50076, and the claims the client must ask for when the user signs in again.
    /// </summary>
    private (int, JsonObject) StepUpRequired()
    {
        var (status, body) = OAuthError(400, "interaction_required", 50076,
            "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.");
        body["suberror"] = "basic_action";
        body["claims"] = StepUpClaims;
        return (status, body);
    }

    /// <summary>The claims request of the step-up challenge (a JSON string, as Entra sends it).</summary>
    public static readonly string StepUpClaims =
        new JsonObject { ["access_token"] = new JsonObject { ["capolids"] = new JsonObject { ["essential"] = true, ["values"] = new JsonArray(StepUpPolicyId) } } }.ToJsonString();

    /// <summary>
    /// A new Graph token (and a new refresh token) from a refresh token the on-behalf-of grant gave out, as Entra
    /// answers the API's background work. A revoked, expired or unknown refresh token is invalid_grant.
    /// </summary>
    private (int, JsonObject) Refresh(string clientId, string? secret, string? refreshToken, string? scope)
    {
        if (ConfidentialClientFailure(clientId, secret) is { } clientFailure)
        {
            return clientFailure;
        }

        if (refreshToken is null)
        {
            return MissingParameter("refresh_token");
        }

        var requested = (scope ?? GraphPrefix + ".default").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (GraphScopeFailure(clientId, requested) is { } scopeFailure)
        {
            return scopeFailure;
        }

        var check = _refreshTokens.Check(refreshToken, clientId);
        if (check.Failure is { } failure)
        {
            return failure switch
            {
                RefreshFailure.Revoked => OAuthError(400, "invalid_grant", 50173,
                    "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."),
                RefreshFailure.Expired => OAuthError(400, "invalid_grant", 700082,
                    "The refresh token has expired due to inactivity. The token was issued on a date more than 90 days ago."),
                RefreshFailure.OtherClient => OAuthError(400, "invalid_grant", 70000,
                    "Provided grant is invalid or malformed. The refresh token was issued to a different client."),
                _ => OAuthError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
            };
        }

        if (seed.Mailboxes.FirstOrDefault(m => string.Equals(m.User.Id, check.UserId, StringComparison.OrdinalIgnoreCase)) is not { } mailbox)
        {
            return OAuthError(400, "invalid_grant", 50034, $"The user account {{EUII Hidden}} does not exist in the {options.TenantId} directory.");
        }

        return (200, GraphTokenResponse(mailbox.User, clientId, withRefreshToken: true));
    }

    private JsonObject GraphTokenResponse(SeedUser user, string clientId, bool withRefreshToken)
    {
        // Entra lists the granted permissions and echoes .default when that was asked for; MSAL caches the token under
        // these scopes and finds it again only by the scope it asked for, so without .default every call would go out.
        var body = Success(IssueGraphToken(user), string.Join(' ', GraphScopes.Select(s => GraphPrefix + s).Append(GraphPrefix + ".default")), GraphTokenLifetime);
        if (withRefreshToken)
        {
            body["scope"] = body["scope"]!.GetValue<string>() + " " + OfflineAccess;
            body["refresh_token"] = _refreshTokens.Issue(user.Id, clientId);
        }

        return body;
    }

    /// <summary>Only our API, with its dev secret, may use the on-behalf-of and refresh grants.</summary>
    private (int, JsonObject)? ConfidentialClientFailure(string clientId, string? secret)
    {
        if (!string.Equals(clientId, options.ApiClientId, StringComparison.Ordinal))
        {
            return UnknownClient(clientId);
        }

        if (secret is null)
        {
            return OAuthError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        return string.Equals(secret, options.ApiClientSecret, StringComparison.Ordinal)
            ? null
            : OAuthError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
    }

    /// <summary>Graph scopes only (plus OIDC ones), each consented; an unconsented one is AADSTS65001 as in Entra.</summary>
    private (int, JsonObject)? GraphScopeFailure(string clientId, string[] requested)
    {
        foreach (var item in requested)
        {
            if (OidcScopes.Contains(item) || item == GraphPrefix + ".default")
            {
                continue;
            }

            if (!item.StartsWith(GraphPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return OAuthError(400, "invalid_scope", 70011, $"The provided value for the input parameter 'scope' is not valid. The scope '{item}' is not a Microsoft Graph scope.");
            }

            var permission = item[GraphPrefix.Length..];
            if (!GraphScopes.Contains(permission, StringComparer.OrdinalIgnoreCase))
            {
                return OAuthError(400, "invalid_grant", 65001,
                    $"The user or administrator has not consented to use the application with ID '{clientId}'. Send an interactive authorization request for this user and resource.");
            }
        }

        return requested.Any(s => s.StartsWith(GraphPrefix, StringComparison.OrdinalIgnoreCase))
            ? null
            : OAuthError(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid. Request 'https://graph.microsoft.com/.default'.");
    }

    public string IssueGraphToken(SeedUser user) =>
        issuer.Issue(new IssueRequest(user, DevTenantDefaults.GraphAudience, string.Join(' ', GraphScopes), options.ApiClientId, ClientAuthenticated: true));

    private static JsonObject Success(string accessToken, string scope, TimeSpan? lifetime = null)
    {
        var seconds = (int)(lifetime ?? TokenIssuer.TokenLifetime).TotalSeconds - 1;
        return new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = accessToken,
        };
    }

    private (int, JsonObject) UnknownClient(string clientId) =>
        OAuthError(400, "unauthorized_client", 700016,
            $"Application with identifier '{clientId}' was not found in the directory '{options.TenantId}', or may not use this grant.");

    private (int, JsonObject) MissingParameter(string name) =>
        OAuthError(400, "invalid_request", 900144, $"The request body must contain the following parameter: '{name}'.");

    /// <summary>Entra's OAuth2 error body: error, error_description (AADSTS code + trace lines), error_codes, timestamp, trace_id, correlation_id.</summary>
    public (int, JsonObject) OAuthError(int status, string error, int code, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        var correlationId = Guid.NewGuid().ToString();
        var timestamp = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return (status, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = timestamp,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"{endpoints.BaseAddress.ToString().TrimEnd('/')}/error?code={code}",
        });
    }

    private static (string? Id, string? Secret) BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
