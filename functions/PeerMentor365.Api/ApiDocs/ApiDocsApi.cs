namespace PeerMentor365.Api.ApiDocs;

/// <summary>GET /api/openapi/v1.json: the OpenAPI document of the public API (anonymous).</summary>
internal static class ApiDocsApi
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PeerMentor365 API";
            document.Info.Description = "Humane recurring peer-mentoring slots across time zones. See docs/api.md.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static RouteGroupBuilder MapApiDocs(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/openapi").AllowAnonymous();
        group.MapOpenApi("/{documentName}.json").WithName("OpenApi");
        return group;
    }
}
