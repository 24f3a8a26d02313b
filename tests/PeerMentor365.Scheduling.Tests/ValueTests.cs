namespace PeerMentor365.Scheduling.Tests;

/// <summary>Domain values that cannot be built invalid.</summary>
public class ValueTests
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

    [Fact]
    public void Working_hours_default_to_Monday_to_Friday_nine_to_five()
    {
        var hours = WorkingHours.Default(Zone("Asia/Tokyo"));
        Assert.Equal(MondayToFriday, hours.Days.Order());
        Assert.Equal(new LocalTime(9, 0), hours.Start);
        Assert.Equal(new LocalTime(17, 0), hours.End);
        Assert.Equal("Asia/Tokyo", hours.Zone.Id);
    }

    [Fact]
    public void Working_hours_are_equal_by_value()
    {
        var a = WorkingHours.Create([IsoDayOfWeek.Friday, IsoDayOfWeek.Monday], new LocalTime(8, 0), LocalTime.Midnight, Zone("Europe/Paris"));
        var b = WorkingHours.Create([IsoDayOfWeek.Monday, IsoDayOfWeek.Friday, IsoDayOfWeek.Monday], new LocalTime(8, 0), LocalTime.Midnight, Zone("Europe/Paris"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, WorkingHours.Create([IsoDayOfWeek.Monday], new LocalTime(8, 0), LocalTime.Midnight, Zone("Europe/Paris")));
    }

    public static TheoryData<string, Func<WorkingHours>> BrokenWorkingHours => new()
    {
        { "no working days", () => WorkingHours.Create([], new LocalTime(9, 0), new LocalTime(17, 0), Zone("UTC")) },
        { "IsoDayOfWeek.None is not a day", () => WorkingHours.Create([IsoDayOfWeek.None], new LocalTime(9, 0), new LocalTime(17, 0), Zone("UTC")) },
        { "ends before it starts", () => WorkingHours.Create(MondayToFriday, new LocalTime(17, 0), new LocalTime(9, 0), Zone("UTC")) },
        { "ends when it starts", () => WorkingHours.Create(MondayToFriday, new LocalTime(9, 0), new LocalTime(9, 0), Zone("UTC")) },
    };

    [Theory]
    [MemberData(nameof(BrokenWorkingHours))]
    public void Invalid_working_hours_are_refused(string why, Func<WorkingHours> create)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(create);
        Assert.False(string.IsNullOrEmpty(exception.Message), why);
    }
}
