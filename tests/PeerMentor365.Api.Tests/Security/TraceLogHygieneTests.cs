using System.Net;
using System.Text;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>
/// A realistic session with every log category at Trace (as someone chasing a problem would set it): no token
/// (nor any part of one), no personal text and no mail address reaches the log.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class TraceLogHygieneTests(ApiApplication app)
{
    private static readonly string[] Categories =
    [
        "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.Hosting.Lifetime",
        "System.Net.Http.HttpClient", "PeerMentor365", "PeerMentor365.DevTenant", "Azure", "Microsoft.Identity", "Microsoft.IdentityModel",
    ];

    [Fact]
    public async Task A_whole_session_at_trace_level_logs_no_token_personal_text_or_mail_address()
    {
        var settings = ApiApplication.WithStorage(ApiApplication.SettingsFor(app.DevTenant), app.Azurite);
        foreach (var category in Categories)
        {
            settings[$"Logging:LogLevel:{category}"] = "Trace";
        }

        using var api = new ApiFactory(settings);
        using var ana = new Member(api, app.DevTenant, Member.Ana);
        using var ben = new Member(api, app.DevTenant, Member.Ben);
        var tokens = new[] { Token(ana), Token(ben) };

        var agreement = Member.Agreement("Marmotpurpose grow as leads");
        agreement["confidentiality"] = "Marmotsecret stays here";
        var proposed = await ana.ProposeAsync([Member.Ben], agreement);
        var pair = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(proposed)}/accept", null, Member.EtagOf(proposed));
        var path = $"/api/pairs/{Member.IdOf(pair)}";
        var goal = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/goals", new { title = "Marmotgoal lead a retro", measure = "Marmotmeasure two retros", targetDate = Member.Date(30) });
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/goals/{Member.IdOf(goal)}", new { progress = 40, measure = "Marmotmeasure three retros" }, Member.EtagOf(goal));
        var commitment = await ana.AddCommitmentAsync(pair, new { text = "Marmotcommitment send the reading list", due = Member.Date(3) });
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(commitment)}", new { text = "Marmotedit send two lists" }, Member.EtagOf(commitment));
        await ben.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{path}/commitments", new { text = "Marmottoolong " + new string('x', 3000) });
        await ana.GetAsync($"{path}/commitments?status=all");
        var session = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(-1, 15), end = Member.At(-1, 16) });
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{path}/sessions/{Member.IdOf(session)}/rating", new { rating = 5, privateNote = "Marmotprivate note about Ben" });
        await ana.GetAsync("/api/me");
        await ana.GetAsync("/api/people?search=Marmotsearch");
        using (var suggestions = await ana.SendAsync(HttpMethod.Post, "/api/suggestions", new { peers = new[] { Member.Ben }, durationMinutes = 45 }))
        {
            Assert.Equal(HttpStatusCode.OK, suggestions.StatusCode);
        }

        using (var malformed = await ana.Http.PostAsync($"{path}/commitments", new StringContent("{\"text\":\"Marmotmalformed", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        using (var refused = new HttpClient { BaseAddress = api.BaseAddress })
        {
            refused.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + tokens[0][..^5] + "AAAAA");
            using var response = await refused.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/close", new { note = "Marmotfarewell thanks" }, Member.EtagOf(await ben.GetAsync(path)));

        var lines = api.Logs.Lines;
        Assert.Contains(lines, line => line.StartsWith("Trace ", StringComparison.Ordinal) || line.StartsWith("Debug ", StringComparison.Ordinal));
        var secrets = new List<string> { "Marmot", "eyJ", Member.Ana, Member.Ben, "ana.souza", "ben.carter" };
        foreach (var token in tokens)
        {
            secrets.AddRange(token.Split('.').Where(part => part.Length > 0));
        }

        var leaks = lines
            .SelectMany(line => secrets.Where(secret => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(secret => $"[{Show(secret)}] {Shorten(line)}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines carry a secret:\n" + string.Join("\n", leaks.Take(30)));
    }

    private static string Token(Member member) => member.Http.DefaultRequestHeaders.Authorization!.Parameter!;

    private static string Show(string secret) => secret.Length > 12 ? secret[..12] + "…" : secret;

    private static string Shorten(string line) => line.Length > 400 ? line[..400] + "…" : line;
}
