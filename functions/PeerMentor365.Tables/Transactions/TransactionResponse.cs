using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;

namespace PeerMentor365.Tables;

/// <summary>
/// Reads a <c>$batch</c> answer: a multipart body (202 even when the changeset failed) holding one HTTP response per
/// action, or a single failure whose message starts with the failing action's index (<c>"3:…"</c>).
/// </summary>
internal static class TransactionResponse
{
    public static List<TransactionActionResponse> Parse(string contentType, ReadOnlySpan<byte> body)
    {
        var boundary = Boundary(contentType) ?? throw new InvalidOperationException("The transaction response is not multipart.");
        var responses = new List<TransactionActionResponse>();
        ReadParts(Encoding.UTF8.GetString(body), boundary, responses);
        return responses;
    }

    /// <summary>The failure to raise for a response list, or null when every action succeeded.</summary>
    public static TableTransactionFailedException? Failure(List<TransactionActionResponse> responses, int actionCount)
    {
        var failedAt = responses.FindIndex(response => response.Status >= 400);
        if (failedAt < 0)
        {
            return null;
        }

        var failed = responses[failedAt];
        TableErrorParser.TryRead(failed.Body, out var code, out var message);
        message ??= "The transaction failed.";
        int? index = null;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var named))
        {
            index = named;
            message = message[(colon + 1)..];
        }
        else if (responses.Count == actionCount)
        {
            index = failedAt;
        }

        var firstLine = message.Split('\n', 2)[0].Trim();
        return new TableTransactionFailedException(failed.Status, firstLine, string.IsNullOrEmpty(code) ? null : code, index);
    }

    private static string? Boundary(string contentType)
    {
        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    private static void ReadParts(string text, string boundary, List<TransactionActionResponse> responses)
    {
        var delimiter = "--" + boundary;
        foreach (var rawPart in text.Split(delimiter, StringSplitOptions.None).Skip(1))
        {
            if (rawPart.StartsWith("--", StringComparison.Ordinal))
            {
                break; // the closing delimiter
            }

            var (headers, content) = SplitHeaders(rawPart.TrimStart('\r', '\n'));
            var partType = headers.GetValueOrDefault("Content-Type", string.Empty);
            if (partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) && Boundary(partType) is { } inner)
            {
                ReadParts(content, inner, responses);
            }
            else if (partType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
            {
                responses.Add(ReadHttpResponse(content));
            }
        }
    }

    private static TransactionActionResponse ReadHttpResponse(string text)
    {
        var (statusLineAndHeaders, body) = SplitAtBlankLine(text);
        var lines = statusLineAndHeaders.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidOperationException("A transaction response part has no HTTP status line.");
        }

        var headers = new List<HttpHeader>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return new TransactionActionResponse(status, statusParts.Length > 2 ? statusParts[2] : string.Empty, headers, Encoding.UTF8.GetBytes(body.TrimEnd('\r', '\n')));
    }

    private static (Dictionary<string, string> Headers, string Content) SplitHeaders(string part)
    {
        var (head, content) = SplitAtBlankLine(part);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, content);
    }

    private static (string Head, string Tail) SplitAtBlankLine(string text)
    {
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (crlf >= 0 && (lf < 0 || crlf <= lf))
        {
            return (text[..crlf], text[(crlf + 4)..]);
        }

        return lf >= 0 ? (text[..lf], text[(lf + 2)..]) : (text, string.Empty);
    }
}

/// <summary>One action's answer inside a transaction response, exposed as an Azure.Core <see cref="Response"/>.</summary>
internal sealed class TransactionActionResponse(int status, string reasonPhrase, IReadOnlyList<HttpHeader> headers, byte[] body) : Response
{
    public byte[] Body { get; } = body;

    public override int Status { get; } = status;

    public override string ReasonPhrase { get; } = reasonPhrase;

    public override Stream? ContentStream { get; set; } = new MemoryStream(body, writable: false);

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => headers.Any(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = headers.Where(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();
        values = found.Count > 0 ? found : null;
        return values is not null;
    }
}
