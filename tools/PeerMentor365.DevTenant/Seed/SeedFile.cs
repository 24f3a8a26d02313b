using System.Text.Json.Serialization;

namespace PeerMentor365.DevTenant.Seed;

// The seed file as written on disk (docs/dev-tenant.md). Validated and resolved by SeedLoader.
internal sealed class SeedFile
{
    public List<SeedFileUser>? Users { get; set; }
}

internal sealed class SeedFileUser
{
    public string? Id { get; set; }
    public string? Mail { get; set; }
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? JobTitle { get; set; }
    public string? OfficeLocation { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? TimeZone { get; set; }
    public SeedFileWorkingHours? WorkingHours { get; set; }
    public List<SeedFileEvent>? Events { get; set; }
    public List<string>? AppRoles { get; set; }
    public List<string>? DirectoryRoles { get; set; }
}

internal sealed class SeedFileWorkingHours
{
    public List<string>? DaysOfWeek { get; set; }
    public string? StartTime { get; set; }
    public string? EndTime { get; set; }
    public string? TimeZone { get; set; }
}

internal sealed class SeedFileEvent
{
    public string? Subject { get; set; }
    public string? Location { get; set; }
    public string? ShowAs { get; set; }
    public bool IsPrivate { get; set; }
    public string? TimeZone { get; set; }

    // Local wall-clock times in TimeZone; an end at or before the start ends on the next day.
    public string? Start { get; set; }
    public string? End { get; set; }

    public bool IsAllDay { get; set; }

    // All-day events: how many days (default 1).
    public int? Days { get; set; }

    // A single event's day: exactly one of Date, DayOffset, or WeekOffset with DayOfWeek.
    public string? Date { get; set; }
    public int? DayOffset { get; set; }
    public int? WeekOffset { get; set; }
    public string? DayOfWeek { get; set; }

    public SeedFileRecurrence? Recurrence { get; set; }
}

internal sealed class SeedFileRecurrence
{
    public SeedFilePattern? Pattern { get; set; }
    public SeedFileRange? Range { get; set; }
}

internal sealed class SeedFilePattern
{
    public string? Type { get; set; }
    public int? Interval { get; set; }
    public List<string>? DaysOfWeek { get; set; }
    public string? FirstDayOfWeek { get; set; }
}

internal sealed class SeedFileRange
{
    public string? Type { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public int? NumberOfOccurrences { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SeedFile))]
internal sealed partial class SeedFileJsonContext : JsonSerializerContext;
