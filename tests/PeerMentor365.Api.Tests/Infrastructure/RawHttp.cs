using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>
/// Sends a request line exactly as written: HttpClient normalises "..", "%2e" and the like before sending,
/// which would hide what a hostile client can put on the wire.
/// </summary>
public static class RawHttp
{
    public static async Task<int> SendAsync(Uri server, string method, string requestTarget, string body = "{}")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"{method} {requestTarget} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? throw new InvalidOperationException($"No answer to {method} {requestTarget}.");
        return int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
