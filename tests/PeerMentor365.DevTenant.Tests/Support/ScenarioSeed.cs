namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>A small scenario seed with fixed dates, written to a temp file, so assertions need no knowledge of the default seed.</summary>
internal static class ScenarioSeed
{
    public const string Pat = "pat.rivera@example.test";
    public const string Kim = "kim.nowak@example.test";
    public const string Ravi = "ravi.k@example.test";

    public const string Json = """
        {
          // comments are allowed in seed files
          "users": [
            {
              "id": "00000000-0000-0000-0000-0000000000a1",
              "mail": "pat.rivera@example.test",
              "displayName": "Pat Rivera",
              "jobTitle": "Tester",
              "timeZone": "Pacific Standard Time",
              "workingHours": { "daysOfWeek": ["monday","tuesday","wednesday","thursday","friday"], "startTime": "08:00", "endTime": "17:00" },
              "events": [
                { "subject": "Standup", "showAs": "busy", "start": "09:00", "end": "09:15",
                  "recurrence": { "pattern": { "type": "weekly", "interval": 1, "daysOfWeek": ["monday","tuesday","wednesday","thursday","friday"] },
                                  "range": { "type": "noEnd", "startDate": "2024-01-01" } } },
                { "subject": "Maybe", "showAs": "tentative", "date": "2026-03-02", "start": "10:00", "end": "11:00" },
                { "subject": "Secret", "showAs": "busy", "isPrivate": true, "date": "2026-03-02", "start": "10:30", "end": "12:00" },
                { "subject": "Coffee", "showAs": "free", "date": "2026-03-02", "start": "13:00", "end": "13:30" },
                { "subject": "From home", "showAs": "workingElsewhere", "date": "2026-03-02", "start": "14:00", "end": "15:00" },
                { "subject": "Off", "isAllDay": true, "showAs": "oof", "date": "2026-03-04" },
                { "subject": "Fortnightly", "start": "16:00", "end": "16:30",
                  "recurrence": { "pattern": { "type": "weekly", "interval": 2, "daysOfWeek": ["tuesday"] },
                                  "range": { "type": "endDate", "startDate": "2026-03-03", "endDate": "2026-03-31" } } },
                { "subject": "Three dailies", "start": "07:00", "end": "07:30",
                  "recurrence": { "pattern": { "type": "daily", "interval": 1 }, "range": { "type": "numbered", "startDate": "2026-03-02", "numberOfOccurrences": 3 } } }
              ]
            },
            {
              "mail": "kim.nowak@example.test",
              "displayName": "Kim Nowak",
              "timeZone": "Europe/Berlin",
              "workingHours": { "daysOfWeek": ["monday","tuesday","wednesday","thursday","friday"], "startTime": "09:00", "endTime": "17:30", "timeZone": "Europe/Berlin" },
              "events": [
                { "subject": "Late call", "timeZone": "Eastern Standard Time", "start": "11:00", "end": "12:00", "date": "2026-03-02" }
              ]
            },
            {
              "mail": "ravi.k@example.test",
              "displayName": "Ravi K",
              "timeZone": "India Standard Time",
              "workingHours": { "daysOfWeek": ["monday","tuesday","wednesday","thursday","friday"], "startTime": "09:30", "endTime": "18:30" },
              "events": []
            }
          ]
        }
        """;

    public static string WriteToTempFile(string json = Json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"devtenant-scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
