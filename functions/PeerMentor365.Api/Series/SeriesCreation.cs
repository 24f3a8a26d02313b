using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using NodaTime;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Concurrency;
using PeerMentor365.Api.Goals;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.OneNote;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Series;

/// <summary>Settings of the Series section (docs/settings.md#series).</summary>
internal sealed class SeriesOptions
{
    public const string Section = "Series";

    /// <summary>How long one attempt holds a creation; a repeat finding it expired takes the creation over.</summary>
    public int LeaseSeconds { get; set; } = 120;
}

/// <summary>What a create request came to.</summary>
internal abstract record CreateOutcome
{
    /// <summary>201: the series (<paramref name="Replayed"/>: an earlier request with the same key created it).</summary>
    public sealed record Created(SeriesResponse Series, bool Replayed) : CreateOutcome;

    /// <summary>422: the key was used with another request.</summary>
    public sealed record KeyReused : CreateOutcome;

    /// <summary>409 with Retry-After: another attempt with the same key holds the creation right now.</summary>
    public sealed record InProgress : CreateOutcome;

    /// <summary>409: the pair already has a series that is creating or active.</summary>
    public sealed record OtherSeries(string SeriesId) : CreateOutcome;

    /// <summary>409: the pair is not active.</summary>
    public sealed record PairNotActive(string Status) : CreateOutcome;

    /// <summary>The check before a new series refused it (warnings to confirm, a differing agreement, a stale If-Match).</summary>
    public sealed record Refused(IResult Answer) : CreateOutcome;
}

/// <summary>
/// What a new series must pass before anything is written: <see cref="Pair"/> is the pair to create it for (its
/// agreement possibly updated), or <see cref="Refusal"/> is the answer.
/// </summary>
internal sealed record Preflight(Pair? Pair, IResult? Refusal)
{
    public static Preflight Go(Pair pair) => new(pair, null);

    public static Preflight Refuse(IResult answer) => new(null, answer);
}

/// <summary>Another attempt took the creation over while this one ran (its lease had expired).</summary>
internal sealed class CreationTakenOverException() : Exception("Another attempt took this series creation over.");

