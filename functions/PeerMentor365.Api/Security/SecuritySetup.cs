using Microsoft.Extensions.Options;

namespace PeerMentor365.Api.Security;

/// <summary>Composes the hardening: headers, CORS, body limits, per-user rate limits and log floors.</summary>
internal static class SecuritySetup
{
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .Validate(o => o.Problems().Count == 0, "Security settings are not valid.")
            .ValidateOnStart();
        var options = new SecurityOptions();
        builder.Configuration.GetSection(SecurityOptions.Section).Bind(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SecurityOptions.Section, typeof(SecurityOptions), problems);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SecurityHeaders>();
        builder.Services.AddPaneCors(options);
        builder.Services.AddUserRateLimits(options, UserRateLimits.BehindFunctionsHost(builder.Configuration));
        builder.AddRequestLimits(options);
        builder.AddLogFloors();
        return builder;
    }

    /// <summary>First in the pipeline, so that every answer (problems included) carries the headers.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        // Resolved per request: the tenant's endpoints (for the pane's policy) exist only once the host has started.
        app.Use((context, next) => context.RequestServices.GetRequiredService<SecurityHeaders>().ApplyAsync(context, () => next(context)));
        app.UseCors(CrossOrigin.PolicyName);
        app.Use((context, next) => RequestLimits.RefuseOversizedBodiesAsync(context, () => next(context)));
        return app;
    }

    /// <summary>The /api group's share: its default JSON body limit.</summary>
    public static RouteGroupBuilder WithSecurity(this RouteGroupBuilder api) =>
        api.LimitJsonBodies(((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<SecurityOptions>());
}
