namespace PeerMentor365.Api.SessionAgenda;

/// <summary>What one nightly preparation did, in counts only (it goes to the host's log and the invocation result).</summary>
/// <param name="Series">Active series looked at.</param>
/// <param name="SeriesWithoutGrant">Series whose organizer's background grant has lapsed (nothing can be prepared as them).</param>
/// <param name="SeriesFailed">Series whose occurrences could not be read (Graph unavailable, the series gone from the calendar).</param>
/// <param name="Sessions">Occurrences starting within the window.</param>
/// <param name="PagesCreated">Agenda pages created now.</param>
/// <param name="PagesRecovered">Pages an interrupted run had created, found by title and recorded.</param>
/// <param name="PagesAlreadyReady">Sessions whose page was ready before this run (left alone).</param>
/// <param name="ClaimedElsewhere">Sessions another run is preparing right now (a live claim).</param>
/// <param name="SessionsFailed">Sessions whose page could not be made this time (the next run tries again).</param>
internal sealed record PreparationSummary(
    int Series,
    int SeriesWithoutGrant,
    int SeriesFailed,
    int Sessions,
    int PagesCreated,
    int PagesRecovered,
    int PagesAlreadyReady,
    int ClaimedElsewhere,
    int SessionsFailed)
{
    public static readonly PreparationSummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public PreparationSummary Add(PreparationSummary other) => new(
        Series + other.Series,
        SeriesWithoutGrant + other.SeriesWithoutGrant,
        SeriesFailed + other.SeriesFailed,
        Sessions + other.Sessions,
        PagesCreated + other.PagesCreated,
        PagesRecovered + other.PagesRecovered,
        PagesAlreadyReady + other.PagesAlreadyReady,
        ClaimedElsewhere + other.ClaimedElsewhere,
        SessionsFailed + other.SessionsFailed);

    public string Describe() =>
        $"PrepareSessions: {Series} active series ({SeriesWithoutGrant} without a grant, {SeriesFailed} unreadable); " +
        $"{Sessions} sessions due: {PagesCreated} pages created, {PagesRecovered} recovered, {PagesAlreadyReady} already ready, " +
        $"{ClaimedElsewhere} being prepared elsewhere, {SessionsFailed} failed.";
}
