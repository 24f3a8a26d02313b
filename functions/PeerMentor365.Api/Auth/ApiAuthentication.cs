using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Problems;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Auth;

/// <summary>
/// Bearer tokens for our API and the API's own identity, both through Microsoft.Identity.Web: JwtBearer validation
/// (signature from the tenant's OIDC metadata, issuer per the token's tid, audience, lifetime, RS256), then the
/// access_as_user scope and an allowed tenant; and token acquisition (on-behalf-of) with the configured client
/// credential. Entra and the dev tenant take this same path: only the settings differ (see <see cref="IdentitySettings"/>),
/// plus the dev tenant's routing (<see cref="DevTenantRouting"/>), registered in dev-tenant mode only.
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>The policy every signed-in route group requires.</summary>
    public const string AccessAsUser = "AccessAsUser";

    public const string TenantClaim = "tid";

    public const string RequiredScope = "access_as_user";

    /// <summary>Outbound HTTP to Entra ID in Entra mode (metadata, keys, token endpoint); tests route it to a stub.</summary>
    public const string IdentityHttpClient = "Identity";

    public const string TenantNotAllowedType = "https://peermentor365.dev/problems/tenant-not-allowed";

    public static WebApplicationBuilder AddApiAuthentication(this WebApplicationBuilder builder)
    {
        var identity = IdentitySettings.From(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    jwt.MapInboundClaims = false;
                    jwt.SaveToken = false;
                    jwt.RequireHttpsMetadata = identity.RequireHttpsMetadata;
                    var validation = jwt.TokenValidationParameters;
                    validation.ValidateIssuer = true;
                    validation.ValidIssuers = identity.ValidIssuers;
                    validation.ValidAudiences = identity.Audiences;
                    validation.ValidateAudience = true;
                    validation.ValidateLifetime = true;
                    validation.ValidateIssuerSigningKey = true;
                    validation.RequireExpirationTime = true;
                    validation.RequireSignedTokens = true;
                    validation.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
                    validation.ClockSkew = TimeSpan.FromMinutes(1);
                    validation.NameClaimType = "name";
                    validation.RoleClaimType = "roles";

                    // Set here, inside Identity.Web's own configuration: it chains its handlers (the token kept for
                    // on-behalf-of) onto these events; replacing Events later would drop them.
                    jwt.Events = new JwtBearerEvents { OnChallenge = WriteChallengeAsync, OnForbidden = WriteForbiddenAsync };
                },
                microsoft =>
                {
                    microsoft.Instance = identity.Instance;
                    microsoft.TenantId = identity.TenantId;
                    microsoft.ClientId = identity.ClientId;
                    microsoft.ClientCredentials = identity.Credentials;

                    // Tokens without scp or roles get our 403 from the policy below, not Identity.Web's bare 401.
                    microsoft.AllowWebApiToBeAuthorizedByACL = true;
                },
                subscribeToJwtBearerMiddlewareDiagnosticsEvents: false)
            .EnableTokenAcquisitionToCallDownstreamApi(_ => { });

        // One instance for the app: requests reach it through the HTTP context, background work without one.
        builder.Services.AddTokenAcquisition(isTokenAcquisitionSingleton: true);
        builder.Services.AddHttpContextAccessor();
        if (identity.Mode == GraphMode.DevTenant)
        {
            builder.Services.AddDevTenantRouting();
        }
        else
        {
            builder.Services.AddEntraIdentityHttp();
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessAsUser, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(SignedInUser.MailClaim)
                .RequireScope(RequiredScope)
                .RequireAssertion(context => IsAllowedTenant(context)));
        return builder;
    }

    private static bool IsAllowedTenant(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http
        && IsAllowedTenant(http.RequestServices.GetRequiredService<TenantEndpoints>(), context.User);

    private static bool IsAllowedTenant(TenantEndpoints tenant, System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(TenantClaim)?.Value is { } tid && tenant.AllowedTenantIds.Contains(tid.ToLowerInvariant(), StringComparer.Ordinal);

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await ProblemResponses.WriteAsync(
            context.HttpContext,
            StatusCodes.Status401Unauthorized,
            "Sign-in required",
            "Send a valid bearer token for this API (Authorization: Bearer <token>).");
    }

    private static Task WriteForbiddenAsync(ForbiddenContext context) =>
        IsAllowedTenant(context.HttpContext.RequestServices.GetRequiredService<TenantEndpoints>(), context.HttpContext.User)
            ? ProblemResponses.WriteAsync(
                context.HttpContext,
                StatusCodes.Status403Forbidden,
                "Not allowed",
                $"The token lacks the '{RequiredScope}' scope of this API.")
            : TenantProblems.WriteNotAllowedAsync(context.HttpContext);
}

/// <summary>
/// What Identity.Web is told, per mode, read from the settings while the app is composed. Entra: the instance and
/// home tenant of Auth:*, issuers https://login.microsoftonline.com/{tenantid}/v2.0 for any tid (the allow-list is an
/// authorization rule with its own 403), one client credential. Dev tenant: the same instance (MSAL accepts only https
/// authorities; <see cref="DevTenantRouting"/> sends its traffic to the dev tenant), the dev tenant's ids and secret;
/// its issuer is added once the dev tenant runs.
/// </summary>
internal sealed record IdentitySettings(
    GraphMode Mode,
    string Instance,
    string TenantId,
    string ClientId,
    string[] Audiences,
    string[] ValidIssuers,
    bool RequireHttpsMetadata,
    CredentialDescription[] Credentials)
{
    /// <summary>Entra's public instance; also the dev tenant's, which is reached through it.</summary>
    public const string EntraInstance = "https://login.microsoftonline.com/";

    public static IdentitySettings From(IConfiguration configuration)
    {
        var graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (graph.Mode == GraphMode.DevTenant)
        {
            return DevTenantSetup.IdentitySettings();
        }

        var entra = configuration.GetSection(EntraSettings.Section).Get<EntraSettings>() ?? new EntraSettings();
        var instance = entra.Instance.TrimEnd('/') + "/";
        return new IdentitySettings(
            GraphMode.Entra,
            instance,
            entra.TenantId!.Trim().ToLowerInvariant(),
            entra.ClientId!.Trim(),
            [entra.ClientId.Trim(), entra.Audience!.Trim().TrimEnd('/')],
            [$"{instance}{{tenantid}}/v2.0"],
            RequireHttpsMetadata: true,
            [Credential(entra)]);
    }

    /// <summary>The one client credential TenantValidation insists on (a certificate, the managed identity's federated credential, or a local secret).</summary>
    private static CredentialDescription Credential(EntraSettings entra)
    {
        if (!string.IsNullOrWhiteSpace(entra.ClientCertificatePath))
        {
            return new CredentialDescription
            {
                SourceType = CredentialSource.Path,
                CertificateDiskPath = entra.ClientCertificatePath.Trim(),
                CertificatePassword = entra.ClientCertificatePassword,
            };
        }

        if (!string.IsNullOrWhiteSpace(entra.FederatedIdentityClientId))
        {
            return new CredentialDescription
            {
                SourceType = CredentialSource.SignedAssertionFromManagedIdentity,
                ManagedIdentityClientId = entra.FederatedIdentityClientId.Trim(),
            };
        }

        return new CredentialDescription { SourceType = CredentialSource.ClientSecret, ClientSecret = entra.ClientSecret };
    }
}
