using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.ApiDocs;

/// <summary>GET /api/openapi/v1.json: the OpenAPI document of the public API (anonymous).</summary>
internal static partial class ApiDocsApi
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "PeerMentor365 API";
                document.Info.Description = "Humane recurring peer-mentoring slots across time zones. See docs/api.md.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<BodyShape>().FirstOrDefault() is { } shape)
                {
                    DescribeBody(operation, shape);
                }

                foreach (var parameter in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterList>().SelectMany(list => list.Parameters))
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(DescribeQuery(parameter));
                }

                DeclareRouteValues(operation, context.Description.RelativePath);

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(WireTextAttribute), inherit: false) is [WireTextAttribute wire, ..])
                {
                    DescribeWireText(schema, wire.Kind);
                }

                NumbersAsWritten(schema);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static RouteGroupBuilder MapApiDocs(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/openapi").AllowAnonymous();
        group.MapOpenApi("/{documentName}.json").WithName("OpenApi");
        return group;
    }

    /// <summary>
    /// The web JSON defaults would also read "60" for 60, so numbers come out as "integer or string"; answers always carry
    /// numbers, and request bodies have schemas of their own (BodyShape), so the document says what is written.
    /// </summary>
    private static void NumbersAsWritten(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static void DescribeWireText(OpenApiSchema schema, WireText kind)
    {
        switch (kind)
        {
            case WireText.Instant:
                schema.Format = "date-time";
                break;
            case WireText.Date:
                schema.Format = "date";
                break;
            case WireText.LocalDateTime:
                schema.Pattern = Wire.LocalDateTimeRegex;
                break;
        }
    }

    /// <summary>
    /// Route values a handler does not bind itself (the {pairId} that the member-pair group resolves, Pairs/MemberPair.cs)
    /// are missing from the operation as the framework describes it; OpenAPI needs each one of the path declared, and the
    /// pane's typed client fills the path from these declarations.
    /// </summary>
    private static void DeclareRouteValues(OpenApiOperation operation, string? relativePath)
    {
        var declared = 0;
        foreach (Match value in RouteValue().Matches(relativePath ?? ""))
        {
            var name = value.Groups["name"].Value;
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                declared++;
                continue;
            }

            operation.Parameters.Insert(declared++, new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}")]
    private static partial Regex RouteValue();

    /// <summary>A query parameter the endpoint reads itself (Requests/QueryValues.cs), in its wire format.</summary>
    private static OpenApiParameter DescribeQuery(QueryParameter parameter)
    {
        var schema = new OpenApiSchema { Type = JsonSchemaType.String };
        DescribeWireText(schema, parameter.Kind);
        return new OpenApiParameter { Name = parameter.Name, In = ParameterLocation.Query, Required = false, Description = parameter.Description, Schema = schema };
    }

    /// <summary>The request body is the shape the endpoint's reader checks against (Requests/BodyFields.cs), not a guess from the handler.</summary>
    private static void DescribeBody(OpenApiOperation operation, BodyShape shape) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !shape.BodyOptional,
            Description = shape.Description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new OpenApiMediaType { Schema = shape.Schema() },
            },
        };
}
