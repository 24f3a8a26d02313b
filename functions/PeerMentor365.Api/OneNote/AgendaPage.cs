using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace PeerMentor365.Api.OneNote;

/// <summary>A member as the agenda names them.</summary>
internal sealed record AgendaPerson(string UserId, string DisplayName);

/// <summary>A goal with its progress, under its owner's name.</summary>
internal sealed record AgendaGoal(string OwnerId, string Title, int Progress);

/// <summary>An open commitment carried over from earlier sessions: a to-do item addressed by its id (data-id).</summary>
internal sealed record AgendaCommitment(string Id, string OwnerId, string Text, LocalDate Due);

/// <summary>
/// What one session's agenda page says. Built by the series creation for the first session and by the nightly job
/// (issue 5) for the later ones, with the still-open commitments and whose turn it is.
/// </summary>
/// <param name="Title">The page title, also its look-up key (<see cref="OneNoteNames.PageTitle"/>).</param>
/// <param name="Start">The session's start, shown in <paramref name="Zone"/>.</param>
/// <param name="Zone">The organizer's zone: the page's dates and times are written in it.</param>
/// <param name="Members">Every member of the pair, in the pair's order.</param>
/// <param name="FocusUserId">Whose turn it is to take the focus.</param>
/// <param name="Purpose">The agreement's purpose.</param>
/// <param name="Goals">Every member's active goals.</param>
/// <param name="CarriedOver">Commitments from last time (open ones), as to-do items.</param>
/// <param name="NextSessionStart">The next session's start, if there is one.</param>
internal sealed record AgendaPageContent(
    string Title,
    Instant Start,
    DateTimeZone Zone,
    IReadOnlyList<AgendaPerson> Members,
    string FocusUserId,
    string Purpose,
    IReadOnlyList<AgendaGoal> Goals,
    IReadOnlyList<AgendaCommitment> CarriedOver,
    Instant? NextSessionStart);

/// <summary>
/// The agenda page as OneNote's input XHTML: well-formed, UTF-8, every user-written text encoded and isolated
/// (<see cref="Html.Isolate"/>; docs/series-api.md, "What the invite and the page say"). The sections follow the mentoring agenda in order.
/// </summary>
internal static class AgendaPageBuilder
{
    /// <summary>Number of empty to-do lines under "New commitments".</summary>
    public const int NewCommitmentLines = 3;

    private static readonly LocalDateTimePattern WhenPattern = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu, HH':'mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static string Build(AgendaPageContent page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var names = page.Members.ToDictionary(member => member.UserId, member => member.DisplayName, StringComparer.Ordinal);
        string NameOf(string userId) => names.TryGetValue(userId, out var name) ? name : "A former member";

        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><title>").Append(Html.Encode(page.Title)).Append("</title>");
        html.Append("<meta name=\"created\" content=\"")
            .Append(Html.Encode(page.Start.InZone(page.Zone).ToOffsetDateTime().ToString("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>", CultureInfo.InvariantCulture)))
            .Append("\" /></head><body>");

        html.Append("<h1>").Append(Html.Encode(page.Title)).Append("</h1>");
        html.Append("<p data-id=\"when\">").Append(Html.Encode(WhenPattern.Format(page.Start.InZone(page.Zone).LocalDateTime)))
            .Append(" (").Append(Html.Encode(page.Zone.Id)).Append(")</p>");
        html.Append("<p data-id=\"purpose\"><i>What we meet for:</i> ").Append(Html.Isolate(page.Purpose)).Append("</p>");

        html.Append("<h2 data-id=\"check-in\">Check-in</h2>");
        html.Append("<p>How is everyone arriving today? One sentence each: energy, mood, what is on your mind.</p>");

        html.Append("<h2 data-id=\"focus\">Focus</h2>");
        html.Append("<p>").Append(Html.Isolate(NameOf(page.FocusUserId))).Append(" takes the focus this time.</p>");

        html.Append("<h2 data-id=\"goals\">Progress on goals</h2>");
        foreach (var member in page.Members)
        {
            html.Append("<h3>").Append(Html.Isolate(member.DisplayName)).Append("</h3>");
            var goals = page.Goals.Where(goal => goal.OwnerId == member.UserId).ToList();
            if (goals.Count == 0)
            {
                html.Append("<p>No active goals yet.</p>");
                continue;
            }

            html.Append("<ul>");
            foreach (var goal in goals)
            {
                html.Append("<li>").Append(Html.Isolate(goal.Title)).Append(" — ")
                    .Append(goal.Progress.ToString(CultureInfo.InvariantCulture)).Append("%</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2 data-id=\"commitments\">Commitments from last time</h2>");
        if (page.CarriedOver.Count == 0)
        {
            html.Append("<p>No open commitments.</p>");
        }

        foreach (var commitment in page.CarriedOver)
        {
            html.Append("<p data-tag=\"to-do\" data-id=\"").Append(Html.Encode(commitment.Id)).Append("\">")
                .Append(Html.Isolate(commitment.Text)).Append(" — ").Append(Html.Isolate(NameOf(commitment.OwnerId)))
                .Append(", due ").Append(DatePattern.Format(commitment.Due)).Append("</p>");
        }

        html.Append("<h2 data-id=\"challenge\">The challenge to work through</h2>");
        html.Append("<p>What does ").Append(Html.Isolate(NameOf(page.FocusUserId)))
            .Append(" want to work through today? What would a good outcome look like?</p>");

        html.Append("<h2 data-id=\"feedback\">Feedback</h2>");
        html.Append("<ul><li><b>Situation:</b> when and where was it?</li>")
            .Append("<li><b>Behaviour:</b> what exactly did you see or hear?</li>")
            .Append("<li><b>Impact:</b> what did it lead to, for you or others?</li></ul>");

        html.Append("<h2 data-id=\"new-commitments\">New commitments</h2>");
        for (var line = 1; line <= NewCommitmentLines; line++)
        {
            html.Append("<p data-tag=\"to-do\" data-id=\"new-").Append(line.ToString(CultureInfo.InvariantCulture)).Append("\"></p>");
        }

        html.Append("<h2 data-id=\"next\">Next session</h2>");
        html.Append("<p>").Append(page.NextSessionStart is { } next
            ? Html.Encode(WhenPattern.Format(next.InZone(page.Zone).LocalDateTime))
            : "This is the last session of the series.").Append("</p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
