using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>
/// OneNote's input HTML rules, as far as a client can observe them: the page must be well-formed XHTML; the title comes
/// from &lt;title&gt; and the creation time from &lt;meta name="created"&gt;; scripts, forms, CSS blocks and linked
/// files are stripped, as are id and event-handler attributes; data-id and data-tag survive. The stored page is a
/// normalised document whose body content sits in one absolutely positioned div (the "body" target of PATCH).
/// Text stays encoded: it is written back through an XML writer, so "&lt;script&gt;" sent as text never becomes markup.
/// </summary>
internal static partial class PageHtml
{
    private static readonly HashSet<string> Stripped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "link", "form", "input", "button", "select", "option", "textarea", "iframe", "frame", "frameset",
        "object", "embed", "applet", "noscript", "meta", "base", "svg", "math", "template", "head", "title", "html", "body",
    };

    private static readonly Dictionary<string, string> NamedEntities = new(StringComparer.Ordinal)
    {
        ["nbsp"] = "&#160;", ["ndash"] = "&#8211;", ["mdash"] = "&#8212;", ["copy"] = "&#169;", ["reg"] = "&#174;",
        ["hellip"] = "&#8230;", ["lsquo"] = "&#8216;", ["rsquo"] = "&#8217;", ["ldquo"] = "&#8220;", ["rdquo"] = "&#8221;",
        ["bull"] = "&#8226;", ["middot"] = "&#183;", ["euro"] = "&#8364;", ["rarr"] = "&#8594;", ["larr"] = "&#8592;",
    };

    /// <summary>The parts of a page sent by a client, or why it was refused.</summary>
    public sealed record Parsed(string Title, DateTimeOffset? Created, IReadOnlyList<XNode> Content);

    public static (Parsed? Page, string? Code, string? Error) Parse(string html)
    {
        XDocument document;
        try
        {
            document = Load(html);
        }
        catch (XmlException ex)
        {
            return (null, "20109", $"The page HTML is not well-formed XHTML (line {ex.LineNumber}, position {ex.LinePosition}): close every tag and quote every attribute.");
        }

        var root = document.Root!;
        if (!Is(root, "html"))
        {
            return (null, "20109", "The page HTML must have an <html> root element.");
        }

        var head = root.Elements().FirstOrDefault(e => Is(e, "head"));
        var titleElement = head?.Elements().FirstOrDefault(e => Is(e, "title"));
        var title = titleElement is null ? string.Empty : Collapse(titleElement.Value);

        DateTimeOffset? created = null;
        var createdMeta = head?.Elements().FirstOrDefault(e => Is(e, "meta") && string.Equals((string?)e.Attribute("name"), "created", StringComparison.OrdinalIgnoreCase));
        if (createdMeta is not null)
        {
            var content = (string?)createdMeta.Attribute("content");
            if (!DateTimeOffset.TryParse(content, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, "20007", $"The created date/time '{content}' in <meta name=\"created\"> is not an ISO 8601 date and time.");
            }

            created = parsed;
        }

        var body = root.Elements().FirstOrDefault(e => Is(e, "body"));
        var nodes = body is null ? [] : Sanitise(body.Nodes());
        return (new Parsed(title, created, nodes), null, null);
    }

    /// <summary>The stored document for a page: OneNote's output shape (title, created meta, one default div).</summary>
    public static string Render(string title, DateTimeOffset created, IEnumerable<XNode> content)
    {
        var div = new XElement("div",
            new XAttribute("data-id", "_default"),
            new XAttribute("style", "position:absolute;left:48px;top:120px;width:624px"),
            content.Select(Clone));
        var document = new XElement("html",
            new XAttribute("lang", "en-US"),
            new XElement("head",
                new XElement("title", title),
                new XElement("meta", new XAttribute("http-equiv", "Content-Type"), new XAttribute("content", "text/html; charset=utf-8")),
                new XElement("meta", new XAttribute("name", "created"), new XAttribute("content", created.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffzzz", CultureInfo.InvariantCulture)))),
            new XElement("body",
                new XAttribute("data-absolute-enabled", "true"),
                new XAttribute("style", "font-family:Calibri;font-size:11pt"),
                div));
        return Write(document);
    }

    /// <summary>Sanitised nodes of an HTML fragment (PATCH content); null when it is not well-formed.</summary>
    public static IReadOnlyList<XNode>? Fragment(string html)
    {
        try
        {
            var wrapper = Load($"<fragment>{html}</fragment>").Root!;
            return Sanitise(wrapper.Nodes());
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static XElement LoadStored(string html) => Load(html).Root!;

    public static string Write(XElement document)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = false,
            Encoding = new UTF8Encoding(false),
            NewLineHandling = NewLineHandling.None,
        };
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, settings))
        {
            document.WriteTo(writer);
        }

        return builder.ToString();
    }

    private static XDocument Load(string html)
    {
        // Drop the doctype (not XML) and turn the common named HTML entities into character references.
        var text = Doctype().Replace(html, string.Empty, 1);
        text = NamedEntity().Replace(text, m => NamedEntities.TryGetValue(m.Groups[1].Value, out var numeric) ? numeric : m.Value);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreProcessingInstructions = true, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XDocument.Load(reader, LoadOptions.None);
    }

    private static List<XNode> Sanitise(IEnumerable<XNode> nodes)
    {
        var result = new List<XNode>();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XText text:
                    result.Add(new XText(text.Value));
                    break;
                case XElement element when Stripped.Contains(element.Name.LocalName):
                    break;
                case XElement element:
                    var copy = new XElement(element.Name.LocalName);
                    foreach (var attribute in element.Attributes())
                    {
                        var name = attribute.Name.LocalName;
                        if (attribute.IsNamespaceDeclaration || string.Equals(name, "id", StringComparison.OrdinalIgnoreCase)
                            || name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                            || (name is "href" or "src" && !SafeUrl(attribute.Value)))
                        {
                            continue;
                        }

                        copy.SetAttributeValue(name, attribute.Value);
                    }

                    copy.Add(Sanitise(element.Nodes()));
                    result.Add(copy);
                    break;
            }
        }

        return result;
    }

    private static bool SafeUrl(string value)
    {
        var trimmed = value.Trim();
        return !(trimmed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("data:text/html", StringComparison.OrdinalIgnoreCase));
    }

    private static XNode Clone(XNode node) => node switch
    {
        XElement element => new XElement(element),
        XText text => new XText(text.Value),
        _ => new XText(string.Empty),
    };

    private static bool Is(XElement element, string name) => string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase);

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^\s*<!DOCTYPE[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Doctype();

    [GeneratedRegex("&([a-zA-Z]+);", RegexOptions.CultureInvariant)]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
