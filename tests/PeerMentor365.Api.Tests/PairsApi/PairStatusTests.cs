using NodaTime;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.Tests.PairsApi;

/// <summary>The pair's status machine, over every sequence of up to five actions by a group of three.</summary>
public sealed class PairStatusTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 22, 10, 0);

    private static readonly (string Name, Func<Pair, Instant, PairChange> Act)[] Actions =
    [
        ("accept a", (pair, now) => pair.Accept("a", now)),
        ("accept b", (pair, now) => pair.Accept("b", now)),
        ("accept c", (pair, now) => pair.Accept("c", now)),
        ("pause", (pair, now) => pair.Pause(now)),
        ("resume", (pair, now) => pair.Resume(now)),
        ("close", (pair, now) => pair.Close("b", "no fault", now)),
        ("b edits", (pair, now) => pair.ChangeAgreement("b", pair.Agreement with { Purpose = pair.Agreement.Purpose + "!" }, now)),
    ];

    [Fact]
    public void Every_sequence_keeps_the_rules()
    {
        var checkedStates = 0;
        foreach (var sequence in Sequences(5))
        {
            var pair = NewPair();
            var now = Start;
            foreach (var index in sequence)
            {
                now += Duration.FromMinutes(1);
                var (name, act) = Actions[index];
                var change = act(pair, now);
                var path = string.Join(", ", sequence.Select(i => Actions[i].Name));
                if (pair.Status == PairStatus.Closed)
                {
                    Assert.True(change.Refusal is not null, $"closed is final, yet '{name}' was allowed after: {path}");
                    continue;
                }

                if (change.Refusal is not null)
                {
                    continue;
                }

                var next = change.Changed!;
                Assert.True(change.Fields.Count == 0 == (next == pair), $"'{name}' reported fields [{string.Join(",", change.Fields)}] but the change was {(next == pair ? "none" : "real")}: {path}");
                pair = next;
                var allAccepted = pair.Members.All(member => member.AcceptedAt is not null);
                Assert.False(pair.Status == PairStatus.Active && !allAccepted, $"active without everyone's acceptance: {path}");
                Assert.False(pair.Status == PairStatus.Proposed && allAccepted, $"proposed although everyone accepted: {path}");
                Assert.Equal(pair.Status == PairStatus.Closed, pair.ClosedAt is not null);
                checkedStates++;
            }
        }

        Assert.True(checkedStates > 10_000);
    }

    [Fact]
    public void Resume_after_an_edit_during_a_pause_waits_for_acceptance_again()
    {
        var pair = NewPair();
        pair = pair.Accept("b", Start).Changed!.Accept("c", Start).Changed!;
        pair = pair.Pause(Start).Changed!;
        pair = pair.ChangeAgreement("c", pair.Agreement with { DurationMinutes = 45 }, Start).Changed!;

        var resumed = pair.Resume(Start).Changed!;

        Assert.Equal(PairStatus.Paused, pair.Status);
        Assert.Equal(PairStatus.Proposed, resumed.Status);
        Assert.Equal([false, false, true], resumed.Members.Select(member => member.AcceptedAt is not null));
    }

    private static Pair NewPair() => Pair.Propose(
        "p_0000000000000000",
        new PairMember("a", "a@x.test", "A", null),
        [new PairMember("b", "b@x.test", "B", null), new PairMember("c", "c@x.test", "C", null)],
        new Agreement("Grow", Cadence.EveryWeeks(2), 60, "Between us", "", new LocalDate(2026, 12, 1), new LocalDate(2027, 6, 1)),
        Start);

    private static IEnumerable<int[]> Sequences(int length)
    {
        if (length == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var shorter in Sequences(length - 1))
        {
            for (var action = 0; action < Actions.Length; action++)
            {
                yield return [.. shorter, action];
            }
        }
    }
}
