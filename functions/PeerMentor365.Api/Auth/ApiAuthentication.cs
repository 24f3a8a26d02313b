using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PeerMentor365.Api.Problems;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Auth;

/// <summary>
/// Bearer tokens for our API: signature (keys from the home tenant's OIDC metadata), issuer, audience, lifetime,
/// then the access_as_user scope and an allowed tenant. Entra mode trusts only Entra v2.0 issuers; dev-tenant mode
/// only the dev tenant's.
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>The policy every signed-in route group requires.</summary>
    public const string AccessAsUser = "AccessAsUser";

    public const string ScopeClaim = "scp";

    public const string TenantClaim = "tid";

    public const string RequiredScope = "access_as_user";

    /// <summary>Outbound HTTP to the identity provider (metadata, keys, token endpoint); tests route it to a stub.</summary>
    public const string IdentityHttpClient = "Identity";

    public const string TenantNotAllowedType = "https://peermentor365.dev/problems/tenant-not-allowed";

    public static WebApplicationBuilder AddApiAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(IdentityHttpClient);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessAsUser, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(SignedInUser.MailClaim)
                .RequireAssertion(context => HasScope(context.User, RequiredScope))
                .RequireAssertion(context => IsAllowedTenant(context)));
        return builder;
    }

    private static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll(ScopeClaim)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);

    private static bool IsAllowedTenant(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http
        && IsAllowedTenant(http.RequestServices.GetRequiredService<TenantEndpoints>(), context.User);

    private static bool IsAllowedTenant(TenantEndpoints tenant, System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(TenantClaim)?.Value is { } tid && tenant.AllowedTenantIds.Contains(tid.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>
    /// An Entra v2.0 issuer is https://login.microsoftonline.com/{tid}/v2.0 with the token's own tid: any tenant's
    /// well-formed token authenticates, and the allow-list then answers 403 with a reason a person can act on.
    /// </summary>
    private static string ValidateEntraIssuer(EntraClient entra, string issuer, SecurityToken token)
    {
        var tid = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(TenantClaim, out var value) ? value : null;
        if (tid is not null && Guid.TryParse(tid, out _) && string.Equals(issuer, entra.IssuerFor(tid), StringComparison.OrdinalIgnoreCase))
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException("The token's issuer is not Entra ID v2.0 for the token's tenant.");
    }

    private sealed class ConfigureJwtBearer(TenantEndpoints tenant, IHttpClientFactory httpClients) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }

            options.MetadataAddress = tenant.MetadataAddress;
            options.RequireHttpsMetadata = tenant.RequireHttpsMetadata;
            options.Backchannel = httpClients.CreateClient(IdentityHttpClient);
            options.MapInboundClaims = false;
            options.SaveToken = false;
            var validation = options.TokenValidationParameters;
            validation.ValidateIssuer = true;
            if (tenant.Entra is { } entra)
            {
                validation.IssuerValidator = (issuer, token, _) => ValidateEntraIssuer(entra, issuer, token);
            }
            else
            {
                validation.ValidIssuer = tenant.Issuer;
            }

            validation.ValidAudiences = tenant.ApiAudiences;
            validation.ValidateAudience = true;
            validation.ValidateLifetime = true;
            validation.ValidateIssuerSigningKey = true;
            validation.RequireExpirationTime = true;
            validation.RequireSignedTokens = true;
            validation.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            validation.ClockSkew = TimeSpan.FromMinutes(1);
            validation.NameClaimType = "name";
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
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
                },
                OnForbidden = context => IsAllowedTenant(tenant, context.HttpContext.User)
                    ? ProblemResponses.WriteAsync(
                        context.HttpContext,
                        StatusCodes.Status403Forbidden,
                        "Not allowed",
                        $"The token lacks the '{RequiredScope}' scope of this API.")
                    : TenantProblems.WriteNotAllowedAsync(context.HttpContext),
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}
