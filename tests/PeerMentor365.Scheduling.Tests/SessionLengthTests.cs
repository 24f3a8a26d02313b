namespace PeerMentor365.Scheduling.Tests;

/// <summary>Session lengths cannot be built invalid.</summary>
public class SessionLengthTests
{
    [Theory]
    [InlineData(15, "the shortest session")]
    [InlineData(45, "a multiple of five")]
    [InlineData(120, "the longest session")]
    public void Session_lengths_from_15_to_120_minutes_in_steps_of_5_are_accepted(int minutes, string why)
    {
        var length = SessionLength.FromMinutes(minutes);
        Assert.True(minutes == length.Minutes, why);
        Assert.Equal(Duration.FromMinutes(minutes), length.Duration);
    }

    [Theory]
    [InlineData(0, "nothing")]
    [InlineData(10, "too short to mentor")]
    [InlineData(62, "not on the five-minute grid")]
    [InlineData(125, "over two hours")]
    [InlineData(-60, "negative")]
    public void Other_session_lengths_are_refused(int minutes, string why)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SessionLength.FromMinutes(minutes));
        Assert.True(exception.ParamName == "minutes", why);
    }

    [Fact]
    public void The_default_session_is_an_hour()
    {
        Assert.Equal(60, SessionLength.Default.Minutes);
        Assert.Equal(SessionLength.FromMinutes(60), SessionLength.Default);
    }
}
