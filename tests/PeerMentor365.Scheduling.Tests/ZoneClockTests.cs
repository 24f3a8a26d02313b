using FsCheck;
using FsCheck.Fluent;

namespace PeerMentor365.Scheduling.Tests;

/// <summary>The fast offset table must agree with <see cref="LocalTimePolicy"/> everywhere, above all around clock changes.</summary>
public class ZoneClockTests
{
    private static readonly Instant From = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2028, 1, 1, 0, 0);

    [Fact]
    public void Local_to_moment_agrees_with_the_policy_around_every_clock_change()
    {
        var cases =
            from zoneId in Gen.Elements(QueryGenerators.Zones)
            let zone = Zone(zoneId)
            let changes = zone.GetZoneIntervals(From, To).Skip(1).Select(interval => interval.Start).DefaultIfEmpty(From + Duration.FromDays(200)).ToArray()
            from change in Gen.Elements(changes)
            from minutes in Gen.Choose(-180, 180)
            select (zone, local: change.InZone(zone).LocalDateTime.PlusMinutes(minutes));
        Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var (zone, local) = pair;
            var clock = new ZoneClock(zone, From, To);
            var localTicks = local.InUtc().ToInstant().ToUnixTimeTicks();
            var instant = LocalTimePolicy.ToInstant(local, zone);

            Assert.Equal(instant.ToUnixTimeTicks(), clock.ToInstant(localTicks));
            Assert.Equal(instant.InZone(zone).LocalDateTime.InUtc().ToInstant().ToUnixTimeTicks(), clock.ToLocal(instant.ToUnixTimeTicks()));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Theory]
    [InlineData("Europe/London", "2027-03-28T01:30", "2027-03-28T01:30:00Z", "skipped")]
    [InlineData("Europe/London", "2027-10-31T01:30", "2027-10-31T00:30:00Z", "ambiguous: earlier")]
    [InlineData("Pacific/Chatham", "2027-09-26T03:00", "2027-09-25T14:15:00Z", "skipped at 02:45")]
    [InlineData("Australia/Lord_Howe", "2027-04-04T01:45", "2027-04-03T14:45:00Z", "ambiguous half hour: earlier (+11)")]
    public void Matches_the_policy_examples(string zone, string local, string expected, string why)
    {
        var clock = new ZoneClock(Zone(zone), From, To);
        Assert.True(Utc(expected).ToUnixTimeTicks() == clock.ToInstant(Local(local).InUtc().ToInstant().ToUnixTimeTicks()), why);
    }
}