/// <summary>
/// Creates a pair's series with its shared agenda, never twice (docs/series-api.md, "The Graph calls, and their round
/// trips" and "Never twice"): the idempotency row and the series row are inserted together first; every step's progress
/// is recorded before the next step; a create whose answer may have been lost is looked up before it is tried again;
/// the event carries the stored transactionId. Independent Graph calls travel together in one $batch.
/// </summary>
internal sealed partial class SeriesCreation(
    SeriesStore store,
    SeriesSessionStore sessions,
    OneNoteGateway oneNote,
    UserGraphClients graphs,
    GoalStore goals,
    CommitmentStore commitments,
    IBackgroundGraphAccess background,
    IOptions<SeriesOptions> options,
    IClock clock,
    ILogger<SeriesCreation> logger)
{
    private SeriesStore Store { get; } = store;

    private SeriesSessionStore Sessions { get; } = sessions;

    private OneNoteGateway OneNote { get; } = oneNote;

    private GoalStore Goals { get; } = goals;

    private CommitmentStore Commitments { get; } = commitments;

    private IClock Clock { get; } = clock;

    private IBackgroundGraphAccess Background { get; } = background;

    private ILogger<SeriesCreation> Logger { get; } = logger;

    private const int MaxStartAttempts = 4;
    private const int MaxRounds = 12;

    private Duration Lease => Duration.FromSeconds(options.Value.LeaseSeconds);

    /// <param name="preflight">
    /// Runs once, only when a new series is about to start (never for a replay or a resumed creation, which answer the
    /// first request's outcome): the series check and the agreement update.
    /// </param>
    public async Task<CreateOutcome> CreateAsync(
        Pair pair, SignedInUser user, string me, string idempotencyKey, SeriesRequest request,
        Func<CancellationToken, Task<Preflight>> preflight, CancellationToken cancellationToken)
    {
        var keyRow = PairKeys.IdempotencyRow(idempotencyKey);
        var hash = request.Hash();
        var passed = false;
        for (var attempt = 1; ; attempt++)
        {
            var now = Clock.GetCurrentInstant();
            var seen = await Store.FindKeyAsync(pair.Id, keyRow, cancellationToken);
            if (seen is not null)
            {
                if (seen.RequestHash != hash)
                {
                    return new CreateOutcome.KeyReused();
                }

                var existing = await Store.FindAsync(pair.Id, seen.SeriesId, cancellationToken)
                    ?? throw new InvalidOperationException("An idempotency row points at no series.");
                if (existing.Value.Status != SeriesStatus.Creating)
                {
                    return new CreateOutcome.Created(await ReadAsync(existing, cancellationToken), Replayed: true);
                }

                if (existing.Value.Lease is { } lease && lease.Until > now)
                {
                    return new CreateOutcome.InProgress();
                }

                // The attempt that held it is gone (crashed, timed out): take the creation over and resume it.
                var takenOver = await Store.TrySaveAsync(
                    existing.Value with { Lease = new SeriesLease(Guid.NewGuid().ToString("N"), now.Plus(Lease)) }, existing.ETag, cancellationToken);
                if (takenOver is null)
                {
                    return new CreateOutcome.InProgress();
                }

                return new CreateOutcome.Created(await ResumeAsync(takenOver, pair, user, me, cancellationToken), Replayed: true);
            }

            if (pair.Status != PairStatus.Active)
            {
                return new CreateOutcome.PairNotActive(pair.Status.ToString().ToLowerInvariant());
            }

            var current = await Store.FindCurrentAsync(pair.Id, cancellationToken);
            if (current is not null && await Store.FindAsync(pair.Id, current.SeriesId, cancellationToken) is { Value: { Status: SeriesStatus.Creating or SeriesStatus.Active } busy })
            {
                if (busy.IdempotencyRowKey != keyRow || attempt == MaxStartAttempts)
                {
                    return busy.IdempotencyRowKey == keyRow ? new CreateOutcome.InProgress() : new CreateOutcome.OtherSeries(busy.Id);
                }

                // A concurrent repeat with this very key started it after the key was read: read again.
                continue;
            }

            if (!passed)
            {
                var checkedPair = await preflight(cancellationToken);
                if (checkedPair.Refusal is not null)
                {
                    return new CreateOutcome.Refused(checkedPair.Refusal);
                }

                pair = checkedPair.Pair!;
                passed = true;
            }

            var series = NewSeries(pair, user, me, request, keyRow, hash, now);
            var key = new IdempotencyRow
            {
                PartitionKey = PairKeys.PairPartition(pair.Id),
                RowKey = keyRow,
                SeriesId = series.Id,
                RequestHash = hash,
                CreatedAt = now.ToDateTimeOffset(),
            };
            if (await Store.TryStartAsync(key, series, current, cancellationToken) is { } started)
            {
                return new CreateOutcome.Created(await ResumeAsync(started, pair, user, me, cancellationToken), Replayed: false);
            }

            // Lost a race: the same key (a concurrent repeat) or another series was inserted meanwhile. Read again.
            if (attempt == MaxStartAttempts)
            {
                return new CreateOutcome.InProgress();
            }
        }
    }

    /// <summary>The series as the API answers it, with its notebook and first session.</summary>
    public async Task<SeriesResponse> ReadAsync(Versioned<PairSeries> series, CancellationToken cancellationToken)
    {
        var (pairId, firstSessionId) = (series.Value.PairId, series.Value.FirstSessionId);
        var notebook = Store.FindNotebookAsync(pairId, cancellationToken);
        var first = string.IsNullOrEmpty(firstSessionId)
            ? Task.FromResult<Versioned<Session>?>(null)
            : Sessions.FindAsync(pairId, firstSessionId, cancellationToken);
        await Task.WhenAll(notebook, first);
        return SeriesResponse.From(series, await notebook, (await first)?.Value);
    }

    private PairSeries NewSeries(Pair pair, SignedInUser user, string me, SeriesRequest request, string keyRow, string hash, Instant now)
    {
        var id = Ids.NewestFirst(Ids.Series, now);
        var plan = request.Plan();
        return new PairSeries(
            id,
            pair.Id,
            SeriesStatus.Creating,
            new SeriesLease(Guid.NewGuid().ToString("N"), now.Plus(Lease)),
            me,
            user.Mail,
            OrganizerZone: null,
            hash,
            keyRow,
            request,
            TimeZoneNames.ToWindowsId(request.AnchorZone),
            Subject.For([.. pair.Members.Select(member => Subject.FirstName(member.DisplayName))]),
            Guid.NewGuid().ToString(),
            new SeriesSection(StepProgress.None, OneNoteNames.Section(request.FirstStart.Date), null),
            new SeriesEvent(StepProgress.None, null, null, null, null),
            SeriesSessionStore.SessionId(id, plan.StartOf(0)),
            RoundTrips: 0,
            now,
            now);
    }

    /// <summary>Runs (or resumes) the Graph steps of a creation this attempt holds the lease of, then activates the series.</summary>
    private async Task<SeriesResponse> ResumeAsync(Versioned<PairSeries> series, Pair pair, SignedInUser user, string me, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var graph = graphs.For(user);
        var run = new Run(this, series, pair, graph, me, series.Value.ReadableSchedule.Plan(), cancellationToken);
        try
        {
            await run.PrepareAsync();
            var rounds = 0;
            while (await run.NextRoundAsync())
            {
                if (++rounds > MaxRounds)
                {
                    throw new GraphUnavailableException("Creating the series did not settle; try again shortly.", StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(2));
                }
            }

            // The nightly job prepares the later pages as the organizer (OneNote is delegated-only): keep a grant for
            // it now, before the series counts as active, so a failure here is resumed by a repeat like any step.
            await Background.RememberAsync(user, series.Value.Id, cancellationToken);
        }
        catch (Exception error) when (error is not CreationTakenOverException)
        {
            // Let the repeat resume at once instead of waiting for the lease to run out (a crash still has the lease expire).
            await ReleaseLeaseAsync(run.Series);
            throw;
        }

        var now = Clock.GetCurrentInstant();
        await Store.WriteIndexAsync(run.Series.Value, cancellationToken);
        run.Change(active => active with { Status = SeriesStatus.Active, Lease = null, UpdatedAt = now });
        await run.SaveSeriesAsync();
        LogCreated(Logger, run.RoundTrips, run.Series.Value.RoundTrips, stopwatch.ElapsedMilliseconds, run.NotebookWasNew);
        return SeriesResponse.From(run.Series, run.Notebook, run.Session.Value);
    }

    /// <summary>Saves <paramref name="series"/> (as this attempt has it, progress included) with its lease run out now.</summary>
    private async Task ReleaseLeaseAsync(Versioned<PairSeries> series)
    {
        try
        {
            var released = series.Value with { Lease = new SeriesLease(series.Value.Lease?.Owner, Clock.GetCurrentInstant()) };
            await Store.TrySaveAsync(released, series.ETag, CancellationToken.None);
        }
        catch (Azure.RequestFailedException)
        {
            // Best effort: the lease runs out by itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Series created: {RoundTrips} Graph round trips in this attempt ({TotalRoundTrips} in all attempts), {ElapsedMs} ms, new notebook {NewNotebook}")]
    private static partial void LogCreated(ILogger logger, int roundTrips, int totalRoundTrips, long elapsedMs, bool newNotebook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Series creation: the notebook folder's permissions do not show write access for {Missing} member(s)")]
    private static partial void LogNotVerified(ILogger logger, int missing);

    /// <summary>One attempt at the steps: the rows it works on, and what it has sent.</summary>
    private sealed class Run(SeriesCreation owner, Versioned<PairSeries> series, Pair pair, GraphServiceClient graph, string me, SeriesPlan plan, CancellationToken cancellationToken)
    {
        private const string SectionStep = "section";
        private const string FolderStep = "folder";
        private const string PageStep = "page";
        private const string InviteStep = "invite";
        private const string EventStep = "event";
        private const string VerifyStep = "verify";

        private bool _verifyTried;

        /// <summary>The series as this attempt has it: every change is kept here at once and saved with the next record.</summary>
        public Versioned<PairSeries> Series { get; private set; } = series;

        public NotebookRow Notebook { get; private set; } = null!;

        public Versioned<Session> Session { get; private set; } = null!;

        public int RoundTrips { get; private set; }

        public bool NotebookWasNew { get; private set; }

        private string OwnerRoot => OneNoteGateway.OwnerRoot(Notebook.OwnerId, me);

        private IEnumerable<PairMember> Others => pair.Members.Where(member => member.UserId != Notebook.OwnerId);

        public async Task PrepareAsync()
        {
            var now = owner.Clock.GetCurrentInstant();
            var notebook = owner.Store.FindNotebookAsync(pair.Id, cancellationToken);
            var session = owner.Sessions.InsertPlannedOrReadAsync(pair, Series.Value, 0, plan.StartOf(0), plan.EndOf(0), now, cancellationToken);
            await Task.WhenAll(notebook, session);
            Session = await session;
            Notebook = await notebook ?? new NotebookRow
            {
                PartitionKey = PairKeys.PairPartition(pair.Id),
                DisplayName = OneNoteNames.Notebook([.. pair.Members.Select(member => Subject.FirstName(member.DisplayName))], pair.Id),
                OwnerId = me,
                State = StepState.None,
            };
        }

        /// <summary>Sends the next round of calls; false when nothing is left to do.</summary>
        public async Task<bool> NextRoundAsync()
        {
            if (Notebook.State != StepState.Done)
            {
                await NotebookAsync();
                return true;
            }

            await LookUpAttemptedAsync();

            var steps = new List<GraphBatchStep>();
            var oneNoteCalls = 0;
            var seriesChanged = false;
            var notebookChanged = false;
            var pageReady = Session.Value.Page.State == PageState.Ready;
            string? pageXhtml = null;

            if (Series.Value.Section.Progress != StepProgress.Done)
            {
                var sectionName = Series.Value.Section.Name;
                var notebookId = Notebook.NotebookId!;
                steps.Add(new GraphBatchStep(SectionStep, () => OneNoteGateway.CreateSectionRequest(graph, OwnerRoot, notebookId, sectionName), UsesMailbox: false));
                oneNoteCalls++;
                Change(attempted => attempted with { Section = attempted.Section with { Progress = StepProgress.Attempted } });
                seriesChanged = true;
            }
            else if (!pageReady)
            {
                pageXhtml = await PageXhtmlAsync();
                var sectionId = Series.Value.Section.Id!;
                steps.Add(new GraphBatchStep(PageStep, () => OneNoteGateway.CreatePageRequest(graph, OwnerRoot, sectionId, pageXhtml), UsesMailbox: false));
                oneNoteCalls++;
            }

            if (Notebook.DriveItemId is null && Notebook.OwnerId == me)
            {
                var webUrl = Notebook.WebUrl!;
                steps.Add(new GraphBatchStep(FolderStep, () => OneNoteGateway.ResolveFolderRequest(graph, webUrl), UsesMailbox: false));
            }
            else if (Notebook.DriveItemId is { } itemId && Notebook.InviteState != StepState.Done && Notebook.OwnerId == me)
            {
                var mails = Others.Select(member => member.Mail).ToList();
                steps.Add(new GraphBatchStep(InviteStep, () => OneNoteGateway.InviteRequest(graph, itemId, mails), UsesMailbox: false));
                Notebook.InviteState = StepState.Attempted;
                notebookChanged = true;
            }
            else if (Notebook.InviteState == StepState.Done && !Notebook.Verified && !_verifyTried && Notebook.DriveItemId is { } verifyId && Notebook.OwnerId == me)
            {
                steps.Add(new GraphBatchStep(VerifyStep, () => OneNoteGateway.PermissionsRequest(graph, verifyId), UsesMailbox: false));
            }

            if (pageReady && Series.Value.Event.Progress != StepProgress.Done)
            {
                // A new Event for every attempt: the SDK's backing store serialises a model's changed values only,
                // so the same Event sent a second time (after a throttled item) would be an empty body.
                var build = EventRequestBuilder();
                steps.Add(new GraphBatchStep(EventStep, () => graph.Me.Events.ToPostRequestInformation(build()), UsesMailbox: true));
                Change(attempted => attempted with { Event = attempted.Event with { Progress = StepProgress.Attempted } });
                seriesChanged = true;
            }

            if (steps.Count == 0)
            {
                return false;
            }

            if (seriesChanged)
            {
                await SaveSeriesAsync();
            }

            if (notebookChanged)
            {
                await SaveNotebookAsync();
            }

            using var result = await SendAsync(steps, oneNoteCalls);
            await RecordAsync(steps, result);
            return true;
        }

        public void Change(Func<PairSeries, PairSeries> change) => Series = Series with { Value = change(Series.Value) };

        public async Task SaveSeriesAsync()
        {
            var now = owner.Clock.GetCurrentInstant();
            Change(saved => saved with
            {
                Lease = saved.Status == SeriesStatus.Creating ? new SeriesLease(saved.Lease?.Owner, now.Plus(owner.Lease)) : saved.Lease,
                UpdatedAt = now,
            });
            Series = await owner.Store.TrySaveAsync(Series.Value, Series.ETag, cancellationToken) ?? throw new CreationTakenOverException();
        }

        private void CountRoundTrip()
        {
            RoundTrips++;
            Change(counted => counted with { RoundTrips = counted.RoundTrips + 1 });
        }

        private async Task SaveNotebookAsync()
        {
            Notebook.UpdatedAt = owner.Clock.GetCurrentInstant().ToDateTimeOffset();
            if (!await owner.Store.TrySaveNotebookAsync(Notebook, cancellationToken))
            {
                throw new CreationTakenOverException();
            }
        }

        private async Task<GraphBatchResult> SendAsync(List<GraphBatchStep> steps, int oneNoteCalls)
        {
            CountRoundTrip();
            return await owner.OneNote.SendBatchAsync(graph, me, steps, oneNoteCalls, cancellationToken);
        }

        private async Task NotebookAsync()
        {
            NotebookWasNew = true;
            NotebookInfo? found = null;
            if (Notebook.State == StepState.Attempted)
            {
                // The last attempt may have created it and lost the answer.
                CountRoundTrip();
                found = await owner.OneNote.FindNotebookAsync(graph, me, Notebook.DisplayName, cancellationToken);
            }

            if (found is null)
            {
                Notebook.State = StepState.Attempted;
                Notebook.OwnerId = me;
                await SaveNotebookAsync();
                CountRoundTrip();
                found = await owner.OneNote.CreateNotebookAsync(graph, me, Notebook.DisplayName, cancellationToken);
                if (found is null)
                {
                    // 20117: the name exists (an earlier attempt made it, or the SDK re-sent the POST).
                    CountRoundTrip();
                    found = await owner.OneNote.FindNotebookAsync(graph, me, Notebook.DisplayName, cancellationToken)
                        ?? throw new GraphUnavailableException("OneNote says the notebook exists but does not list it.", StatusCodes.Status502BadGateway, null);
                }
            }

            Notebook.State = StepState.Done;
            Notebook.NotebookId = found.Id;
            Notebook.WebUrl = found.WebUrl;
            Notebook.ClientUrl = found.ClientUrl;
            await SaveNotebookAsync();
        }

        private async Task LookUpAttemptedAsync()
        {
            if (Series.Value.Section.Progress == StepProgress.Attempted)
            {
                CountRoundTrip();
                var section = await owner.OneNote.FindSectionAsync(graph, me, OwnerRoot, Notebook.NotebookId!, Series.Value.Section.Name, cancellationToken);
                Change(found => found with { Section = found.Section with { Progress = section is null ? StepProgress.None : StepProgress.Done, Id = section?.Id } });
                await SaveSeriesAsync();
            }

            if (Series.Value.Section.Progress == StepProgress.Done && Session.Value.Page.State != PageState.Ready)
            {
                // This attempt holds the series' lease, so any claim on the first page is from an earlier attempt of it.
                var claim = await owner.Sessions.TryClaimPageAsync(Session, owner.Clock.GetCurrentInstant(), cancellationToken, takeOverLiveClaim: true)
                    ?? throw new CreationTakenOverException();
                Session = claim.Session;
                if (claim.EarlierClaimLapsed)
                {
                    CountRoundTrip();
                    var page = await owner.OneNote.FindPageAsync(graph, me, OwnerRoot, Series.Value.Section.Id!, PageTitle, cancellationToken);
                    if (page is not null)
                    {
                        await MarkPageAsync(page);
                    }
                }
            }
        }

        private string PageTitle => OneNoteNames.PageTitle(Session.Value.Start, plan.Zone);

        private async Task MarkPageAsync(PageInfo page)
        {
            Session = await owner.Sessions.MarkPageReadyAsync(Session, new AgendaPageRef(page.Id, page.Title, page.WebUrl, page.ClientUrl), cancellationToken)
                ?? throw new CreationTakenOverException();
        }

        private async Task<string> PageXhtmlAsync()
        {
            var goalList = owner.Goals.ListAsync(pair.Id, cancellationToken);
            var open = owner.Commitments.ListAsync(pair.Id, Commitment.StatusName(CommitmentStatus.Open), null, cancellationToken);
            await Task.WhenAll(goalList, open);
            return AgendaPageBuilder.Build(new AgendaPageContent(
                PageTitle,
                Session.Value.Start,
                plan.Zone,
                [.. pair.Members.Select(member => new AgendaPerson(member.UserId, member.DisplayName))],
                Session.Value.FocusUserId,
                pair.Agreement.Purpose,
                [.. (await goalList).Select(goal => goal.Value).Where(goal => goal.Status == GoalStatus.Active)
                    .Select(goal => new AgendaGoal(goal.OwnerId, goal.Title, goal.Progress))],
                [.. (await open).Select(item => item.Value).Select(item => new AgendaCommitment(item.Id, item.OwnerId, item.Text, item.Due))],
                plan.LocalStarts.Count > 1 ? plan.StartOf(1) : null));
        }

        /// <summary>Makes the event to create; what it says is fixed now, and every call returns a new SDK model.</summary>
        private Func<Microsoft.Graph.Models.Event> EventRequestBuilder()
        {
            var page = Session.Value.Page.Ready!;
            var focusName = pair.Member(Series.Value.FirstFocusUserId)?.DisplayName ?? "A member";
            var body = SeriesInvite.Body(
                plan,
                [.. pair.Members.Select(member => member.DisplayName)],
                pair.Agreement.Purpose,
                focusName,
                new AgendaLinks(page.WebUrl, page.ClientUrl, Notebook.WebUrl!, Notebook.DisplayName));
            var attendees = pair.Members.Where(member => member.UserId != me).Select(member => new Invitee(member.Mail, member.DisplayName)).ToList();
            var subject = Series.Value.Subject;
            var transactionId = Series.Value.TransactionId;
            return () => SeriesInvite.Build(plan, subject, body, attendees, transactionId);
        }

        private async Task RecordAsync(List<GraphBatchStep> steps, GraphBatchResult result)
        {
            if (steps.Exists(step => step.Id == SectionStep) && result.StatusOf(SectionStep) == StatusCodes.Status409Conflict)
            {
                // 20117: a section of that name exists (a series that ended started on the same date): use it.
                CountRoundTrip();
                var existing = await owner.OneNote.FindSectionAsync(graph, me, OwnerRoot, Notebook.NotebookId!, Series.Value.Section.Name, cancellationToken);
                if (existing is not null)
                {
                    Change(found => found with { Section = found.Section with { Progress = StepProgress.Done, Id = existing.Id } });
                    await SaveSeriesAsync();
                    steps.RemoveAll(step => step.Id == SectionStep);
                }
            }

            foreach (var step in steps)
            {
                if (!result.Succeeded(step.Id))
                {
                    throw new GraphUnavailableException(
                        $"Microsoft Graph refused a step of the series creation ({step.Id}: {result.StatusOf(step.Id)}); repeat the request with the same Idempotency-Key.",
                        StatusCodes.Status502BadGateway,
                        null);
                }
            }

            var seriesChanged = false;
            var notebookChanged = false;
            foreach (var step in steps)
            {
                var answer = result.Body(step.Id);
                switch (step.Id)
                {
                    case SectionStep:
                        var sectionId = OneNoteGateway.ReadSection(answer).Id;
                        Change(made => made with { Section = made.Section with { Progress = StepProgress.Done, Id = sectionId } });
                        seriesChanged = true;
                        break;
                    case PageStep:
                        await MarkPageAsync(OneNoteGateway.ReadPage(answer));
                        break;
                    case FolderStep:
                        Notebook.DriveItemId = OneNoteGateway.ReadDriveItemId(answer);
                        notebookChanged = true;
                        break;
                    case InviteStep:
                        Notebook.InviteState = StepState.Done;
                        Notebook.SharedWith = SeriesResponse.Serialize([.. Others.Select(member => new SharedPerson(member.UserId, member.Mail, false))]);
                        notebookChanged = true;
                        break;
                    case VerifyStep:
                        _verifyTried = true;
                        var permissions = OneNoteGateway.ReadPermissions(answer);
                        var people = Others.Select(member => new SharedPerson(
                            member.UserId,
                            member.Mail,
                            permissions.Any(p => p.CanWrite && (p.UserId == member.UserId || string.Equals(p.Mail, member.Mail, StringComparison.OrdinalIgnoreCase))))).ToList();
                        Notebook.SharedWith = SeriesResponse.Serialize(people);
                        Notebook.Verified = people.TrueForAll(person => person.Verified);
                        if (!Notebook.Verified)
                        {
                            LogNotVerified(owner.Logger, people.Count(person => !person.Verified));
                        }

                        notebookChanged = true;
                        break;
                    case EventStep:
                        var answeredEvent = Series.Value.Event with
                        {
                            Id = Optional(answer, "id"),
                            ICalUId = Optional(answer, "iCalUId"),
                            WebLink = Optional(answer, "webLink"),
                            JoinUrl = answer.TryGetProperty("onlineMeeting", out var meeting) && meeting.ValueKind == JsonValueKind.Object ? Optional(meeting, "joinUrl") : null,
                        };
                        Change(answered => answered with { Event = answeredEvent });
                        if (answeredEvent.Id is null || answeredEvent.ICalUId is null)
                        {
                            throw new GraphUnavailableException("Microsoft Graph created the event but answered without its ids.", StatusCodes.Status502BadGateway, null);
                        }

                        Change(done => done with { Event = done.Event with { Progress = StepProgress.Done } });
                        seriesChanged = true;
                        break;
                }
            }

            if (notebookChanged)
            {
                await SaveNotebookAsync();
            }

            if (seriesChanged)
            {
                await SaveSeriesAsync();
            }
        }

        private static string? Optional(JsonElement json, string name) =>
            json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
