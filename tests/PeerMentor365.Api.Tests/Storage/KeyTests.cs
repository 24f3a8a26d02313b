using NodaTime;
using PeerMentor365.Api.Storage;

namespace PeerMentor365.Api.Tests.Storage;

/// <summary>Ids and keys: safe characters, fixed length, latest first in table order.</summary>
public sealed class KeyTests
{
    [Fact]
    public void Later_ids_sort_first_and_have_only_safe_characters()
    {
        var start = Instant.FromUtc(2026, 11, 22, 10, 0);
        var ids = Enumerable.Range(0, 200).Select(minute => Ids.NewestFirst(Ids.Commitment, start + Duration.FromMinutes(minute))).ToList();

        Assert.Equal(ids.AsEnumerable().Reverse(), ids.Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Matches("^c_[0-9a-hjkmnp-tv-z]{16}$", id));
        Assert.All(ids, id => Assert.True(Ids.IsValid(id, Ids.Commitment)));
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_differ()
    {
        var now = Instant.FromUtc(2026, 11, 22, 10, 0);

        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.NewestFirst(Ids.Pair, now)).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Theory]
    [InlineData("c_0000000000000000", 'p')] // another kind
    [InlineData("p_000000000000000", 'p')] // too short
    [InlineData("p_00000000000000000", 'p')] // too long
    [InlineData("p_000000000000000i", 'p')] // not in the alphabet
    [InlineData("p_00000000000000/0", 'p')] // a character keys forbid
    [InlineData("p_0000000000000'00", 'p')] // a quote
    [InlineData("", 'p')] // nothing
    public void Anything_else_is_not_an_id(string text, char kind) => Assert.False(Ids.IsValid(text, kind));

    [Fact]
    public void Date_partitions_sort_in_date_order_and_prefix_ranges_end_after_the_prefix()
    {
        Assert.True(string.CompareOrdinal(PairKeys.DuePartition(new LocalDate(2026, 9, 30)), PairKeys.DuePartition(new LocalDate(2026, 10, 1))) < 0);
        Assert.Equal("c`", PairKeys.AfterPrefix("c_"));
        Assert.Equal("s_0000000000000000_r_abc", PairKeys.RatingRow("s_0000000000000000", "abc"));
        Assert.True(string.CompareOrdinal(PairKeys.RatingRow("s_0000000000000001", "zzz"), "s`") < 0);
    }
}
