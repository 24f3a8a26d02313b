using System.Text.Json;

namespace PeerMentor365.Api.Graph;

/// <summary>Direct SDK calls whose answer cannot be read (cut-off JSON, an HTML error page) end as a 502, never a 500.</summary>
internal static class GraphCalls
{
    public static async Task<T> ReadAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (JsonException error)
        {
            throw GraphUnavailableException.Unreadable(error);
        }
        catch (InvalidOperationException error) when (error.Source?.StartsWith("Microsoft.Kiota", StringComparison.Ordinal) == true)
        {
            // Kiota has no parser for the answer's content type (an HTML error page from a proxy in front of Graph).
            throw GraphUnavailableException.Unreadable(error);
        }
    }
}
