using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PeerMentor365.Api.Problems;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.Auth;

/// <summary>Bearer tokens for our API: issuer, audience, signature (from the authority's OIDC metadata), lifetime, scope.</summary>
internal static class ApiAuthentication
{
    /// <summary>The policy every signed-in route group requires.</summary>
    public const string AccessAsUser = "AccessAsUser";

    public const string ScopeClaim = "scp";

    public const string RequiredScope = "access_as_user";

    public static WebApplicationBuilder AddApiAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessAsUser, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(SignedInUser.MailClaim)
                .RequireAssertion(context => HasScope(context, RequiredScope)));
        return builder;
    }

    private static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.FindAll(ScopeClaim)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);

    private sealed class ConfigureJwtBearer(TenantEndpoints tenant) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }

            options.Authority = tenant.Authority;
            options.MetadataAddress = tenant.Authority + "/.well-known/openid-configuration";
            options.RequireHttpsMetadata = tenant.RequireHttpsMetadata;
            options.MapInboundClaims = false;
            options.SaveToken = false;
            options.TokenValidationParameters.ValidIssuer = tenant.Issuer;
            options.TokenValidationParameters.ValidAudiences = tenant.ApiAudiences;
            options.TokenValidationParameters.ValidateIssuer = true;
            options.TokenValidationParameters.ValidateAudience = true;
            options.TokenValidationParameters.ValidateLifetime = true;
            options.TokenValidationParameters.ValidateIssuerSigningKey = true;
            options.TokenValidationParameters.RequireExpirationTime = true;
            options.TokenValidationParameters.RequireSignedTokens = true;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
            options.TokenValidationParameters.NameClaimType = "name";
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
                OnForbidden = context => ProblemResponses.WriteAsync(
                    context.HttpContext,
                    StatusCodes.Status403Forbidden,
                    "Not allowed",
                    $"The token lacks the '{RequiredScope}' scope of this API."),
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}
