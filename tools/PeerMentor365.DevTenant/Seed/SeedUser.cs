using NodaTime;

namespace PeerMentor365.DevTenant;

/// <summary>A person in the dev tenant, as seeded.</summary>
public sealed class SeedUser
{
    /// <summary>The directory object id (a GUID string).</summary>
    public required string Id { get; init; }

    /// <summary>The SMTP address, also the user principal name.</summary>
    public required string Mail { get; init; }

    /// <summary>The display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The given name (from the seed, else the first word of the display name).</summary>
    public string? GivenName { get; init; }

    /// <summary>The surname (from the seed, else the rest of the display name).</summary>
    public string? Surname { get; init; }

    /// <summary>The job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>The office location (a city in the default seed).</summary>
    public string? OfficeLocation { get; init; }

    /// <summary>The preferred language (BCP 47).</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>The mailbox time zone exactly as seeded (a Windows id or an IANA id from Graph's list).</summary>
    public required string TimeZone { get; init; }

    /// <summary>The mailbox working hours.</summary>
    public required SeedWorkingHours WorkingHours { get; init; }

    /// <summary>App roles of our API assigned to the user (e.g. ProgramAdmin); issued as the roles claim of API tokens. Empty by default.</summary>
    public IReadOnlyList<string> AppRoles { get; init; } = [];

    /// <summary>Entra directory roles the user holds (e.g. Global Administrator); directory writes need one (see docs/dev-tenant.md). Empty by default.</summary>
    public IReadOnlyList<string> DirectoryRoles { get; init; } = [];
}

/// <summary>Working hours as Outlook keeps them: days, start and end local to a zone.</summary>
public sealed class SeedWorkingHours
{
    /// <summary>The working days.</summary>
    public required IReadOnlyList<IsoDayOfWeek> DaysOfWeek { get; init; }

    /// <summary>Start of the working day, local to <see cref="TimeZone"/>.</summary>
    public required LocalTime StartTime { get; init; }

    /// <summary>End of the working day, local to <see cref="TimeZone"/>.</summary>
    public required LocalTime EndTime { get; init; }

    /// <summary>The zone the hours are expressed in, as seeded.</summary>
    public required string TimeZone { get; init; }
}
