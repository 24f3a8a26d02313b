namespace PeerMentor365.Api.Requests;

/// <summary>Query-string values in the API's wire formats (<see cref="Wire"/>), each mistake reported against its parameter.</summary>
internal static class QueryValues
{
    /// <summary>
    /// One instant (UTC with Z) in ?<paramref name="name"/>=; <paramref name="fallback"/> when it is absent or blank;
    /// null with the error added when it is not one instant.
    /// </summary>
    public static NodaTime.Instant? Instant(HttpRequest request, string name, NodaTime.Instant fallback, Dictionary<string, string[]> errors)
    {
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
