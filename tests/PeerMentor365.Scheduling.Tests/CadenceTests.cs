namespace PeerMentor365.Scheduling.Tests;

/// <summary>Cadences: the API names and the factories.</summary>
public class CadenceTests
{
    [Theory]
    [InlineData("weekly", CadenceKind.Weekly, 1, "weekly")]
    [InlineData("every2Weeks", CadenceKind.Weekly, 2, "every2Weeks")]
    [InlineData("EVERY3WEEKS", CadenceKind.Weekly, 3, "names ignore case")]
    [InlineData(" every4weeks ", CadenceKind.Weekly, 4, "and surrounding spaces")]
    [InlineData("monthly", CadenceKind.MonthlyNthWeekday, 0, "monthly on the nth weekday")]
    public void Cadence_names_parse_and_print_back(string text, CadenceKind kind, int weeks, string why)
    {
        Assert.True(Cadence.TryParse(text, out var cadence), why);
        Assert.Equal(kind, cadence.Kind);
        Assert.Equal(weeks, cadence.IntervalWeeks);
        Assert.True(Cadence.TryParse(cadence.ToString(), out var again));
        Assert.Equal(cadence, again);
    }

    [Fact]
    public void Every_name_requests_may_use_is_listed_once_and_prints_back_as_itself()
    {
        Assert.Equal(["weekly", "every2Weeks", "every3Weeks", "every4Weeks", "monthly"], Cadence.AllNames);
        Assert.All(Cadence.AllNames, name =>
        {
            Assert.True(Cadence.TryParse(name, out var cadence));
            Assert.Equal(name, cadence.ToString());
        });
    }

    [Theory]
    [InlineData(null, "no value")]
    [InlineData("", "empty")]
    [InlineData("every5Weeks", "only 1-4 weeks")]
    [InlineData("daily", "not a mentoring cadence")]
    [InlineData("biweekly", "ambiguous English")]
    public void Unknown_cadence_names_do_not_parse(string? text, string why)
    {
        Assert.False(Cadence.TryParse(text, out var cadence), why);
        Assert.Null(cadence);
    }

    [Fact]
    public void Cadence_factories_agree_with_the_names()
    {
        Assert.Equal("weekly", Cadence.Weekly.ToString());
        Assert.Equal("every3Weeks", Cadence.EveryWeeks(3).ToString());
        Assert.Equal("monthly", Cadence.MonthlyOnNthWeekday.ToString());
        Assert.Equal(Cadence.Weekly, Cadence.EveryWeeks(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.EveryWeeks(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.EveryWeeks(5));
    }
}
