namespace PeerMentor365.Api.Requests;

/// <summary>Query-string values in the API's wire formats (<see cref="Wire"/>), each mistake reported against its parameter.</summary>
internal static class QueryValues
{
    /// <summary>
    /// One instant (UTC with Z) in ?<paramref name="parameter"/>=; <paramref name="fallback"/> when it is absent or blank;
    /// null with the error added when it is not one instant.
    /// </summary>
    public static NodaTime.Instant? Instant(HttpRequest request, QueryParameter parameter, NodaTime.Instant fallback, Dictionary<string, string[]> errors)
    {
        var name = parameter.Name;
        var values = request.Query[name];
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return fallback;
        }

        if (values.Count > 1 || Wire.TryParseInstant(values[0]!.Trim()) is not { } instant)
        {
            errors[name] = [$"{name} must be one UTC time like {Wire.InstantExample}."];
            return null;
        }

        return instant;
    }
}

/// <summary>
/// A query-string parameter an endpoint reads itself (<see cref="QueryValues"/>): declared on the endpoint with
/// <see cref="QueryParameterEndpoints.AcceptsQuery"/>, so that the OpenAPI document describes what is read, by the same name.
/// </summary>
internal sealed record QueryParameter(string Name, WireText Kind, string Description);

/// <summary>The query parameters an endpoint declares (endpoint metadata).</summary>
internal sealed record QueryParameterList(IReadOnlyList<QueryParameter> Parameters);

internal static class QueryParameterEndpoints
{
    /// <summary>The endpoint reads these optional query parameters (documented, and read by the same names).</summary>
    public static RouteHandlerBuilder AcceptsQuery(this RouteHandlerBuilder endpoint, params QueryParameter[] parameters) =>
        endpoint.WithMetadata(new QueryParameterList(parameters));
}
