using System.Text.Json;
using NodaTime;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Requests;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series;

internal sealed record PatternResponse(string Type, int Interval, IReadOnlyList<string> DaysOfWeek, string? Index);

internal sealed record EndResponse(int? Sessions, [property: WireText(WireText.Date)] string? Date);

internal sealed record EventResponse(string? Id, string? ICalUId, string? WebLink, string? JoinUrl);

internal sealed record SharedWithResponse(string Mail, bool Verified);

internal sealed record SeriesAgendaResponse(string? NotebookId, string? NotebookWebUrl, string? SectionId, IReadOnlyList<SharedWithResponse> SharedWith);

internal sealed record SeriesPageResponse(string Id, string Title, string WebUrl, string ClientUrl);

internal sealed record FirstSessionResponse(string Id, [property: WireText(WireText.Instant)] string Start, [property: WireText(WireText.Instant)] string End, string FocusUserId, SeriesPageResponse? AgendaPage);

internal sealed record SeriesListResponse(IReadOnlyList<SeriesResponse> Series);

/// <summary>A series as the API answers it (docs/series-api.md).</summary>
internal sealed record SeriesResponse(
    string Id,
    string Etag,
    string PairId,
    string Status,
    string OrganizerId,
    string Subject,
    string AnchorTimeZone,
    string AnchorWindowsTimeZone,
    [property: WireText(WireText.LocalDateTime)] string FirstStart,
    int DurationMinutes,
    string Cadence,
    PatternResponse Pattern,
    EndResponse End,
    string FirstFocusUserId,
    EventResponse Event,
    SeriesAgendaResponse Agenda,
    FirstSessionResponse? FirstSession,
    [property: WireText(WireText.Instant)] string CreatedAt,
    [property: WireText(WireText.Instant)] string UpdatedAt,
    [property: WireText(WireText.Instant)] string? EndedAt,
    string? EndMessage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SeriesResponse From(SeriesRow series, NotebookRow? notebook, Session? firstSession)
    {
        var schedule = SeriesSchedule.Of(series);
        var zone = schedule.AnchorZone;
        var pattern = SeriesPlan.PatternFor(schedule.FirstStart.Date, schedule.Cadence);
        var page = firstSession?.Page.Ready;
        return new SeriesResponse(
            series.RowKey,
            ApiETag.From(series.ETag),
            series.PartitionKey,
            series.State,
            series.OrganizerId,
            series.Subject,
            zone.Id,
            series.AnchorWindowsTimeZone,
            series.FirstStart,
            series.DurationMinutes,
            series.Cadence,
            SeriesInvite.Describe(pattern),
            new EndResponse(series.EndSessions, series.EndDate),
            series.FirstFocusUserId,
            new EventResponse(series.EventId, series.EventICalUId, series.EventWebLink, series.JoinUrl),
            new SeriesAgendaResponse(
                notebook?.NotebookId,
                notebook?.WebUrl,
                series.SectionId,
                [.. SharedWith(notebook).Select(person => new SharedWithResponse(person.Mail, person.Verified))]),
            firstSession is null
                ? null
                : new FirstSessionResponse(
                    firstSession.Id,
                    Wire.Format(firstSession.Start),
                    Wire.Format(firstSession.End),
                    firstSession.FocusUserId,
                    page is null ? null : new SeriesPageResponse(page.Id, page.Title, page.WebUrl, page.ClientUrl)),
            Wire.Format(Instant.FromDateTimeOffset(series.CreatedAt)),
            Wire.Format(Instant.FromDateTimeOffset(series.UpdatedAt)),
            series.EndedAt is { } ended ? Wire.Format(Instant.FromDateTimeOffset(ended)) : null,
            series.EndMessage);
    }

    /// <summary>Who the notebook is shared with, as stored in the notebook row.</summary>
    public static IReadOnlyList<SharedPerson> SharedWith(NotebookRow? notebook) =>
        notebook is null || string.IsNullOrEmpty(notebook.SharedWith)
            ? []
            : JsonSerializer.Deserialize<List<SharedPerson>>(notebook.SharedWith, Json) ?? [];

    public static string Serialize(IReadOnlyList<SharedPerson> people) => JsonSerializer.Serialize(people, Json);
}

/// <summary>A member the notebook's folder is shared with, and whether the permission was seen afterwards.</summary>
internal sealed record SharedPerson(string UserId, string Mail, bool Verified);
