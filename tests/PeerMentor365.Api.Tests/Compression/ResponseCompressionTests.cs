using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using PeerMentor365.Api.Compression;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;
using PeerMentor365.Api.Tests.Security;

namespace PeerMentor365.Api.Tests.Compression;

/// <summary>
/// Answers are compressed with Brotli or gzip as the client accepts, and decompress to exactly the answer; those that
/// hold a secret beside someone else's text (BREACH, docs/security.md) never are.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class ResponseCompressionTests(ApiApplication app) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_json_answer_is_compressed_as_accepted_and_decompresses_to_the_same_json(string encoding)
    {
        var plain = await _ana.GetAsync("/api/me");

        using var response = await SendAsync(_ana, HttpMethod.Get, "/api/me", encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var json = Decompress(compressed, encoding);
        Assert.Equal(plain.GetRawText(), JsonDocument.Parse(json).RootElement.GetRawText());
        Assert.Equal(Member.Ana, JsonDocument.Parse(json).RootElement.GetProperty("mail").GetString());
    }

    [Fact]
    public async Task A_suggestion_answer_shrinks_severalfold_with_brotli()
    {
        var body = new { peers = new[] { Member.Ben }, durationMinutes = 60, cadence = "every2Weeks", horizonMonths = 6, earliestStart = Member.Date(2) };

        using var response = await SendAsync(_ana, HttpMethod.Post, "/api/suggestions", "br", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var json = Decompress(compressed, "br");
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("suggestions")[0].GetProperty("rank").GetInt32());
        Assert.True(compressed.Length * 3 < Encoding.UTF8.GetByteCount(json), $"{compressed.Length} bytes compressed from {Encoding.UTF8.GetByteCount(json)}");
    }

    [Fact]
    public async Task A_problem_answer_is_compressed_too()
    {
        using var response = await SendAsync(_ana, HttpMethod.Post, "/api/suggestions", "gzip", new { peers = Array.Empty<string>(), durationMinutes = 7 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(Decompress(await response.Content.ReadAsByteArrayAsync(), "gzip")).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task Without_accept_encoding_nothing_is_compressed()
    {
        using var response = await SendAsync(_ana, HttpMethod.Get, "/api/me", encoding: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(Member.Ana, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("mail").GetString());
    }

    [Fact]
    public async Task Answers_with_private_notes_or_several_pairs_are_never_compressed()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var pairId = Member.IdOf(pair);
        var session = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{pairId}/sessions", new { start = Member.At(-1, 10), end = Member.At(-1, 11) });
        var sessionPath = $"/api/pairs/{pairId}/sessions/{Member.IdOf(session)}";
        await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{sessionPath}/rating", new { rating = 4, privateNote = "Ben was late again, again, again" });

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"{sessionPath}/agenda", null),
            (HttpMethod.Get, $"/api/pairs/{pairId}/sessions", null),
            (HttpMethod.Put, $"{sessionPath}/rating", new { rating = 4, privateNote = "Ben was late again, again, again" }),
            (HttpMethod.Get, "/api/pairs", null),
        })
        {
            using var response = await SendAsync(_ana, method, path, "br, gzip", body);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
            Assert.Empty(response.Content.Headers.ContentEncoding);
            JsonDocument.Parse(text).Dispose();
        }

        // The pair itself (one pair, all of it readable by every member) is compressed.
        using var one = await SendAsync(_ana, HttpMethod.Get, $"/api/pairs/{pairId}", "br");
        Assert.Equal(["br"], one.Content.Headers.ContentEncoding);
    }

    [Fact]
    public void Every_endpoint_that_can_answer_a_private_note_is_marked_uncompressed()
    {
        var endpoints = AppEndpoint.Of(app.Api.Services);
        var withNotes = endpoints.Where(endpoint => endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Any(produces => produces.Type is { } type && Holds(type, typeof(RatingResponse), []))).ToList();

        Assert.NotEmpty(withNotes);
        Assert.All(withNotes, endpoint => Assert.NotNull(endpoint.Metadata.GetMetadata<UncompressedAnswer>()));
        Assert.Equal(
            ["GET /api/pairs", "GET /api/pairs/{pairId}/sessions", "GET /api/pairs/{pairId}/sessions/{sessionId}/agenda", "POST /api/pairs/{pairId}/sessions", "PUT /api/pairs/{pairId}/sessions/{sessionId}/rating"],
            endpoints.Where(endpoint => endpoint.Metadata.GetMetadata<UncompressedAnswer>() is not null).Select(endpoint => endpoint.Key));
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
    }

    private static async Task<HttpResponseMessage> SendAsync(Member who, HttpMethod method, string path, string? encoding, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        }

        return await who.Http.SendAsync(request);
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decompressing = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressing, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Whether a response type holds the wanted type in any property, list item or nested record.
    private static bool Holds(Type type, Type wanted, HashSet<Type> seen)
    {
        if (type == wanted)
        {
            return true;
        }

        if (type.IsPrimitive || type == typeof(string) || !seen.Add(type))
        {
            return false;
        }

        var element = type.IsGenericType ? type.GetGenericArguments() : [];
        return element.Any(argument => Holds(argument, wanted, seen))
            || type.GetProperties().Any(property => Holds(property.PropertyType, wanted, seen));
    }
}
