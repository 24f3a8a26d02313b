using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>
/// Bad input to every kind of change is a problem+json 4xx naming the field (or the header), and writes nothing:
/// the pair and everything in it read back exactly as before, etags included.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class BadInputTests(ApiApplication app)
{
    private static readonly string TenThousand = new('x', 10_000);

    private static readonly Dictionary<string, Case> Cases = new Case[]
    {
        // Proposals
        new("malformed JSON", s => (HttpMethod.Post, "/api/pairs", new RawJson("{\"peers\": [\"ben.carter@contoso.dev\""), null), HttpStatusCode.BadRequest, "body"),
        new("a JSON array instead of an object", s => (HttpMethod.Post, "/api/pairs", new RawJson("[]"), null), HttpStatusCode.BadRequest, "body"),
        new("an empty body", s => (HttpMethod.Post, "/api/pairs", new RawJson(""), null), HttpStatusCode.BadRequest, "body"),
        new("peers as a string", s => (HttpMethod.Post, "/api/pairs", new { peers = Member.Ben, agreement = Member.Agreement() }, null), HttpStatusCode.BadRequest, "peers"),
        new("no peers", s => (HttpMethod.Post, "/api/pairs", new { peers = Array.Empty<string>(), agreement = Member.Agreement() }, null), HttpStatusCode.BadRequest, "peers"),
        new("a fifth member", s => (HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben, Member.Chloe, Member.Dev, Member.Emma }, agreement = Member.Agreement() }, null), HttpStatusCode.BadRequest, "peers"),
        new("a peer twice", s => (HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben, "BEN.CARTER@contoso.dev" }, agreement = Member.Agreement() }, null), HttpStatusCode.BadRequest, "peers"),
        new("an unknown peer", s => (HttpMethod.Post, "/api/pairs", new { peers = new[] { "nobody@contoso.dev" }, agreement = Member.Agreement() }, null), HttpStatusCode.BadRequest, "peers"),
        new("no agreement", s => (HttpMethod.Post, "/api/pairs", new { peers = new[] { Member.Ben } }, null), HttpStatusCode.BadRequest, "agreement"),
        new("an empty purpose", s => (HttpMethod.Post, "/api/pairs", Proposal("purpose", "  "), null), HttpStatusCode.BadRequest, "agreement.purpose"),
        new("a 10,000-character purpose", s => (HttpMethod.Post, "/api/pairs", Proposal("purpose", TenThousand), null), HttpStatusCode.BadRequest, "agreement.purpose"),
        new("a duration as a string", s => (HttpMethod.Post, "/api/pairs", Proposal("durationMinutes", "60"), null), HttpStatusCode.BadRequest, "agreement.durationMinutes"),
        new("a duration off the 5-minute grid", s => (HttpMethod.Post, "/api/pairs", Proposal("durationMinutes", 61), null), HttpStatusCode.BadRequest, "agreement.durationMinutes"),
        new("an unknown cadence", s => (HttpMethod.Post, "/api/pairs", Proposal("cadence", "daily"), null), HttpStatusCode.BadRequest, "agreement.cadence"),
        new("a start in 1900", s => (HttpMethod.Post, "/api/pairs", Proposal("startDate", "1900-01-01"), null), HttpStatusCode.BadRequest, "agreement.startDate"),
        new("an end before the start", s => (HttpMethod.Post, "/api/pairs", Proposal("plannedEndDate", Member.Date(1)), null), HttpStatusCode.BadRequest, "agreement.plannedEndDate"),
        new("an end over two years after the start", s => (HttpMethod.Post, "/api/pairs", Proposal("plannedEndDate", Member.Date(7 + 800)), null), HttpStatusCode.BadRequest, "agreement.plannedEndDate"),

        // Agreement and status changes
        new("an agreement change without If-Match", s => (HttpMethod.Put, $"{s.Pair}/agreement", Member.Agreement("New"), null), HttpStatusCode.PreconditionRequired, null),
        new("an agreement change with a malformed If-Match", s => (HttpMethod.Put, $"{s.Pair}/agreement", Member.Agreement("New"), "\"not-ours\""), HttpStatusCode.BadRequest, "If-Match"),
        new("an agreement change with If-Match *", s => (HttpMethod.Put, $"{s.Pair}/agreement", Member.Agreement("New"), "*"), HttpStatusCode.BadRequest, "If-Match"),
        new("an agreement change with a stale If-Match", s => (HttpMethod.Put, $"{s.Pair}/agreement", Member.Agreement("New"), s.StalePairEtag), HttpStatusCode.PreconditionFailed, null),
        new("an agreement with a 10,000-character confidentiality", s => (HttpMethod.Put, $"{s.Pair}/agreement", With(Member.Agreement(), "confidentiality", TenThousand), s.PairEtag), HttpStatusCode.BadRequest, "confidentiality"),
        new("an agreement with a wrong type", s => (HttpMethod.Put, $"{s.Pair}/agreement", With(Member.Agreement(), "purpose", 42), s.PairEtag), HttpStatusCode.BadRequest, "purpose"),
        new("a pause with a stale If-Match", s => (HttpMethod.Post, $"{s.Pair}/pause", null, s.StalePairEtag), HttpStatusCode.PreconditionFailed, null),
        new("a close with a 10,000-character note", s => (HttpMethod.Post, $"{s.Pair}/close", new { note = TenThousand }, s.PairEtag), HttpStatusCode.BadRequest, "note"),
        new("an accept on an unknown pair", s => (HttpMethod.Post, "/api/pairs/p_0000000000000000/accept", null, s.PairEtag), HttpStatusCode.NotFound, null),

        // Goals
        new("a goal without a title", s => (HttpMethod.Post, $"{s.Pair}/goals", new { title = "", measure = "m", targetDate = Member.Date(30) }, null), HttpStatusCode.BadRequest, "title"),
        new("a goal with a 10,000-character title", s => (HttpMethod.Post, $"{s.Pair}/goals", new { title = TenThousand, measure = "m", targetDate = Member.Date(30) }, null), HttpStatusCode.BadRequest, "title"),
        new("a goal due in 1900", s => (HttpMethod.Post, $"{s.Pair}/goals", new { title = "t", measure = "m", targetDate = "1900-06-01" }, null), HttpStatusCode.BadRequest, "targetDate"),
        new("a goal with a numeric measure", s => (HttpMethod.Post, $"{s.Pair}/goals", new { title = "t", measure = 3, targetDate = Member.Date(30) }, null), HttpStatusCode.BadRequest, "measure"),
        new("progress over 100", s => (HttpMethod.Patch, s.Goal, new { progress = 101 }, s.GoalEtag), HttpStatusCode.BadRequest, "progress"),
        new("progress as a string", s => (HttpMethod.Patch, s.Goal, new { progress = "50" }, s.GoalEtag), HttpStatusCode.BadRequest, "progress"),
        new("an unknown goal status", s => (HttpMethod.Patch, s.Goal, new { status = "done" }, s.GoalEtag), HttpStatusCode.BadRequest, "status"),
        new("a null goal title", s => (HttpMethod.Patch, s.Goal, new RawJson("{\"title\": null}"), s.GoalEtag), HttpStatusCode.BadRequest, "title"),
        new("an empty goal patch", s => (HttpMethod.Patch, s.Goal, new { }, s.GoalEtag), HttpStatusCode.BadRequest, "body"),
        new("a goal patch without If-Match", s => (HttpMethod.Patch, s.Goal, new { progress = 10 }, null), HttpStatusCode.PreconditionRequired, null),

        // Commitments
        new("an empty commitment", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "" }, null), HttpStatusCode.BadRequest, "text"),
        new("a blank commitment", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = " \n\t " }, null), HttpStatusCode.BadRequest, "text"),
        new("a 10,000-character commitment", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = TenThousand }, null), HttpStatusCode.BadRequest, "text"),
        new("a commitment with a control character", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "Send\u0000it" }, null), HttpStatusCode.BadRequest, "text"),
        new("a commitment due in 1900", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "Write it", due = "1900-01-01" }, null), HttpStatusCode.BadRequest, "due"),
        new("a commitment due on a date that does not exist", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "Write it", due = "2027-02-30" }, null), HttpStatusCode.BadRequest, "due"),
        new("a commitment due as a number", s => (HttpMethod.Post, $"{s.Pair}/commitments", new RawJson("{\"text\": \"Write it\", \"due\": 20270101}"), null), HttpStatusCode.BadRequest, "due"),
        new("a commitment for someone outside the pair", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "Write it", ownerId = s.OutsiderId }, null), HttpStatusCode.BadRequest, "ownerId"),
        new("a commitment from an unknown session", s => (HttpMethod.Post, $"{s.Pair}/commitments", new { text = "Write it", sessionId = "s_0000000000000000" }, null), HttpStatusCode.BadRequest, "sessionId"),
        new("a commitment in an unknown pair", s => (HttpMethod.Post, "/api/pairs/p_0000000000000000/commitments", new { text = "Write it" }, null), HttpStatusCode.NotFound, null),
        new("a commitment change with a stale If-Match", s => (HttpMethod.Patch, s.Commitment, new { text = "Mine wins" }, s.StaleCommitmentEtag), HttpStatusCode.PreconditionFailed, null),
        new("a commitment change with a malformed If-Match", s => (HttpMethod.Patch, s.Commitment, new { text = "Mine wins" }, "W/\"%%%\""), HttpStatusCode.BadRequest, "If-Match"),
        new("a commitment change without If-Match", s => (HttpMethod.Patch, s.Commitment, new { text = "Mine wins" }, null), HttpStatusCode.PreconditionRequired, null),
        new("a commitment moved to 1900", s => (HttpMethod.Patch, s.Commitment, new { due = "1900-01-01" }, s.CommitmentEtag), HttpStatusCode.BadRequest, "due"),
        new("a commitment with an unknown status", s => (HttpMethod.Patch, s.Commitment, new { status = "finished" }, s.CommitmentEtag), HttpStatusCode.BadRequest, "status"),
        new("an unknown commitment", s => (HttpMethod.Patch, $"{s.Pair}/commitments/c_0000000000000000", new { text = "x" }, s.CommitmentEtag), HttpStatusCode.NotFound, null),
        new("a list of an unknown status", s => (HttpMethod.Get, $"{s.Pair}/commitments?status=closed", null, null), HttpStatusCode.BadRequest, "status"),

        // Sessions
        new("a session ending before it starts", s => (HttpMethod.Post, $"{s.Pair}/sessions", new { start = Member.At(3, 15), end = Member.At(3, 14) }, null), HttpStatusCode.BadRequest, "end"),
        new("a session start that is not a time", s => (HttpMethod.Post, $"{s.Pair}/sessions", new { start = "tomorrow", end = Member.At(3, 14) }, null), HttpStatusCode.BadRequest, "start"),
        new("a session in 1900", s => (HttpMethod.Post, $"{s.Pair}/sessions", new { start = "1900-01-01T10:00:00Z", end = "1900-01-01T11:00:00Z" }, null), HttpStatusCode.BadRequest, "start"),
        new("a rating of 0", s => (HttpMethod.Put, $"{s.Session}/rating", new { rating = 0 }, null), HttpStatusCode.BadRequest, "rating"),
        new("a rating of 6", s => (HttpMethod.Put, $"{s.Session}/rating", new { rating = 6 }, null), HttpStatusCode.BadRequest, "rating"),
        new("a rating as a string", s => (HttpMethod.Put, $"{s.Session}/rating", new { rating = "5" }, null), HttpStatusCode.BadRequest, "rating"),
        new("a 10,000-character private note", s => (HttpMethod.Put, $"{s.Session}/rating", new { rating = 4, privateNote = TenThousand }, null), HttpStatusCode.BadRequest, "privateNote"),
        new("a rating of an unknown session", s => (HttpMethod.Put, $"{s.Pair}/sessions/s_0000000000000000/rating", new { rating = 4 }, null), HttpStatusCode.NotFound, null),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_writes_nothing(string name)
    {
        var @case = Cases[name];
        using var ana = new Member(app, Member.Ana);
        using var ben = new Member(app, Member.Ben);
        var scenario = await Scenario.CreateAsync(ana, ben, app.DevTenant.Users.Single(user => user.Mail == Member.Finn).Id);
        var before = await scenario.SnapshotAsync(ana);

        var (method, path, body, ifMatch) = @case.Request(scenario);
        using var response = await ana.SendAsync(method, path, body, ifMatch);

        if (@case.Field is { } field)
        {
            await ProblemAssert.IsValidationProblemAsync(response, field);
        }
        else
        {
            await ProblemAssert.IsProblemAsync(response, @case.Status);
        }

        Assert.Equal(before, await scenario.SnapshotAsync(ana));
    }

    private static Dictionary<string, object?> Proposal(string field, object? value) => new()
    {
        ["peers"] = new[] { Member.Ben },
        ["agreement"] = With(Member.Agreement(), field, value),
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string field, object? value)
    {
        body[field] = value;
        return body;
    }

    private sealed record Case(
        string Name,
        Func<Scenario, (HttpMethod Method, string Path, object? Body, string? IfMatch)> Request,
        HttpStatusCode Status,
        string? Field);

    /// <summary>An active pair of Ana and Ben with a goal, a commitment and a session; the pair and commitment changed once (so an older etag is stale).</summary>
    private sealed record Scenario(
        string Pair,
        string PairEtag,
        string StalePairEtag,
        string Goal,
        string GoalEtag,
        string Commitment,
        string CommitmentEtag,
        string StaleCommitmentEtag,
        string Session,
        string OutsiderId)
    {
        public static async Task<Scenario> CreateAsync(Member ana, Member ben, string outsiderId)
        {
            var proposed = await ana.ProposeAsync([Member.Ben]);
            var pair = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/pairs/{Member.IdOf(proposed)}/accept", null, Member.EtagOf(proposed));
            var path = $"/api/pairs/{Member.IdOf(pair)}";
            var goal = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/goals", new { title = "Coach a peer", measure = "Six sessions", targetDate = Member.Date(60) });
            var first = await ana.AddCommitmentAsync(pair, new { text = "Send the reading list", due = Member.Date(4) });
            var commitment = await ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/commitments/{Member.IdOf(first)}", new { due = Member.Date(5) }, Member.EtagOf(first));
            var session = await ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{path}/sessions", new { start = Member.At(-1, 15), end = Member.At(-1, 16) });
            return new Scenario(
                path,
                Member.EtagOf(pair),
                Member.EtagOf(proposed),
                $"{path}/goals/{Member.IdOf(goal)}",
                Member.EtagOf(goal),
                $"{path}/commitments/{Member.IdOf(commitment)}",
                Member.EtagOf(commitment),
                Member.EtagOf(first),
                $"{path}/sessions/{Member.IdOf(session)}",
                outsiderId);
        }

        /// <summary>Ana's pairs and everything in this pair as she reads it, etags included.</summary>
        public async Task<string> SnapshotAsync(Member reader)
        {
            var parts = new List<string>();
            foreach (var part in new[] { "/api/pairs", Pair, $"{Pair}/goals", $"{Pair}/commitments?status=all", $"{Pair}/sessions" })
            {
                parts.Add((await reader.GetAsync(part)).GetRawText());
            }

            return string.Join("\n", parts);
        }
    }
}
