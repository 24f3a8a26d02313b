using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PeerMentor365.DevTenant.TimeZones;

namespace PeerMentor365.DevTenant.Seed;

/// <summary>Reads a seed file (or the embedded default) and resolves it into a <see cref="TenantSeed"/>.</summary>
internal static class SeedLoader
{
    public const string DefaultSeedResource = "PeerMentor365.DevTenant.default-tenant.json";

    private static readonly LocalTimePattern[] TimePatterns =
    [
        LocalTimePattern.CreateWithInvariantCulture("HH:mm"),
        LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss"),
        LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss.FFFFFFF"),
    ];

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static TenantSeed Load(string? seedPath, TimeProvider clock)
    {
        string source;
        string json;
        if (seedPath is null)
        {
            source = "embedded default seed";
            using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(DefaultSeedResource)
                ?? throw new InvalidOperationException($"The embedded resource {DefaultSeedResource} is missing.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            json = reader.ReadToEnd();
        }
        else
        {
            source = seedPath;
            if (!File.Exists(seedPath))
            {
                throw new FileNotFoundException($"Dev tenant seed file '{seedPath}' does not exist.", seedPath);
            }

            json = File.ReadAllText(seedPath, Encoding.UTF8);
        }

        return Parse(json, source, clock);
    }

    public static TenantSeed Parse(string json, string source, TimeProvider clock)
    {
        SeedFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, SeedFileJsonContext.Default.SeedFile);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid seed file: {ex.Message}", ex);
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var context = new SeedContext(source, now);
        if (file?.Users is not { Count: > 0 } users)
        {
            throw context.Error("users", "at least one user is required");
        }

        var mailboxes = new List<Mailbox>();
        var seenMail = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenId = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            var mailbox = ReadUser(users[i], $"users[{i}]", context);
            if (!seenMail.Add(mailbox.User.Mail))
            {
                throw context.Error($"users[{i}].mail", $"'{mailbox.User.Mail}' is used twice");
            }

            if (!seenId.Add(mailbox.User.Id))
            {
                throw context.Error($"users[{i}].id", $"'{mailbox.User.Id}' is used twice");
            }

            mailboxes.Add(mailbox);
        }

