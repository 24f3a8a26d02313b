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

    public static SeriesResponse From(Versioned<PairSeries> stored, NotebookRow? notebook, Session? firstSession)
    {
        var series = stored.Value;
        var schedule = series.ReadableSchedule;
        var pattern = SeriesPlan.PatternFor(schedule.FirstStart.Date, schedule.Cadence);
        var page = firstSession?.Page.Ready;
        return new SeriesResponse(
            series.Id,
            ApiETag.From(stored.ETag),
            series.PairId,
            SeriesMapping.StatusName(series.Status),
            series.OrganizerId,
            series.Subject,
            schedule.AnchorZone.Id,
            series.AnchorWindowsZone,
            Wire.Format(schedule.FirstStart),
            schedule.DurationMinutes,
            schedule.Cadence.ToString(),
            SeriesInvite.Describe(pattern),
            new EndResponse(schedule.End.Sessions, schedule.End.Date is { } endDate ? Wire.Format(endDate) : null),
            schedule.FirstFocusUserId,
            new EventResponse(series.Event.Id, series.Event.ICalUId, series.Event.WebLink, series.Event.JoinUrl),
            new SeriesAgendaResponse(
                notebook?.NotebookId,
                notebook?.WebUrl,
                series.Section.Id,
                [.. SharedWith(notebook).Select(person => new SharedWithResponse(person.Mail, person.Verified))]),
            firstSession is null
                ? null
                : new FirstSessionResponse(
                    firstSession.Id,
                    Wire.Format(firstSession.Start),
                    Wire.Format(firstSession.End),
                    firstSession.FocusUserId,
                    page is null ? null : new SeriesPageResponse(page.Id, page.Title, page.WebUrl, page.ClientUrl)),
            Wire.Format(series.CreatedAt),
            Wire.Format(series.UpdatedAt),
            series.EndedAt is { } ended ? Wire.Format(ended) : null,
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
