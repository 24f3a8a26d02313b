using System.Globalization;

namespace PeerMentor365.Tables;

/// <summary>The Edm type names and the wire formats the Table service needs.</summary>
internal static class EdmTypes
{
    public const string AnnotationSuffix = "@odata.type";
    public const string Int64 = "Edm.Int64";
    public const string Double = "Edm.Double";
    public const string DateTime = "Edm.DateTime";
    public const string Guid = "Edm.Guid";
    public const string Binary = "Edm.Binary";

    /// <summary>The service refuses Edm.DateTime values before this (Windows file time zero).</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>A DateTime of unspecified kind is taken as UTC; a local one is converted.</summary>
    public static DateTimeOffset FromDateTime(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime()),
        _ => new DateTimeOffset(System.DateTime.SpecifyKind(value, DateTimeKind.Utc)),
    };
}
