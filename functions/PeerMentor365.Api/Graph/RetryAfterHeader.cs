using System.Net.Http.Headers;

namespace PeerMentor365.Api.Graph;

/// <summary>Graph's Retry-After, which comes as seconds or as an HTTP date (RFC 9110), read by .NET's own header parser.</summary>
internal static class RetryAfterHeader
{
    /// <summary>How long to wait from <paramref name="now"/>; zero for a date already past, null when absent or unreadable.</summary>
    public static TimeSpan? Parse(IEnumerable<string>? values, DateTimeOffset now)
    {
        if (values?.FirstOrDefault() is not { } text || !RetryConditionHeaderValue.TryParse(text, out var header))
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } at ? (at > now ? at - now : TimeSpan.Zero) : null;
    }
}
