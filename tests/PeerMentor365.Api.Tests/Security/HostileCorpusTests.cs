using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PeerMentor365.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>
/// Malformed and hostile requests against every method × route the app maps (read at test time), signed in and
/// not: bad JSON, wrong types, deep nesting, huge and odd strings, path tricks, junk queries and headers, wrong
/// content types, and a few requests no HttpClient would send. None may answer 5xx.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class HostileCorpusTests(ApiApplication app, ITestOutputHelper output)
{
    private static readonly string[] BodyFields =
    [
        "peers", "agreement", "purpose", "cadence", "durationMinutes", "horizonMonths", "earliestStart", "maxSuggestions",
        "title", "measure", "targetDate", "progress", "text", "due", "status", "start", "end", "rating", "privateNote", "note",
        "firstStart", "pattern", "count", "timeZone", "subject", "agenda", "seriesId", "sessionId", "itemId",
    ];

    [Fact]
    public async Task Hundreds_of_hostile_requests_get_no_5xx()
    {
        using var isolated = new ApiFactory(ApiApplication.WithStorage(ApiApplication.SettingsFor(app.DevTenant), app.Azurite));
        var endpoints = AppEndpoint.Of(isolated.Services);
        var token = app.DevTenant.IssueApiToken(ApiApplication.Ana);
        using var signedIn = isolated.CreateClient();
        signedIn.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var anonymous = isolated.CreateClient();

        var cases = endpoints.SelectMany(endpoint => Cases(endpoint, token)).ToList();
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        foreach (var (name, signIn, build) in cases)
        {
            using var request = build();
            int status;
            string body;
            try
            {
                using var response = await (signIn ? signedIn : anonymous).SendAsync(request);
                status = (int)response.StatusCode;
                body = status >= 500 ? await response.Content.ReadAsStringAsync() : string.Empty;
            }
            catch (HttpRequestException error)
            {
                // A connection the server closed (it may, after refusing an unread body) is not a 5xx; note it.
                status = 0;
                body = error.Message;
            }

            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 || status == 0)
            {
                failures.Add($"{name}: {status} {Truncate(body)}");
            }
        }

        foreach (var (name, raw) in RawCases(endpoints))
        {
            var status = await SendRawAsync(isolated.BaseAddress, raw);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"raw {name}: {status}");
            }
            else if (status == 0)
            {
                // Kestrel may drop a connection whose framing it cannot trust (no answer is not a 5xx).
                output.WriteLine($"raw {name}: connection closed without an answer");
            }
        }

        var total = statuses.Values.Sum();
        output.WriteLine($"{total} requests over {endpoints.Count} endpoints: " + string.Join(", ", statuses.Select(pair => $"{pair.Key}×{pair.Value}")));
        Assert.True(total >= 300, $"Only {total} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} requests answered 5xx (or no answer):\n" + string.Join("\n", failures.Take(60)));
    }

    private static IEnumerable<(string Name, bool SignedIn, Func<HttpRequestMessage> Build)> Cases(AppEndpoint endpoint, string token)
    {
        var method = new HttpMethod(endpoint.Method);
        var path = endpoint.Path();
        var key = endpoint.Key;

        // Tokens: none, garbled and hostile ones.
        foreach (var (name, value) in HostileAuthorizations(token))
        {
            yield return ($"{key} auth {name}", false, () => With(new HttpRequestMessage(method, path), "Authorization", value, JsonBodyFor(endpoint, "{}")));
        }

        // Bodies (sent to every method: a GET with a body must not hurt either).
        foreach (var (name, body, contentType) in HostileBodies())
        {
            yield return ($"{key} body {name}", true, () => new HttpRequestMessage(method, path) { Content = Content(body, contentType) });
        }

        // Path tricks in every parameter.
        if (endpoint.Pattern.Parameters.Count > 0)
        {
            foreach (var (name, value) in HostileSegments())
            {
                var hostile = endpoint.Path(_ => value);
                yield return ($"{key} path {name}", true, () => new HttpRequestMessage(method, new Uri(hostile, UriKind.Relative)) { Content = JsonBodyFor(endpoint, "{}") });
            }
        }

        // Query junk.
        foreach (var (name, query) in HostileQueries())
        {
            yield return ($"{key} query {name}", true, () => new HttpRequestMessage(method, path + query) { Content = JsonBodyFor(endpoint, "{}") });
        }

        // Header junk.
        foreach (var (name, header, value) in HostileHeaders())
        {
            yield return ($"{key} header {name}", true, () => With(new HttpRequestMessage(method, path), header, value, JsonBodyFor(endpoint, "{\"text\":\"x\"}")));
        }
    }

    private static IEnumerable<(string Name, string? Value)> HostileAuthorizations(string token)
    {
        var parts = token.Split('.');
        var none = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        yield return ("none", null);
        yield return ("empty bearer", "Bearer ");
        yield return ("garbage", "Bearer abc");
        yield return ("alg none", $"Bearer {none}.{parts[1]}.");
        yield return ("tampered payload", $"Bearer {parts[0]}.{Base64Url("{\"oid\":\"x\",\"scp\":\"access_as_user\",\"preferred_username\":\"finn.walsh@contoso.dev\"}")}.{parts[2]}");
        yield return ("bad base64", "Bearer %%%.###.$$$");
        yield return ("huge", "Bearer " + new string('a', 6000) + "." + new string('b', 6000) + ".c");
        yield return ("basic", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ana:secret")));
        yield return ("json header", $"Bearer {Base64Url("{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}")}.{parts[1]}.{parts[2]}");
    }

    private static IEnumerable<(string Name, string Body, string? ContentType)> HostileBodies()
    {
        const string json = "application/json";
        yield return ("truncated", "{\"peers\": [", json);
        yield return ("null", "null", json);
        yield return ("array", "[]", json);
        yield return ("string", "\"hello\"", json);
        yield return ("number", "42", json);
        yield return ("empty", string.Empty, json);
        yield return ("whitespace", "   \n ", json);
        yield return ("deep arrays", new string('[', 5000) + new string(']', 5000), json);
        yield return ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000), json);
        yield return ("wrong types", "{" + string.Join(",", BodyFields.Select((field, i) => $"\"{field}\":{WrongValue(i)}")) + "}", json);
        yield return ("nulls", "{" + string.Join(",", BodyFields.Select(field => $"\"{field}\":null")) + "}", json);
        yield return ("huge strings", "{" + string.Join(",", BodyFields.Take(3).Select(field => $"\"{field}\":\"{new string('x', 20_000)}\"")) + "}", json);
        yield return ("huge body", "{\"text\":\"" + new string('x', 300 * 1024) + "\"}", json);
        yield return ("unicode junk", "{" + string.Join(",", BodyFields.Select(field => $"\"{field}\":\"\\ud800\\u0000\\u202e\\ufeff😀 Z̷̢a̶l̸g̵o \\udfff\"")) + "}", json);
        yield return ("big numbers", "{\"durationMinutes\":1e999,\"progress\":-0,\"rating\":99999999999999999999999,\"horizonMonths\":1.5,\"count\":-2147483649}", json);
        yield return ("duplicate keys", "{\"text\":\"a\",\"text\":{\"b\":1},\"peers\":[],\"peers\":\"x\"}", json);
        yield return ("comments and trailing comma", "{/* hi */\"text\":\"a\",}", json);
        yield return ("byte order mark", "\ufeff{\"text\":\"a\"}", json);
        yield return ("invalid utf8", "{\"text\":\"\u00ff\u00fe\u00c0\"}", "application/json; latin1");
        yield return ("nested arrays in fields", "{" + string.Join(",", BodyFields.Select(field => $"\"{field}\":[[[[{{}}]]]]")) + "}", json);
        yield return ("dates of every shape", "{\"due\":\"0000-00-00\",\"targetDate\":\"9999-12-31\",\"start\":\"2026-13-45T25:61:61Z\",\"end\":\"-271821-04-20T00:00:00Z\",\"earliestStart\":\"2026-02-30\",\"firstStart\":\"\"}", json);
        yield return ("text plain", "{\"text\":\"a\"}", "text/plain");
        yield return ("form", "text=a&peers=b", "application/x-www-form-urlencoded");
        yield return ("multipart", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n", "multipart/form-data; boundary=x");
        yield return ("xml", "<text>a</text>", "application/xml");
        yield return ("no content type", "{\"text\":\"a\"}", null);
        yield return ("utf-7 charset", "{\"text\":\"a\"}", "application/json; charset=utf-7");
        yield return ("bogus charset", "{\"text\":\"a\"}", "application/json; charset=\"x\\\"y\"");
    }

    private static string WrongValue(int i) => (i % 6) switch
    {
        0 => "\"60\"",
        1 => "123",
        2 => "{}",
        3 => "[1,2]",
        4 => "true",
        _ => "-1",
    };

    private static IEnumerable<(string Name, string Value)> HostileSegments()
    {
        yield return ("dot dot", "..");
        yield return ("encoded dot dot", "%2e%2e");
        yield return ("double encoded", "%252e%252e%252fappsettings.json");
        yield return ("encoded slash", "..%2f..%2fappsettings.json");
        yield return ("backslash", "..%5c..%5cappsettings.json");
        yield return ("overlong", new string('p', 3000));
        yield return ("quotes", "p_'%22or%201=1--");
        yield return ("odata injection", "p_x')%20or%20(PartitionKey%20ne%20'");
        yield return ("nul", "p_%00");
        yield return ("unicode", "p_%C3%B1%E2%80%AE%F0%9F%98%80");
        yield return ("invalid utf8", "p_%FF%FE");
        yield return ("script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        yield return ("spaces", "%20%20");
        yield return ("semicolon", "p_1;x=y");
        yield return ("star", "*");
    }

    private static IEnumerable<(string Name, string Query)> HostileQueries()
    {
        yield return ("junk values", "?status=%00%FF&top=-1&search=%22%5C&sessionId='&from=notadate&$filter=1 eq 1");
        yield return ("repeated", "?status=open&status=done&top=1&top=2&search=a&search=b");
        yield return ("bad escapes", "?search=%&top=%zz&status=%");
        yield return ("long", "?search=" + new string('q', 3000));
        yield return ("unicode", "?search=%E2%80%AE%F0%9F%98%80%C3%B1&status=%C3%B1");
    }

    private static IEnumerable<(string Name, string Header, string Value)> HostileHeaders()
    {
        yield return ("if-match garbage", "If-Match", "garbage");
        yield return ("if-match star", "If-Match", "*");
        yield return ("if-match weak", "If-Match", "W/\"x\"");
        yield return ("if-match long", "If-Match", "\"" + new string('e', 4000) + "\"");
        yield return ("if-match many", "If-Match", string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"{i}\"")));
        yield return ("accept odd", "Accept", "application/xml;q=2, */*;q=-1");
        yield return ("method override", "X-HTTP-Method-Override", "DELETE");
        yield return ("forwarded junk", "X-Forwarded-For", "not-an-address, [::1]:x");
        yield return ("range", "Range", "bytes=999999999-1,-5,abc");
        yield return ("if-modified-since junk", "If-Modified-Since", "yesterday");
        yield return ("if-none-match junk", "If-None-Match", "\"unterminated");
    }

    /// <summary>Requests HttpClient refuses to send: header injection, framing tricks, odd request lines.</summary>
    private static IEnumerable<(string Name, string Raw)> RawCases(IReadOnlyList<AppEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints.Where(endpoint => endpoint.IsApi).Take(12))
        {
            var path = endpoint.Path();
            yield return ($"{endpoint.Key} CRLF in a header", $"{endpoint.Method} {path} HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n");
            yield return ($"{endpoint.Key} two Content-Lengths", $"{endpoint.Method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{{}}");
            yield return ($"{endpoint.Key} length and chunked", $"{endpoint.Method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            yield return ($"{endpoint.Key} broken chunks", $"{endpoint.Method} {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n");
        }

        foreach (var endpoint in endpoints.Where(endpoint => endpoint.IsApi && endpoint.Pattern.Parameters.Count > 0).Take(10))
        {
            foreach (var trick in new[] { "../../appsettings.json", "%2e%2e/%2e%2e/appsettings.json", "..%2f..%2f..%2fNightlyPreparation", "./././x" })
            {
                yield return ($"{endpoint.Key} raw path {trick}", $"{endpoint.Method} {endpoint.Path(_ => trick)} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}");
            }
        }

        yield return ("bare LF", "GET /api/client-config HTTP/1.1\nHost: x\n\n");
        yield return ("no Host", "GET /api/client-config HTTP/1.1\r\n\r\n");
        yield return ("absolute form", "GET http://evil.example/api/client-config HTTP/1.1\r\nHost: x\r\n\r\n");
        yield return ("non-ASCII target", "GET /api/pairs/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n");
        yield return ("HTTP/1.0", "GET /api/me HTTP/1.0\r\n\r\n");
        yield return ("unknown method", "BREW /api/me HTTP/1.1\r\nHost: x\r\n\r\n");
        yield return ("header without colon", "GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization Bearer x\r\n\r\n");
        yield return ("space before colon", "GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer x\r\n\r\n");
        yield return ("NUL in header", "GET /api/me HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n");
        yield return ("obsolete line folding", "GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n x\r\n\r\n");
        yield return ("giant header", "GET /api/me HTTP/1.1\r\nHost: x\r\nX-A: " + new string('a', 64 * 1024) + "\r\n\r\n");
        yield return ("giant request line", "GET /api/" + new string('a', 16 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        yield return ("negative length", "POST /api/pairs HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
        yield return ("huge length", "POST /api/pairs HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n");
        yield return ("asterisk target", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
        yield return ("encoded target to internal function", "POST /api/..%2FNightlyPreparation HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    }

    private static async Task<int> SendRawAsync(Uri server, string raw)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        // A request Kestrel still waits on (its body never comes) counts as unanswered after a while.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(raw), patience.Token);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            var statusLine = await reader.ReadLineAsync(patience.Token);
            var parts = statusLine?.Split(' ');
            return parts is { Length: > 1 } && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 0;
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            return 0;
        }
    }

    private static HttpRequestMessage With(HttpRequestMessage request, string header, string? value, HttpContent? content)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        request.Content = content;
        return request;
    }

    private static ByteArrayContent? JsonBodyFor(AppEndpoint endpoint, string json) => endpoint.HasBody ? Content(json, "application/json") : null;

    private static ByteArrayContent Content(string body, string? contentType)
    {
        // "; latin1" marks a body sent as Latin-1 bytes: invalid UTF-8 on the wire.
        var latin1 = contentType?.EndsWith("; latin1", StringComparison.Ordinal) == true;
        var content = new ByteArrayContent(latin1 ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", latin1 ? contentType[..^"; latin1".Length] : contentType);
        }

        return content;
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
