using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using PeerMentor365.DevTenant.Seed;

namespace PeerMentor365.DevTenant.Graph.MailboxSettings;

/// <summary>GET /me/mailboxSettings and its property sub-paths (timeZone, workingHours, ...).</summary>
internal sealed class MailboxSettingsEndpoint(GraphContext context, TimeProvider clock)
{
    private static readonly string[] PropertyNames =
    [
        "automaticRepliesSetting", "timeZone", "language", "workingHours", "userPurpose", "dateFormat", "timeFormat",
        "delegateMeetingMessageDeliveryOptions", "archiveFolder",
    ];

    public GraphResponse Get(GraphRequest request, Mailbox mailbox, string? property)
    {
        // Delegated callers read only their own mailbox settings; Exchange refuses others.
        if (!string.Equals(mailbox.User.Id, request.Caller.User.Id, StringComparison.OrdinalIgnoreCase))
        {
            return GraphErrors.Create(request, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }

        var settings = Render(mailbox.User);
        var contextBase = $"users('{mailbox.User.Id}')/mailboxSettings";
        if (property is null)
        {
            var json = new JsonObject { ["@odata.context"] = context.Metadata(contextBase) };
            var selected = request.Option("select") is { } select
                ? select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            if (selected is not null)
            {
                foreach (var selectedName in selected)
                {
                    if (Canonical(selectedName) is null)
                    {
                        return GraphErrors.BadRequest(request, $"Could not find a property named '{selectedName}' on type 'microsoft.graph.mailboxSettings'.");
                    }
                }
            }

            foreach (var (key, value) in settings)
            {
                if (selected is null || selected.Any(s => string.Equals(s, key, StringComparison.OrdinalIgnoreCase)))
                {
                    json[key] = value?.DeepClone();
                }
            }

            return GraphResponse.Ok(json);
        }

        var name = Canonical(property);
        if (name is null)
        {
            return GraphErrors.SegmentNotFound(request, property);
        }

        var node = settings[name];
        if (node is JsonObject complex)
        {
            var json = new JsonObject { ["@odata.context"] = context.Metadata($"{contextBase}/{name}") };
            foreach (var (key, value) in complex)
            {
                json[key] = value?.DeepClone();
            }

            return GraphResponse.Ok(json);
        }

        return GraphResponse.Ok(new JsonObject
        {
            ["@odata.context"] = context.Metadata($"{contextBase}/{name}"),
            ["value"] = node?.DeepClone(),
        });
    }

    /// <summary>Working hours in Graph's shape (also used by getSchedule).</summary>
    public static JsonObject WorkingHours(SeedWorkingHours hours)
    {
        var days = new JsonArray();
        foreach (var day in hours.DaysOfWeek)
        {
            days.Add(GraphFormats.Day(day));
        }

        return new JsonObject
        {
            ["daysOfWeek"] = days,
            ["startTime"] = GraphFormats.Time(hours.StartTime),
            ["endTime"] = GraphFormats.Time(hours.EndTime),
            ["timeZone"] = new JsonObject { ["name"] = hours.TimeZone },
        };
    }

    private static string? Canonical(string name) =>
        PropertyNames.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));

    private JsonObject Render(SeedUser user)
    {
        var locale = user.PreferredLanguage ?? "en-US";
        string languageName;
        try
        {
            languageName = CultureInfo.GetCultureInfo(locale).EnglishName;
        }
        catch (CultureNotFoundException)
        {
            languageName = locale;
        }

        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date.AtMidnight();
        return new JsonObject
        {
            ["archiveFolder"] = $"AAMkAD{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user.Id))[..16]}AAA=",
            ["automaticRepliesSetting"] = new JsonObject
            {
                ["status"] = "disabled",
                ["externalAudience"] = "all",
                ["scheduledStartDateTime"] = new JsonObject { ["dateTime"] = GraphFormats.DateTime(today), ["timeZone"] = "UTC" },
                ["scheduledEndDateTime"] = new JsonObject { ["dateTime"] = GraphFormats.DateTime(today.PlusDays(1)), ["timeZone"] = "UTC" },
                ["internalReplyMessage"] = string.Empty,
                ["externalReplyMessage"] = string.Empty,
            },
            ["timeZone"] = user.TimeZone,
            ["language"] = new JsonObject { ["locale"] = locale, ["displayName"] = languageName },
            ["workingHours"] = WorkingHours(user.WorkingHours),
            // v1.0 metadata (and the SDK) type userPurpose as an enum; the docs' {"value": "user"} object is the beta shape.
            ["userPurpose"] = "user",
            ["dateFormat"] = "yyyy-MM-dd",
            ["timeFormat"] = "HH:mm",
            ["delegateMeetingMessageDeliveryOptions"] = "sendToDelegateAndInformationToPrincipal",
        };
    }
}
