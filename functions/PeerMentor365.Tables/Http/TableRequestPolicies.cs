using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PeerMentor365.Tables;

/// <summary>Stamps <c>x-ms-date</c> on every attempt, so a retried request is never signed with a stale date.</summary>
internal sealed class TableDatePolicy : HttpPipelineSynchronousPolicy
{
    public const string DateHeader = "x-ms-date";

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(DateHeader, DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
}

/// <summary>
/// Signs each attempt with Shared Key Lite: HMAC-SHA256 of <c>x-ms-date</c> and the canonical resource
/// (<c>/account</c> + the path as sent, so an emulator's path-style URL names the account twice).
/// </summary>
internal sealed class TableSharedKeyLitePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (!request.Headers.TryGetValue(TableDatePolicy.DateHeader, out var date))
        {
            throw new InvalidOperationException("The date policy must run before the signing policy.");
        }

        var uri = request.Uri.ToUri();
        var toSign = new StringBuilder(date).Append('\n').Append('/').Append(accountName).Append(uri.AbsolutePath);
        var comp = CompParameter(uri.Query);
        if (comp is not null)
        {
            toSign.Append("?comp=").Append(comp);
        }

        var signature = Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(toSign.ToString())));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {accountName}:{signature}");
    }

    private static string? CompParameter(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return pair["comp=".Length..];
            }
        }

        return null;
    }
}
