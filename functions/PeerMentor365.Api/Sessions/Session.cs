using NodaTime;

namespace PeerMentor365.Api.Sessions;

/// <summary>One session of a pair: when, and whose turn it is to take the focus.</summary>
internal sealed record Session(string Id, string PairId, Instant Start, Instant End, string FocusUserId, Instant CreatedAt)
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 8 * 60;

    /// <summary>The occurrence of a series this session is; null for a session created through POST …/sessions.</summary>
    public SeriesOccurrence? Occurrence { get; init; }

    /// <summary>The session's agenda page (only a series session has one).</summary>
    public SessionPage Page { get; init; } = SessionPage.None;
}

/// <summary>
/// Which occurrence of a series (e_…) a session is: its originalStart is its identity when its time moves (the session
/// id is derived from it); the organizer's event id of the occurrence when known.
/// </summary>
internal sealed record SeriesOccurrence(string SeriesId, Instant OriginalStart, string? EventId);

/// <summary>Where a session's agenda page is.</summary>
internal enum PageState
{
    None,
    Creating,
    Ready,
}

/// <summary>
/// A session's agenda page: none; being created by the writer that claimed it until <see cref="LeaseUntil"/>, with
/// the title it is created (and looked up) with; or ready.
/// </summary>
internal sealed record SessionPage(PageState State, string? Title, Instant? LeaseUntil, string? Id, string? WebUrl, string? ClientUrl)
{
    public static readonly SessionPage None = new(PageState.None, null, null, null, null, null);

    /// <summary>The page once it is ready, else null.</summary>
    public AgendaPageRef? Ready =>
        State == PageState.Ready && Id is not null ? new AgendaPageRef(Id, Title ?? string.Empty, WebUrl ?? string.Empty, ClientUrl ?? string.Empty) : null;

    public static SessionPage ReadyAt(AgendaPageRef page) => new(PageState.Ready, page.Title, null, page.Id, page.WebUrl, page.ClientUrl);
}

/// <summary>A session's agenda page once it exists.</summary>
internal sealed record AgendaPageRef(string Id, string Title, string WebUrl, string ClientUrl);

/// <summary>One member's 1-5 rating of a session with an optional private word that only they ever read.</summary>
internal sealed record SessionRating(string SessionId, string UserId, int Rating, string? PrivateNote, Instant RatedAt)
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxPrivateNote = 500;
}
