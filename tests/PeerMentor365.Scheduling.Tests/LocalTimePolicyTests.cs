namespace PeerMentor365.Scheduling.Tests;

public class LocalTimePolicyTests
{
    [Theory]
    [InlineData("Europe/London", "2027-03-28T01:30", "2027-03-28T01:30:00Z", "skipped (01:00→02:00): forward by the gap to 02:30 BST")]
    [InlineData("Europe/London", "2027-10-31T01:30", "2027-10-31T00:30:00Z", "ambiguous (02:00→01:00): the earlier, BST")]
    [InlineData("America/Los_Angeles", "2027-03-14T02:15", "2027-03-14T10:15:00Z", "skipped: 02:15 becomes 03:15 PDT")]
    [InlineData("America/Los_Angeles", "2027-11-07T01:15", "2027-11-07T08:15:00Z", "ambiguous: the earlier, PDT")]
    [InlineData("Australia/Sydney", "2027-10-03T02:30", "2027-10-02T16:30:00Z", "southern spring skip: 02:30 becomes 03:30 AEDT")]
    [InlineData("Australia/Sydney", "2027-04-04T02:30", "2027-04-03T15:30:00Z", "southern autumn repeat: the earlier, AEDT")]
    [InlineData("Australia/Lord_Howe", "2027-10-03T02:15", "2027-10-02T15:45:00Z", "a 30-minute gap: 02:15 becomes 02:45 (+11)")]
    [InlineData("Pacific/Chatham", "2027-09-26T03:00", "2027-09-25T14:15:00Z", "gap 02:45→03:45 at +12:45: 03:00 becomes 04:00 (+13:45)")]
    [InlineData("Asia/Jerusalem", "2027-03-26T02:30", "2027-03-26T00:30:00Z", "Israel skips 02:00→03:00 on a Friday")]
    [InlineData("Asia/Kathmandu", "2027-03-28T09:00", "2027-03-28T03:15:00Z", "no clock changes: simply +5:45")]
    public void Skipped_times_move_forward_by_the_gap_and_repeated_times_take_the_earlier(string zone, string local, string expected, string why)
    {
        Assert.True(Utc(expected) == LocalTimePolicy.ToInstant(Local(local), Zone(zone)), why);
    }

    [Fact]
    public void The_resolver_is_the_same_policy()
    {
        var london = Zone("Europe/London");
        Assert.Equal(Utc("2027-03-28T01:30:00Z"), london.ResolveLocal(Local("2027-03-28T01:30"), LocalTimePolicy.Resolver).ToInstant());
        Assert.Equal(Utc("2027-10-31T00:30:00Z"), london.ResolveLocal(Local("2027-10-31T01:30"), LocalTimePolicy.Resolver).ToInstant());
    }
}
