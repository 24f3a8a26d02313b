using System.Net;
using System.Text.RegularExpressions;

namespace PeerMentor365.DevTenant.Graph.Events;

/// <summary>Event bodies as Exchange stores them: HTML wrapped in a document, Teams' join block appended for online meetings.</summary>
internal static partial class EventBodies
{
    private const string JoinBlockMarker = "<div class=\"me-email-text\" data-dev-tenant=\"teams-join\"";

    /// <summary>Reads a body as sent; HTML is wrapped in &lt;html&gt;&lt;head&gt;…&lt;body&gt; (an existing &lt;body&gt; keeps its content).</summary>
    public static EventBody FromRequest(string? contentType, string? content)
    {
        var text = content ?? string.Empty;
        if (string.Equals(contentType, "text", StringComparison.OrdinalIgnoreCase))
        {
            return new EventBody("text", text);
        }

        var bodyMatch = BodyContent().Match(text);
        var inner = bodyMatch.Success ? bodyMatch.Groups["inner"].Value.Trim('\r', '\n') : text;
        return new EventBody("html", Wrap(inner));
    }

    /// <summary>The body with Teams' join block at its end (Exchange adds it when an online meeting is created or turned on).</summary>
    public static EventBody WithJoinBlock(EventBody body, string joinUrl, string conferenceId)
    {
        if (body.Content.Contains(JoinBlockMarker, StringComparison.Ordinal))
        {
            return body;
        }

        if (body.ContentType == "text")
        {
            return body with
            {
                Content = body.Content + "\r\n\r\n________________________________________________________________________________\r\n"
                    + "Microsoft Teams meeting\r\nJoin on your computer, mobile app or room device\r\n"
                    + $"Click here to join the meeting<{joinUrl}>\r\nMeeting ID: {conferenceId}\r\n"
                    + "________________________________________________________________________________\r\n",
            };
        }

        var encodedUrl = WebUtility.HtmlEncode(joinUrl);
        var block =
            "<div style=\"width:100%\"><span style=\"white-space:nowrap;color:#5F5F5F;opacity:.36\">________________________________________________________________________________</span></div>\r\n"
            + JoinBlockMarker + " lang=\"en-US\" style=\"color:#252424;font-family:'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif\">\r\n"
            + "<div style=\"margin-top:24px;margin-bottom:20px\"><span style=\"font-size:24px;color:#252424\">Microsoft Teams meeting</span></div>\r\n"
            + "<div style=\"margin-bottom:20px\"><div style=\"margin-top:0px;margin-bottom:0px;font-weight:bold\"><span style=\"font-size:14px;color:#252424\">Join on your computer, mobile app or room device</span></div>\r\n"
            + $"<a class=\"me-email-headline\" href=\"{encodedUrl}\" target=\"_blank\" rel=\"noreferrer noopener\" style=\"font-size:14px;font-family:'Segoe UI Semibold','Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif;text-decoration:underline;color:#6264a7\">Click here to join the meeting</a></div>\r\n"
            + $"<div style=\"margin-bottom:20px;margin-top:20px\"><div style=\"margin-bottom:4px\"><span data-tid=\"meeting-code\" style=\"font-size:14px;color:#252424\">Meeting ID: <span style=\"font-size:16px;color:#252424\">{conferenceId}</span></span></div></div>\r\n"
            + "</div>\r\n"
            + "<div style=\"width:100%\"><span style=\"white-space:nowrap;color:#5F5F5F;opacity:.36\">________________________________________________________________________________</span></div>";
        var close = body.Content.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var content = close < 0 ? body.Content + block : body.Content[..close] + block + "\r\n" + body.Content[close..];
        return body with { Content = content };
    }

    /// <summary>The plain-text preview Graph shows (first 255 characters, tags and spacing removed).</summary>
    public static string Preview(EventBody body)
    {
        var text = body.Content;
        if (body.ContentType == "html")
        {
            var match = BodyContent().Match(text);
            text = match.Success ? match.Groups["inner"].Value : text;
            text = WebUtility.HtmlDecode(Tags().Replace(text, " "));
        }

        text = Spaces().Replace(text, " ").Trim();
        return text.Length <= 255 ? text : text[..255];
    }

    private static string Wrap(string inner) =>
        "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head>\r\n<body>\r\n"
        + inner + "\r\n</body>\r\n</html>\r\n";

    [GeneratedRegex("<body[^>]*>(?<inner>.*)</body>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BodyContent();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
