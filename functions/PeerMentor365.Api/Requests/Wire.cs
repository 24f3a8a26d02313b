using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Api.Requests;

/// <summary>Wire formats of the pairs API: instants in UTC with Z (to the second), local dates yyyy-MM-dd.</summary>
internal static class Wire
{
    private static readonly InstantPattern InstantPattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    public static string Format(Instant instant) => InstantPattern.Format(instant);

    public static string? Format(Instant? instant) => instant is { } value ? InstantPattern.Format(value) : null;

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    /// <summary>Stored times are whole seconds, as the wire shows them, so what is read back compares equal.</summary>
    public static Instant ToSecond(Instant instant) => Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
}
