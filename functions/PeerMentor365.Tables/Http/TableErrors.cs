using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace PeerMentor365.Tables;

/// <summary>Reads the Table service's <c>odata.error</c> body (code and message) into Azure.Core's error shape.</summary>
internal sealed class TableErrorParser : RequestFailedDetailsParser
{
    public static readonly TableErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        error = TryRead(response, out var code, out var message) ? new ResponseError(code, message) : null;
        return error is not null;
    }

    public static RequestFailedException Failure(Response response) => new(response, innerException: null, Instance);

    /// <summary>The error code of a failed response, or null.</summary>
    public static string? ErrorCode(Response response) => TryRead(response, out var code, out _) ? code : null;

    /// <summary>
    /// Reads the error from a JSON <c>odata.error</c> body; failing that from an XML <c>Error</c> body (Azurite answers
    /// authentication failures in XML) or the <c>x-ms-error-code</c> header.
    /// </summary>
    private static bool TryRead(Response response, [NotNullWhen(true)] out string? code, [NotNullWhen(true)] out string? message)
    {
        var body = response.Content?.ToMemory() ?? default;
        if (TryRead(body, out code, out message) && code.Length > 0)
        {
            return true;
        }

        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        if (TryReadXml(body, out var xmlCode, out var xmlMessage))
        {
            code = xmlCode.Length > 0 ? xmlCode : headerCode ?? string.Empty;
            message = xmlMessage;
            return true;
        }

        if (headerCode is not null)
        {
            code = headerCode;
            message ??= string.Empty;
            return true;
        }

        return message is not null && code is not null;
    }

    private static bool TryReadXml(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out string? code, [NotNullWhen(true)] out string? message)
    {
        code = null;
        message = null;
        if (body.IsEmpty || body.Span.IndexOf((byte)'<') < 0)
        {
            return false;
        }

        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            var root = XDocument.Load(stream).Root;
            if (root is null)
            {
                return false;
            }

            code = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? string.Empty;
            message = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? string.Empty;
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>The error code and the message's first line (the rest is a request id and time).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out string? code, [NotNullWhen(true)] out string? message)
    {
        code = null;
        message = null;
        if (body.IsEmpty)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !(document.RootElement.TryGetProperty("odata.error", out var error) || document.RootElement.TryGetProperty("error", out error)))
            {
                return false;
            }

            code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() ?? string.Empty : string.Empty;
            message = error.TryGetProperty("message", out var messageElement)
                ? messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value) ? value.GetString() : messageElement.GetString()
                : null;
            message ??= string.Empty;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
