using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
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
        error = TryRead(response.Content?.ToMemory() ?? default, out var code, out var message) ? new ResponseError(code, message) : null;
        return error is not null;
    }

    public static RequestFailedException Failure(Response response) => new(response, innerException: null, Instance);

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
