using System.Xml;
using System.Xml.Linq;
using NodaTime;
using PeerMentor365.Api.OneNote;

namespace PeerMentor365.Api.Tests.OneNote;

/// <summary>The agenda page's XHTML: the mentoring agenda in order, to-dos for commitments, and user text always encoded.</summary>
public sealed class AgendaPageTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 15, 0);

    internal static AgendaPageContent Content(
        string purpose = "Grow as engineering leads",
        string anaName = "Ana Souza",
        string commitmentText = "Send Ben the RFC draft",
        string goalTitle = "Run a design review",
        Instant? next = null) => new(
        "Peer mentoring – 2026-12-01",
        Start,
        London,
        [new AgendaPerson("ana", anaName), new AgendaPerson("ben", "Ben Carter")],
        "ben",
        purpose,
        [new AgendaGoal("ana", goalTitle, 40), new AgendaGoal("ben", "Give a conference talk", 10)],
        [new AgendaCommitment("c_0000000000000001", "ana", commitmentText, new LocalDate(2026, 11, 30))],
        next);

    internal static XDocument Parse(string xhtml)
    {
        using var reader = XmlReader.Create(new StringReader(xhtml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void The_page_is_well_formed_and_follows_the_mentoring_agenda_in_order()
    {
        var xhtml = AgendaPageBuilder.Build(Content(next: Start.Plus(Duration.FromDays(14))));
        var page = Parse(xhtml);

        Assert.Equal("Peer mentoring – 2026-12-01", page.Descendants("title").Single().Value);
        var sections = page.Descendants("h2").Select(h => (string?)h.Attribute("data-id")).ToList();
        Assert.Equal(["check-in", "focus", "goals", "commitments", "challenge", "feedback", "new-commitments", "next"], sections);
        Assert.Contains($"{Bidi.Isolated("Ben Carter")} takes the focus", page.Descendants("p").Select(p => p.Value).Single(text => text.Contains("takes the focus", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Tuesday 15 December 2026, 15:00", xhtml, StringComparison.Ordinal);
        var created = page.Descendants("meta").Single(meta => (string?)meta.Attribute("name") == "created");
        Assert.Equal("2026-12-01T15:00:00+00:00", (string?)created.Attribute("content"));
    }

    [Fact]
    public void Goals_show_progress_under_each_person_and_commitments_from_last_time_are_addressable_to_dos()
    {
        var page = Parse(AgendaPageBuilder.Build(Content()));

        var goals = page.Descendants("li").Select(li => li.Value).ToList();
        Assert.Contains($"{Bidi.Isolated("Run a design review")} — 40%", goals);
        Assert.Contains($"{Bidi.Isolated("Give a conference talk")} — 10%", goals);
        Assert.Equal([Bidi.Isolated("Ana Souza"), Bidi.Isolated("Ben Carter")], page.Descendants("h3").Select(h => h.Value));

        var todos = page.Descendants("p").Where(p => (string?)p.Attribute("data-tag") == "to-do").ToList();
        var carried = Assert.Single(todos, p => (string?)p.Attribute("data-id") == "c_0000000000000001");
        Assert.Equal($"{Bidi.Isolated("Send Ben the RFC draft")} — {Bidi.Isolated("Ana Souza")}, due 2026-11-30", carried.Value);
        Assert.Equal(AgendaPageBuilder.NewCommitmentLines, todos.Count(p => ((string?)p.Attribute("data-id"))!.StartsWith("new-", StringComparison.Ordinal) && p.Value.Length == 0));
        Assert.Equal(["Situation:", "Behaviour:", "Impact:"], page.Descendants("b").Select(b => b.Value).Where(text => text.EndsWith(':')));
    }

    [Fact]
    public void Hostile_text_comes_back_encoded_and_reads_back_exactly_as_written()
    {
        var script = "<script>alert('x')</script>";
        var breakout = "\"><img src=x onerror=alert(1)>";
        var rtl = "Review \u202Eevil.exe\u202C plan \u202Dgnirts \u2066left";
        var longText = new string('w', 1990) + "<b>&amp;";
        var xhtml = AgendaPageBuilder.Build(Content(purpose: script, anaName: breakout, commitmentText: rtl, goalTitle: longText));

        Assert.DoesNotContain("<script", xhtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", xhtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(xhtml, c => c is '\u202E' or '\u202D' or '\u2066' or Bidi.FirstStrongIsolate);
        Assert.Contains("&#x202E;", xhtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", xhtml, StringComparison.Ordinal);

        var page = Parse(xhtml);
        Assert.Contains(page.Descendants("p"), p => p.Value.EndsWith(Bidi.Isolated(script), StringComparison.Ordinal));
        Assert.Contains(page.Descendants("h3"), h => h.Value == Bidi.Isolated(breakout));
        var carried = page.Descendants("p").Single(p => (string?)p.Attribute("data-id") == "c_0000000000000001");
        Assert.Equal($"{Bidi.Isolated(rtl + "\u2069")} — {Bidi.Isolated(breakout)}, due 2026-11-30", carried.Value);
        Assert.Contains(page.Descendants("li"), li => li.Value.StartsWith(Bidi.Isolated(longText), StringComparison.Ordinal));
        Assert.All(page.Descendants("body").Single().Elements(), element => Bidi.AssertConfined(element.Value));
        Assert.Empty(page.Descendants("script"));
        Assert.Empty(page.Descendants("img"));
    }

    [Fact]
    public void A_users_own_isolate_ends_cannot_end_the_isolation_early_and_let_an_override_reorder_the_label()
    {
        // U+2069 first would close the app's isolate; the override after it would then reorder " — Ana Souza, due …".
        var escape = "\u2069\u2069\u202Eevil\u2066 inner \u2069 tail";
        var page = Parse(AgendaPageBuilder.Build(Content(commitmentText: escape, purpose: "\u2069\u202D" + "purpose")));

        var carried = page.Descendants("p").Single(p => (string?)p.Attribute("data-id") == "c_0000000000000001");
        Assert.Equal($"{Bidi.Isolated("\u202Eevil\u2066 inner \u2069 tail")} — {Bidi.Isolated("Ana Souza")}, due 2026-11-30", carried.Value);
        Assert.All(page.Descendants("p"), p => Bidi.AssertConfined(p.Value));
    }

    [Fact]
    public void The_last_session_of_a_series_says_so_instead_of_a_next_date()
    {
        var page = Parse(AgendaPageBuilder.Build(Content(next: null)));

        var afterNext = page.Descendants("h2").Single(h => (string?)h.Attribute("data-id") == "next").ElementsAfterSelf("p").First();
        Assert.Equal("This is the last session of the series.", afterNext.Value);
    }
}
