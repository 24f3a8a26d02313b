using System.Net;
using System.Text.RegularExpressions;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.OneNote;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.SeriesApi;

/// <summary>
/// Hostile text in the agreement, goals and commitments comes back encoded in the page and the invite, never as markup,
/// and isolated: its bidirectional controls cannot reorder the labels around it.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class SeriesHostileTextTests(ApiApplication app) : IDisposable
{
    private const string Script = "<script>alert('x')</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";
    private const string RightToLeft = "\u202Egnp.exe";
    private const string Overrides = "\u2069\u202Dtxet \u2066open";

    private readonly SeriesApp _series = new(app);

    [Fact]
    public async Task Script_tags_attribute_breakouts_right_to_left_marks_and_long_text_are_encoded_in_the_page_and_the_invite()
    {
        using var ana = _series.As(Member.Chloe);
        using var ben = _series.As(Member.Dev);
        var purpose = Pad($"{Script} {Breakout} {RightToLeft} {Overrides}", 500);
        var agreement = Member.Agreement(purpose);
        agreement["confidentiality"] = Pad(Script, 2000);
        var proposed = await ana.ProposeAsync([Member.Dev], agreement);
        var pair = await ben.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(proposed)}/accept", null, Member.EtagOf(proposed));
        var pairId = Member.IdOf(pair);
        var goalTitle = Pad($"{Breakout}{RightToLeft}", 200);
        var commitmentText = Pad($"{Script}{Breakout}{RightToLeft}{Overrides}", 1000);
        await ana.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/goals", new { title = goalTitle, measure = Script, targetDate = Member.Date(90) });
        await ben.AddCommitmentAsync(pair, new { text = commitmentText, due = Member.Date(5) });

        var (series, _) = await SeriesApp.CreateAsync(ana, pairId, SeriesApp.Body(), SeriesApp.NewKey());

        var pageId = series.GetProperty("firstSession").GetProperty("agendaPage").GetProperty("id").GetString()!;
        var html = app.DevTenant.OneNote.Page(pageId)!.Html;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var page = AgendaPageTests.Parse(html);
        var text = page.Root!.Value;
        Assert.Contains(goalTitle, text, StringComparison.Ordinal);
        var purposeLine = page.Descendants("p").Single(p => (string?)p.Attribute("data-id") == "purpose").Value;
        Assert.Equal($"What we meet for: {Bidi.Isolated(Shown(purpose))}", purposeLine);
        var carried = page.Descendants("p").Single(p => p.Value.Contains(", due ", StringComparison.Ordinal)).Value;
        Assert.StartsWith(Bidi.Isolated(Shown(commitmentText)) + " — ", carried, StringComparison.Ordinal);
        Assert.All(page.Descendants().Where(e => e.Name.LocalName is "p" or "li" or "h3"), e => Bidi.AssertConfined(e.Value));

        using var graph = new SeriesGraph(app.DevTenant, Member.Dev);
        var copy = await graph.CopyIdAsync(series.GetProperty("event").GetProperty("iCalUId").GetString()!);
        var (_, body) = await graph.SubjectAndBodyAsync(copy);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u202E", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", body, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", body, StringComparison.Ordinal);
        Assert.Contains("&#x202E;gnp.exe", body, StringComparison.Ordinal);
        var paragraphs = Regex.Matches(body, "<p>(.*?)</p>", RegexOptions.Singleline).Select(p => WebUtility.HtmlDecode(Regex.Replace(p.Groups[1].Value, "<[^>]*>", string.Empty))).ToList();
        Assert.Contains($"What we meet for: {Bidi.Isolated(Shown(purpose))}", paragraphs);
        Assert.All(paragraphs, Bidi.AssertConfined);
    }

    /// <summary>The text as the app shows it inside its isolate: without the stray U+2069 and with the U+2066 it opened closed.</summary>
    private static string Shown(string text) => text.Replace(Overrides, Overrides[1..], StringComparison.Ordinal) + "\u2069";

    private static string Pad(string text, int length) => text + new string('w', length - text.Length);

    public void Dispose() => _series.Dispose();
}
