namespace PeerMentor365.Scheduling.Tests;

/// <summary>Working hours cannot be built invalid and compare by value.</summary>
public class WorkingHoursTests
{
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
