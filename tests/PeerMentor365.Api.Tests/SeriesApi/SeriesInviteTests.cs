using NodaTime;
using PeerMentor365.Api.OneNote;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Tests.OneNote;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>The invite body: purpose, cadence in words, first focus, agenda links (web and desktop), notebook link, all encoded.</summary>
public sealed class SeriesInviteTests
{
    private static readonly AgendaLinks Links = new(
        "https://contoso-my.sharepoint.com/page?wd=target(a&b)",
        "onenote:https://contoso-my.sharepoint.com/Notebooks/Peer%20mentoring.one#page",
        "https://contoso-my.sharepoint.com/Notebooks/Peer%20mentoring",
        "Peer mentoring – Ana & Ben (p3k9)");

    private static SeriesPlan Plan(string cadence, SeriesEnd end) =>
        new SeriesRequest(new LocalDateTime(2026, 12, 1, 15, 0), DateTimeZoneProviders.Tzdb["Europe/London"], Cadence.TryParse(cadence, out var c) ? c : throw new ArgumentException(cadence), 60, end, "ana").Plan();

    [Fact]
    public void The_body_says_what_the_series_is_for_how_often_who_starts_and_links_the_agenda_twice_and_the_notebook()
    {
        var body = SeriesInvite.Body(Plan("every2Weeks", new SeriesEnd(12, null)), ["Ana Souza", "Ben Carter"], "Grow as engineering leads", "Ana Souza", Links);
        var page = AgendaPageTests.Parse(body);

        var anchors = page.Descendants("a").ToList();
        Assert.Equal(["Open the agenda in OneNote", "in the OneNote app", Bidi.Isolated("Peer mentoring – Ana & Ben (p3k9)")], anchors.Select(a => a.Value));
        Assert.Equal([Links.PageWebUrl, Links.PageClientUrl, Links.NotebookWebUrl], anchors.Select(a => (string?)a.Attribute("href")));
        var text = page.Root!.Value;
        Assert.Contains($"Peer mentoring for {Bidi.Isolated("Ana Souza")} and {Bidi.Isolated("Ben Carter")}.", text, StringComparison.Ordinal);
        Assert.Contains("Grow as engineering leads", text, StringComparison.Ordinal);
        Assert.Contains("every 2 weeks on Tuesday at 15:00 (Europe/London), 60 minutes, 12 sessions.", text, StringComparison.Ordinal);
        Assert.Contains($"{Bidi.Isolated("Ana Souza")} takes the focus first", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_purpose_and_names_are_encoded_in_the_body()
    {
        var body = SeriesInvite.Body(
            Plan("monthly", new SeriesEnd(null, new LocalDate(2027, 6, 1))),
            ["\"><img src=x onerror=alert(1)>", "Ben \u202ECarter", "\u2069\u202DChloe"],
            "<script>alert(1)</script>\u2066",
            "\"><img src=x onerror=alert(1)>",
            Links);

        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u202E", body, StringComparison.Ordinal);
        var page = AgendaPageTests.Parse(body);
        var text = page.Root!.Value;
        Assert.Contains(Bidi.Isolated("<script>alert(1)</script>\u2066\u2069"), text, StringComparison.Ordinal);
        Assert.Contains($", {Bidi.Isolated("Ben \u202ECarter")} and {Bidi.Isolated("\u202DChloe")}.", text, StringComparison.Ordinal);
        Assert.All(page.Descendants("p"), p => Bidi.AssertConfined(p.Value));
        Assert.Contains("monthly on the first Tuesday at 15:00 (Europe/London), 60 minutes, until 2027-06-01.", text, StringComparison.Ordinal);
    }
}