        return new TenantSeed(mailboxes);
    }

    private static Mailbox ReadUser(SeedFileUser raw, string path, SeedContext context)
    {
        var mail = Required(raw.Mail, $"{path}.mail", context).Trim();
        if (!mail.Contains('@', StringComparison.Ordinal))
        {
            throw context.Error($"{path}.mail", $"'{mail}' is not an e-mail address");
        }

        var displayName = Required(raw.DisplayName, $"{path}.displayName", context).Trim();
        var timeZoneName = Required(raw.TimeZone, $"{path}.timeZone", context).Trim();
        var userZone = Zone(timeZoneName, $"{path}.timeZone", context);

        var id = raw.Id?.Trim() is { Length: > 0 } givenId ? givenId : IdFromMail(mail);
        var nameParts = displayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);

        var hours = raw.WorkingHours;
        var hoursZoneName = hours?.TimeZone?.Trim() is { Length: > 0 } hz ? hz : timeZoneName;
        var hoursZone = Zone(hoursZoneName, $"{path}.workingHours.timeZone", context);
        var days = hours?.DaysOfWeek is { Count: > 0 } dayNames
            ? dayNames.Select((d, j) => Day(d, $"{path}.workingHours.daysOfWeek[{j}]", context)).Distinct().ToList()
            : [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        var startTime = hours?.StartTime is { } st ? Time(st, $"{path}.workingHours.startTime", context) : new LocalTime(8, 0);
        var endTime = hours?.EndTime is { } et ? Time(et, $"{path}.workingHours.endTime", context) : new LocalTime(17, 0);
        if (endTime <= startTime)
        {
            throw context.Error($"{path}.workingHours", "endTime must be after startTime");
        }

        var user = new SeedUser
        {
            Id = id,
            Mail = mail,
            DisplayName = displayName,
            GivenName = raw.GivenName ?? nameParts.ElementAtOrDefault(0),
            Surname = raw.Surname ?? nameParts.ElementAtOrDefault(1),
            JobTitle = raw.JobTitle,
            OfficeLocation = raw.OfficeLocation,
            PreferredLanguage = raw.PreferredLanguage ?? "en-US",
            TimeZone = timeZoneName,
            WorkingHours = new SeedWorkingHours
            {
                DaysOfWeek = days,
                StartTime = startTime,
                EndTime = endTime,
                TimeZone = hoursZoneName,
            },
            AppRoles = AppRoles(raw.AppRoles, $"{path}.appRoles", context),
            DirectoryRoles = DirectoryRoles(raw.DirectoryRoles, $"{path}.directoryRoles", context),
        };

        var events = new List<SeedEvent>();
        var rawEvents = raw.Events ?? [];
        for (var j = 0; j < rawEvents.Count; j++)
        {
            events.Add(ReadEvent(rawEvents[j], $"{path}.events[{j}]", $"{id}-{j}", timeZoneName, context));
        }

        return new Mailbox(user, hoursZone, events);
    }

    // Entra app role values: no spaces, letters first (the API matches them exactly).
    private static List<string> AppRoles(List<string>? roles, string path, SeedContext context)
    {
        var values = new List<string>();
        for (var i = 0; i < (roles?.Count ?? 0); i++)
        {
            var role = roles![i]?.Trim() ?? string.Empty;
            if (role.Length is 0 or > 120 || !char.IsAsciiLetter(role[0]) || !role.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw context.Error($"{path}[{i}]", $"'{role}' is not an app role value (a letter, then letters, digits, '.', '_' or '-')");
            }

            if (!values.Contains(role, StringComparer.Ordinal))
            {
                values.Add(role);
            }
        }

        return values;
    }

    private static List<string> DirectoryRoles(List<string>? roles, string path, SeedContext context)
    {
        var values = new List<string>();
        for (var i = 0; i < (roles?.Count ?? 0); i++)
        {
            var role = roles![i]?.Trim() ?? string.Empty;
            if (!Graph.AppRegistrations.DirectoryRoles.Known.Contains(role, StringComparer.Ordinal))
            {
                throw context.Error($"{path}[{i}]", $"'{role}' is not a directory role the dev tenant knows ({string.Join(", ", Graph.AppRegistrations.DirectoryRoles.Known)})");
            }

            if (!values.Contains(role, StringComparer.Ordinal))
            {
                values.Add(role);
            }
        }

        return values;
    }

    private static SeedEvent ReadEvent(SeedFileEvent raw, string path, string id, string userZoneName, SeedContext context)
    {
        var subject = raw.Subject?.Trim() is { Length: > 0 } s ? s : "Busy";
        var zoneName = raw.TimeZone?.Trim() is { Length: > 0 } z ? z : userZoneName;
        var zone = Zone(zoneName, $"{path}.timeZone", context);
        var showAs = raw.ShowAs is null ? FreeBusyStatus.Busy : ShowAs(raw.ShowAs, $"{path}.showAs", context);

        LocalTime start = default, end = default;
        if (raw.IsAllDay)
        {
            if (raw.Start is not null || raw.End is not null)
            {
                throw context.Error(path, "an all-day event has no start or end time (use days)");
            }
        }
        else
        {
            start = Time(Required(raw.Start, $"{path}.start", context), $"{path}.start", context);
            end = Time(Required(raw.End, $"{path}.end", context), $"{path}.end", context);
            if (raw.Days is not null)
            {
                throw context.Error($"{path}.days", "days applies to all-day events only");
            }
        }

        var days = raw.Days ?? 1;
        if (days is < 1 or > 31)
        {
            throw context.Error($"{path}.days", "must be between 1 and 31");
        }

        EventTiming timing;
        if (raw.Recurrence is { } recurrence)
        {
            if (raw.Date is not null || raw.DayOffset is not null || raw.WeekOffset is not null || raw.DayOfWeek is not null)
            {
                throw context.Error(path, "a recurring event takes its dates from recurrence, not date/dayOffset/weekOffset/dayOfWeek");
            }

            if (raw.IsAllDay && days != 1)
            {
                throw context.Error($"{path}.days", "a recurring all-day event lasts one day");
            }

            var (pattern, range) = Recurrence(recurrence, $"{path}.recurrence", context);
            timing = new RecurringTiming(start, end, raw.IsAllDay, pattern, range);
        }
        else
        {
            var date = SingleDate(raw, path, zone, context);
            timing = raw.IsAllDay
                ? new SingleTiming(date.AtMidnight(), date.PlusDays(days).AtMidnight())
                : new SingleTiming(date + start, (end > start ? date : date.PlusDays(1)) + end);
        }

        return new SeedEvent(id, subject, raw.Location, showAs, raw.IsPrivate, zone, timing);
    }

    private static LocalDate SingleDate(SeedFileEvent raw, string path, DateTimeZone zone, SeedContext context)
    {
        var today = context.Now.InZone(zone).Date;
        var given = (raw.Date is not null ? 1 : 0) + (raw.DayOffset is not null ? 1 : 0) + (raw.WeekOffset is not null || raw.DayOfWeek is not null ? 1 : 0);
        if (given != 1)
        {
            throw context.Error(path, "a single event needs exactly one of date, dayOffset, or weekOffset with dayOfWeek");
        }

        if (raw.Date is { } date)
        {
            return DatePattern.Parse(date) is { Success: true } parsed
                ? parsed.Value
                : throw context.Error($"{path}.date", $"'{date}' is not a yyyy-MM-dd date");
        }

        if (raw.DayOffset is { } offset)
        {
            return today.PlusDays(offset);
        }

        var day = Day(Required(raw.DayOfWeek, $"{path}.dayOfWeek", context), $"{path}.dayOfWeek", context);
        var next = today.DayOfWeek == day ? today : today.Next(day);
        return next.PlusWeeks(raw.WeekOffset ?? 0);
    }

    private static (RecurrencePattern, RecurrenceRange) Recurrence(SeedFileRecurrence raw, string path, SeedContext context)
    {
        var pattern = raw.Pattern ?? throw context.Error($"{path}.pattern", "is required");
        var kind = pattern.Type?.Trim().ToUpperInvariant() switch
        {
            "DAILY" => RecurrenceKind.Daily,
            "WEEKLY" => RecurrenceKind.Weekly,
            _ => throw context.Error($"{path}.pattern.type", $"'{pattern.Type}' is not supported (daily or weekly)"),
        };
        var interval = pattern.Interval ?? 1;
        if (interval is < 1 or > 99)
        {
            throw context.Error($"{path}.pattern.interval", "must be between 1 and 99");
        }

        var days = (pattern.DaysOfWeek ?? []).Select((d, i) => Day(d, $"{path}.pattern.daysOfWeek[{i}]", context)).ToHashSet();
        if (kind == RecurrenceKind.Weekly && days.Count == 0)
        {
            throw context.Error($"{path}.pattern.daysOfWeek", "a weekly pattern needs at least one day");
        }

        if (kind == RecurrenceKind.Daily && days.Count > 0)
        {
            throw context.Error($"{path}.pattern.daysOfWeek", "a daily pattern takes no days (use weekly)");
        }

        var firstDay = pattern.FirstDayOfWeek is { } fd ? Day(fd, $"{path}.pattern.firstDayOfWeek", context) : IsoDayOfWeek.Sunday;

        var range = raw.Range ?? throw context.Error($"{path}.range", "is required");
        var startDate = LocalDateValue(range.StartDate, $"{path}.range.startDate", context);
        var rangeType = range.Type?.Trim().ToUpperInvariant() ?? "NOEND";
        RecurrenceRange resolved = rangeType switch
        {
            "NOEND" => new RecurrenceRange(startDate, null, null),
            "ENDDATE" => new RecurrenceRange(startDate, LocalDateValue(range.EndDate, $"{path}.range.endDate", context), null),
            "NUMBERED" => range.NumberOfOccurrences is > 0 and <= 999
                ? new RecurrenceRange(startDate, null, range.NumberOfOccurrences)
                : throw context.Error($"{path}.range.numberOfOccurrences", "must be between 1 and 999"),
            _ => throw context.Error($"{path}.range.type", $"'{range.Type}' is not one of noEnd, endDate, numbered"),
        };
        if (resolved.EndDate is { } endDate && endDate < startDate)
        {
            throw context.Error($"{path}.range.endDate", "is before startDate");
        }

        return (new RecurrencePattern(kind, interval, days, firstDay), resolved);
    }

    private static LocalDate LocalDateValue(string? text, string path, SeedContext context) =>
        DatePattern.Parse(Required(text, path, context)) is { Success: true } parsed
            ? parsed.Value
            : throw context.Error(path, $"'{text}' is not a yyyy-MM-dd date");

    private static string Required(string? value, string path, SeedContext context) =>
        string.IsNullOrWhiteSpace(value) ? throw context.Error(path, "is required") : value;

    private static DateTimeZone Zone(string name, string path, SeedContext context) =>
        GraphTimeZones.TryResolve(name, out var zone)
            ? zone
            : throw context.Error(path, $"'{name}' is neither a Windows time zone id nor one of Graph's IANA ids");

    private static LocalTime Time(string text, string path, SeedContext context)
    {
        foreach (var pattern in TimePatterns)
        {
            if (pattern.Parse(text.Trim()) is { Success: true } parsed)
            {
                return parsed.Value;
            }
        }

        throw context.Error(path, $"'{text}' is not a HH:mm time");
    }

    private static IsoDayOfWeek Day(string text, string path, SeedContext context) =>
        Enum.TryParse<IsoDayOfWeek>(text.Trim(), ignoreCase: true, out var day) && day != IsoDayOfWeek.None && Enum.IsDefined(day)
            ? day
            : throw context.Error(path, $"'{text}' is not a day of the week");

    private static FreeBusyStatus ShowAs(string text, string path, SeedContext context) =>
        Enum.TryParse<FreeBusyStatus>(text.Trim(), ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw context.Error(path, $"'{text}' is not one of free, tentative, busy, oof, workingElsewhere");

    // A stable GUID per address, so seeds without ids keep the same ids across runs.
    private static string IdFromMail(string mail)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(mail.ToLowerInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString("D", CultureInfo.InvariantCulture);
    }

    private sealed record SeedContext(string Source, Instant Now)
    {
        public InvalidDataException Error(string path, string message) => new($"{Source}: {path}: {message}");
    }
}
