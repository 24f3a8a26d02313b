using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>Personal text (agreement prose, goals, commitments, notes) and tokens never reach the log.</summary>
[Collection(SharedApi.Name)]
public sealed class PairsLogHygieneTests(ApiApplication app)
{
    [Fact]
    public async Task Nothing_personal_is_logged_on_the_way_through_every_kind_of_write_and_error()
    {
        using var ana = new Member(app, Member.Ana);
        using var ben = new Member(app, Member.Ben);
        var agreement = Member.Agreement("Zebrafinch purpose");
        agreement["confidentiality"] = "Okapi confidentiality";
        var proposed = await ana.ProposeAsync([Member.Ben], agreement);
        var pair = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(proposed)}/accept", null, Member.EtagOf(proposed));
        var path = $"/api/pairs/{Member.IdOf(pair)}";
        await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/goals", new { title = "Axolotl goal", measure = "Pangolin measure", targetDate = Member.Date(40) });
        var commitment = await ana.AddCommitmentAsync(pair, new { text = "Quokka commitment" });
        await ben.ExpectAsync(HttpStatusCode.PreconditionFailed, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(commitment)}", new { text = "Wombat edit" }, Member.EtagOf(proposed));
        await ben.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(commitment)}", new { text = "Tapir " + new string('x', 2000) }, Member.EtagOf(commitment));
        var session = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(-1, 9), end = Member.At(-1, 10) });
        await ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{path}/sessions/{Member.IdOf(session)}/rating", new { rating = 2, privateNote = "Narwhal note" });
        await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/close", new { note = "Capybara farewell" }, Member.EtagOf(pair));

        var log = string.Join("\n", app.Api.Logs.Lines);
        foreach (var secret in new[] { "Zebrafinch", "Okapi", "Axolotl", "Pangolin", "Quokka", "Wombat", "Tapir", "Narwhal", "Capybara", "eyJ" })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
