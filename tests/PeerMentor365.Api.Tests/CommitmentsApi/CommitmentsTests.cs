using System.Net;
using System.Text.Json;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.CommitmentsApi;

/// <summary>Commitments: add, list by status, complete, drop, reopen, edit; any member may edit; overdue marked.</summary>
[Collection(SharedApi.Name)]
public sealed class CommitmentsTests(ApiApplication app) : IDisposable
{
    private readonly Member _ana = new(app, Member.Ana);
    private readonly Member _ben = new(app, Member.Ben);

    [Fact]
    public async Task A_commitment_is_mine_by_default_open_and_listed_among_the_open_ones()
    {
        var pair = await _ana.ActivePairAsync(_ben);

        var added = await _ana.AddCommitmentAsync(pair, new { text = "Send Ben the RFC draft", due = Member.Date(7) });
        var forBen = await _ana.AddCommitmentAsync(pair, new { text = "Share the interview rubric", due = Member.Date(3), ownerId = _ben.Id });
        var open = (await _ben.GetAsync($"/api/pairs/{Member.IdOf(pair)}/commitments")).GetProperty("commitments").EnumerateArray().ToList();

        Assert.Matches("^c_", Member.IdOf(added));
        Assert.Equal(_ana.Id, added.GetProperty("ownerId").GetString());
        Assert.Equal("open", added.GetProperty("status").GetString());
        Assert.False(added.GetProperty("overdue").GetBoolean());
        Assert.Equal(Member.Date(7), added.GetProperty("due").GetString());
        Assert.Equal(JsonValueKind.Null, added.GetProperty("closedAt").ValueKind);
        Assert.Equal(_ben.Id, forBen.GetProperty("ownerId").GetString());
        Assert.Equal([Member.IdOf(forBen), Member.IdOf(added)], open.Select(Member.IdOf)); // by due date
    }

    [Fact]
    public async Task Completing_and_dropping_move_commitments_out_of_the_open_list_and_reopening_brings_them_back()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var path = $"/api/pairs/{Member.IdOf(pair)}/commitments";
        var first = await _ana.AddCommitmentAsync(pair, new { text = "Read the postmortem", due = Member.Date(5) });
        var second = await _ana.AddCommitmentAsync(pair, new { text = "Book a room", due = Member.Date(6) });

        var done = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/{Member.IdOf(first)}", new { status = "done" }, Member.EtagOf(first));
        var dropped = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/{Member.IdOf(second)}", new { status = "dropped" }, Member.EtagOf(second));

        Assert.Equal(JsonValueKind.String, done.GetProperty("closedAt").ValueKind);
        Assert.Empty((await _ana.GetAsync(path)).GetProperty("commitments").EnumerateArray());
        Assert.Equal([Member.IdOf(first)], (await _ana.GetAsync($"{path}?status=done")).GetProperty("commitments").EnumerateArray().Select(Member.IdOf));
        Assert.Equal([Member.IdOf(second)], (await _ana.GetAsync($"{path}?status=dropped")).GetProperty("commitments").EnumerateArray().Select(Member.IdOf));
        Assert.Equal(2, (await _ana.GetAsync($"{path}?status=all")).GetProperty("commitments").GetArrayLength());

        var reopened = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{path}/{Member.IdOf(dropped)}", new { status = "open", text = "Book a bigger room" }, Member.EtagOf(dropped));
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("closedAt").ValueKind);
        Assert.Equal("Book a bigger room", reopened.GetProperty("text").GetString());
        Assert.Equal([Member.IdOf(second)], (await _ana.GetAsync(path)).GetProperty("commitments").EnumerateArray().Select(Member.IdOf));
    }

    [Fact]
    public async Task A_commitment_past_its_due_date_is_marked_overdue_until_it_is_done()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var late = await _ana.AddCommitmentAsync(pair, new { text = "Send the retro notes", due = Member.Date(-3) });

        var done = await _ben.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{Member.IdOf(pair)}/commitments/{Member.IdOf(late)}", new { status = "done" }, Member.EtagOf(late));

        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.False(done.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Commitments_made_or_closed_in_a_session_are_that_sessions_items()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var session = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/sessions", new { start = Member.At(9, 15), end = Member.At(9, 16) });
        var made = await _ana.AddCommitmentAsync(pair, new { text = "Draft the onboarding plan", due = Member.Date(10), sessionId = Member.IdOf(session) });
        var earlier = await _ben.AddCommitmentAsync(pair, new { text = "Try pairing twice", due = Member.Date(2) });
        var unrelated = await _ben.AddCommitmentAsync(pair, new { text = "Unrelated", due = Member.Date(2) });
        var closed = await _ana.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/pairs/{Member.IdOf(pair)}/commitments/{Member.IdOf(earlier)}", new { status = "done", sessionId = Member.IdOf(session) }, Member.EtagOf(earlier));

        var items = (await _ana.GetAsync($"/api/pairs/{Member.IdOf(pair)}/commitments?status=all&sessionId={Member.IdOf(session)}")).GetProperty("commitments").EnumerateArray().Select(Member.IdOf).ToHashSet();

        Assert.Equal(Member.IdOf(session), made.GetProperty("createdInSession").GetString());
        Assert.Equal(Member.IdOf(session), closed.GetProperty("closedInSession").GetString());
        Assert.Equal(new HashSet<string> { Member.IdOf(made), Member.IdOf(earlier) }, items);
        Assert.DoesNotContain(Member.IdOf(unrelated), items);
    }

    [Fact]
    public async Task A_closing_session_on_an_open_commitment_is_a_400_naming_sessionId()
    {
        var pair = await _ana.ActivePairAsync(_ben);
        var session = await _ana.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/pairs/{Member.IdOf(pair)}/sessions", new { start = Member.At(10, 15), end = Member.At(10, 16) });
        var commitment = await _ana.AddCommitmentAsync(pair, new { text = "Ask for feedback", due = Member.Date(4) });

        using var response = await _ana.SendAsync(HttpMethod.Patch, $"/api/pairs/{Member.IdOf(pair)}/commitments/{Member.IdOf(commitment)}", new { sessionId = Member.IdOf(session) }, Member.EtagOf(commitment));

        await ProblemAssert.IsValidationProblemAsync(response, "sessionId");
    }

    public void Dispose()
    {
        _ana.Dispose();
        _ben.Dispose();
    }
}
