using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace PeerMentor365.DevTenant.Graph.OneNote;

/// <summary>
/// PATCH /pages/{id}/content commands (target, action, position, content) applied to a stored page, all or nothing.
/// Targets: "body" (the first div), "title", or "#data-id"; actions: append, prepend, insert (before/after), replace.
/// </summary>
internal static class PagePatch
{
    public sealed record Command(string Target, string Action, string? Position, string Content);

    /// <summary>Reads the command array (a bare array, or {"commands": [...]} as onenotePatchContent takes it).</summary>
    public static (List<Command>? Commands, string? Code, string? Error) Read(JsonNode? body)
    {
        var array = body switch
        {
            JsonArray bare => bare,
            JsonObject wrapped when JsonParameters.TryGet(wrapped, "commands", out var commands) && commands is JsonArray inner => inner,
            _ => null,
        };
        if (array is null)
        {
            return (null, "20109", "The request body must be a JSON array of patch commands.");
        }

        if (array.Count == 0)
        {
            return (null, "20125", "The request contains no patch actions.");
        }

        var result = new List<Command>();
        foreach (var node in array)
        {
            if (node is not JsonObject command)
            {
                return (null, "20109", "Every patch command must be a JSON object.");
            }

            JsonParameters.TryGet(command, "target", out var target);
            JsonParameters.TryGet(command, "action", out var action);
            JsonParameters.TryGet(command, "position", out var position);
            JsonParameters.TryGet(command, "content", out var content);
            var targetText = JsonParameters.String(target);
            var actionText = JsonParameters.String(action)?.ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(targetText))
            {
                return (null, "20122", "A patch command has no target.");
            }

            if (actionText is not ("append" or "prepend" or "insert" or "replace"))
            {
                return (null, "20121", $"The patch action '{JsonParameters.String(action)}' is not supported: use append, prepend, insert or replace.");
            }

            var positionText = JsonParameters.String(position)?.ToLowerInvariant();
            if (positionText is not (null or "before" or "after"))
            {
                return (null, "20133", $"The position '{positionText}' is not supported: use before or after.");
            }

            result.Add(new Command(targetText.Trim(), actionText, positionText, JsonParameters.String(content) ?? string.Empty));
        }

        return (result, null, null);
    }

    /// <summary>Applies the commands to the page's document; returns the new HTML and title, or the OneNote code and message of the first failure.</summary>
    public static (string? Html, string? Title, string? Code, string? Error) Apply(string storedHtml, string title, IReadOnlyList<Command> commands)
    {
        var document = PageHtml.LoadStored(storedHtml);
        var titleElement = document.Descendants().First(e => e.Name.LocalName == "title");
        var div = document.Descendants().First(e => e.Name.LocalName == "div");
        foreach (var command in commands)
        {
            if (string.Equals(command.Target, "title", StringComparison.OrdinalIgnoreCase))
            {
                if (command.Action != "replace")
                {
                    return (null, null, "20134", "The title can only be replaced.");
                }

                title = command.Content.Trim();
                titleElement.Value = title;
                continue;
            }

            var content = PageHtml.Fragment(command.Content);
            if (content is null)
            {
                return (null, null, "20109", $"The content for target '{command.Target}' is not well-formed XHTML.");
            }

            XElement? target;
            if (string.Equals(command.Target, "body", StringComparison.OrdinalIgnoreCase))
            {
                target = div;
                if (command.Action is "replace" or "insert")
                {
                    return (null, null, "20134", $"The body cannot take the action '{command.Action}': use append or prepend.");
                }
            }
            else if (command.Target.StartsWith('#'))
            {
                var dataId = command.Target[1..];
                target = document.Descendants().FirstOrDefault(e => string.Equals((string?)e.Attribute("data-id"), dataId, StringComparison.Ordinal) && e != div);
            }
            else
            {
                target = null;
            }

            if (target is null)
            {
                return (null, null, "20120", $"The target '{command.Target}' was not found on the page.");
            }

            switch (command.Action)
            {
                case "append":
                    target.Add(content);
                    break;
                case "prepend":
                    target.AddFirst(content);
                    break;
                case "insert" when command.Position == "before":
                    target.AddBeforeSelf(content);
                    break;
                case "insert":
                    target.AddAfterSelf(content);
                    break;
                default:
                    target.ReplaceWith(content);
                    break;
            }
        }

        return (PageHtml.Write(document), title, null, null);
    }
}
