namespace PeerMentor365.Scheduling.Tests;

/// <summary>When nothing humane exists, the result says why, from the people's working hours, and what to try.</summary>
public partial class SlotFinderTests
{
    private static readonly IsoDayOfWeek[] SundayToFriday = [IsoDayOfWeek.Sunday, .. MondayToFriday];

    private static Participant AnaInSaoPaulo => Person("ana.souza@contoso.dev", "America/Sao_Paulo", "09:00-18:00", name: "Ana Souza");

    private static Participant BenInSeattle => Person("ben.carter@contoso.dev", "America/Los_Angeles", "08:30-17:00", name: "Ben Carter");

    private static Participant IshaInKathmandu => Person("isha.shrestha@contoso.dev", "Asia/Kathmandu", "10:00-17:00", SundayToFriday, name: "Isha Shrestha");

    [Fact]
    public void Suggestions_come_without_a_reason()
    {
        var result = SlotFinder.FindSlots(Query([AnaInSaoPaulo, BenInSeattle], "2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z"));

        Assert.NotEmpty(result.Slots);
        Assert.Null(result.NoSlotsReason);
    }

    [Fact]
    public void Three_people_who_meet_in_pairs_but_never_together_are_told_who_can_meet_when()
    {
        // London, Seattle and Tokyo are about 8 hours apart: every two of them overlap once stretched by 3 hours, but
        // whenever two of them overlap it is night for the third, in every season. Seattle and Tokyo share the least
        // (Seattle's afternoons and evenings, Tokyo's mornings, four days a week), and that is night in London.
        var finn = Person("finn.walsh@contoso.dev", "Europe/London", "09:00-17:30", name: "Finn Walsh");
        var hiro = Person("hiro.tanaka@contoso.dev", "Asia/Tokyo", "09:00-18:00", name: "Hiro Tanaka");
        foreach (var (first, second) in new[] { (finn, BenInSeattle), (finn, hiro), (BenInSeattle, hiro) })
        {
            Assert.NotEmpty(SlotFinder.FindSlots(Query([first, second], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z")).Slots);
        }

        var result = SlotFinder.FindSlots(Query([finn, BenInSeattle, hiro], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z"));

        Assert.Empty(result.Slots);
        var reason = Assert.IsType<NoSlotsReason>(result.NoSlotsReason);
        Assert.Equal(NoSlotsCause.GroupNeverMeets, reason.Cause);
        Assert.Equal(["ben.carter@contoso.dev", "hiro.tanaka@contoso.dev", "finn.walsh@contoso.dev"], reason.ParticipantIds);
        Assert.Null(reason.ShorterSessionMinutes);
        Assert.Equal(
            "No time keeps everyone within 3 hours of their working hours. Ben Carter (13:00\u201320:00) and Hiro Tanaka (06:00\u201313:00) " +
            "can meet only when it is 21:00\u201304:00 for Finn Walsh. Any two of you can meet, so try fewer people in one series.",
            reason.Message);
    }

    [Theory]
    [InlineData("2027-03-01T00:00:00Z", "2027-09-01T00:00:00Z")]
    [InlineData("2027-09-01T00:00:00Z", "2028-03-01T00:00:00Z")]
    public void London_Seattle_and_Tokyo_never_meet_together_in_any_season(string from, string to)
    {
        var query = Query(
            [Person("finn.walsh@contoso.dev", "Europe/London", "09:00-17:30"), BenInSeattle, Person("hiro.tanaka@contoso.dev", "Asia/Tokyo", "09:00-18:00")],
            from, to);

        Assert.Equal(NoSlotsCause.GroupNeverMeets, SlotFinder.FindSlots(query).NoSlotsReason?.Cause);
    }

    [Fact]
    public void When_London_Seattle_and_Tokyo_never_meet_together_every_two_of_them_are_named_with_when_they_can_start()
    {
        var finn = Person("finn.walsh@contoso.dev", "Europe/London", "09:00-17:30");
        var hiro = Person("hiro.tanaka@contoso.dev", "Asia/Tokyo", "09:00-18:00");
        var query = Query([finn, BenInSeattle, hiro], "2027-03-01T00:00:00Z", "2027-09-01T00:00:00Z");

        var reason = SlotFinder.FindSlots(query).NoSlotsReason!;

        Assert.Equal(
            [[finn.Id, BenInSeattle.Id], [finn.Id, hiro.Id], [BenInSeattle.Id, hiro.Id]],
            reason.SmallerGroups.Select(group => group.ParticipantIds.ToArray()));
        foreach (var group in reason.SmallerGroups)
        {
            // The group's own search agrees: its best series starts at the moment named.
            var own = SlotFinder.FindSlots(query with { Participants = [.. query.Participants.Where(person => group.ParticipantIds.Contains(person.Id))] });
            Assert.Equal(own.Slots[0].Occurrences[0].When.Start, group.FirstStart);
        }
    }

    [Fact]
    public void Two_people_who_never_meet_have_no_smaller_group_to_name()
    {
        var result = SlotFinder.FindSlots(Query(
            [Person("ben@contoso.dev", "Europe/London", "09:00-12:00"), Person("kiri@contoso.dev", "Pacific/Auckland", "09:00-12:00")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z"));

        Assert.Empty(result.Slots);
        Assert.Empty(result.NoSlotsReason!.SmallerGroups);
    }

    [Fact]
    public void Sao_Paulo_Seattle_and_Kathmandu_share_45_minutes_in_northern_winter_and_are_told_so()
    {
        // Stretched by 3 hours, Seattle (05:30-20:00), Kathmandu (07:00-20:00) and São Paulo (06:00-21:00) overlap at
        // 13:30-14:15 UTC while Seattle is on standard time: 45 minutes, too short for an hour.
        var result = SlotFinder.FindSlots(Query([AnaInSaoPaulo, BenInSeattle, IshaInKathmandu], "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z"));

        Assert.Empty(result.Slots);
        var reason = Assert.IsType<NoSlotsReason>(result.NoSlotsReason);
        Assert.Equal(NoSlotsCause.SessionTooLong, reason.Cause);
        Assert.Equal(45, reason.ShorterSessionMinutes);
        Assert.Equal(
            "Everyone is within 3 hours of their working hours at the same time for at most 45 min, too short for a 60-minute session. " +
            "Try a 45-minute session.",
            reason.Message);
    }

    [Fact]
    public void Sao_Paulo_Seattle_and_Kathmandu_meet_for_an_hour_only_in_northern_summer_so_no_series_lasts_through_the_change()
    {
        // From 14 March Seattle's clocks go forward and the shared stretch grows to 12:30-14:15 UTC; a weekly hour then
        // fits, but not one that starts in winter. 45 minutes fits all along.
        var query = Query([AnaInSaoPaulo, BenInSeattle, IshaInKathmandu], "2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z");

        var reason = Assert.IsType<NoSlotsReason>(SlotFinder.FindSlots(query).NoSlotsReason);

        Assert.Equal(NoSlotsCause.SeriesCannotRecur, reason.Cause);
        Assert.Equal(45, reason.ShorterSessionMinutes);
        Assert.Equal(
            "A 60-minute session keeps everyone within 3 hours of their working hours only from 15 Mar 2027, as clocks change on different dates. " +
            "A 45-minute session fits every week all along: try that, or fewer people in one series.",
            reason.Message);
        Assert.NotEmpty(SlotFinder.FindSlots(query with { Length = SessionLength.FromMinutes(45) }).Slots);
        Assert.Empty(SlotFinder.FindSlots(query with { Length = SessionLength.FromMinutes(50) }).Slots);
    }

    [Fact]
    public void Two_people_whose_hours_never_come_near_each_other_are_told_how_far_apart_their_days_are()
    {
        // London 09:00-12:00 is 09:00-12:00 UTC; Auckland 09:00-12:00 is 20:00-23:00 UTC in its summer. Each stretched by
        // 3 hours still leaves 2 hours between them; London's day ends 8 hours before Auckland's begins.
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "09:00-12:00", name: "Ben Carter"), Person("kiri@contoso.dev", "Pacific/Auckland", "09:00-12:00", name: "Kiri Tane")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var result = SlotFinder.FindSlots(query);

        Assert.Empty(result.Slots);
        var reason = Assert.IsType<NoSlotsReason>(result.NoSlotsReason);
        Assert.Equal(NoSlotsCause.WorkingHoursTooFarApart, reason.Cause);
        Assert.Equal(["ben@contoso.dev", "kiri@contoso.dev"], reason.ParticipantIds);
        Assert.Equal(
            "No time keeps everyone within 3 hours of their working hours: Kiri Tane's working day starts 8 h after Ben Carter's ends " +
            "(Ben Carter works 09:00\u201312:00, Kiri Tane 09:00\u201312:00, each in their own time). Try another peer.",
            reason.Message);
    }

    [Fact]
    public void In_a_larger_group_the_pair_furthest_apart_is_named_and_told_to_meet_separately()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "09:00-12:00", name: "Ben Carter"),
             Person("amy@contoso.dev", "Europe/London", name: "Amy Lee"),
             Person("kiri@contoso.dev", "Pacific/Auckland", "09:00-12:00", name: "Kiri Tane")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var reason = Assert.IsType<NoSlotsReason>(SlotFinder.FindSlots(query).NoSlotsReason);

        Assert.Equal(NoSlotsCause.WorkingHoursTooFarApart, reason.Cause);
        Assert.Equal(["ben@contoso.dev", "kiri@contoso.dev"], reason.ParticipantIds);
        Assert.EndsWith("Try Ben Carter and Kiri Tane in separate series.", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void People_whose_working_days_never_meet_are_told_it_is_the_days()
    {
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", days: [IsoDayOfWeek.Monday]), Person("amy@contoso.dev", "Europe/London", days: [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday])],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z");

        var reason = Assert.IsType<NoSlotsReason>(SlotFinder.FindSlots(query).NoSlotsReason);

        Assert.Equal(NoSlotsCause.WorkingDaysNeverMeet, reason.Cause);
        Assert.Equal(
            "No time keeps everyone within 3 hours of their working hours: ben@contoso.dev works Monday and amy@contoso.dev Tuesday and Wednesday, " +
            "and those days never overlap. Try another peer.",
            reason.Message);
    }

    [Fact]
    public void A_session_longer_than_the_shared_stretch_is_told_the_longest_that_exists()
    {
        // In winter London 06:00-13:00 UTC (09:00-10:00 stretched) and New York 11:30-18:00 UTC (09:30-10:00 stretched)
        // share 11:30-13:00: an hour and a half.
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "09:00-10:00"), Person("noah@contoso.dev", "America/New_York", "09:30-10:00")],
            "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z", minutes: 120);

        var reason = Assert.IsType<NoSlotsReason>(SlotFinder.FindSlots(query).NoSlotsReason);

        Assert.Equal(NoSlotsCause.SessionTooLong, reason.Cause);
        Assert.Empty(reason.ParticipantIds);
        Assert.Equal(
            "Everyone is within 3 hours of their working hours at the same time for at most 1 h 30 min, too short for a 120-minute session. " +
            "Try a 90-minute session.",
            reason.Message);
        Assert.Equal(90, reason.ShorterSessionMinutes);
        Assert.NotEmpty(SlotFinder.FindSlots(query with { Length = SessionLength.FromMinutes(90) }).Slots);
    }

    [Fact]
    public void A_session_that_fits_only_while_clocks_disagree_cannot_recur()
    {
        // From 14 to 28 March New York is on summer time and London is not: the shared stretch grows to 2 h 30 min, so a
        // two-hour session fits then, but no weekly series keeps fitting once London changes too.
        var query = Query(
            [Person("ben@contoso.dev", "Europe/London", "09:00-10:00"), Person("noah@contoso.dev", "America/New_York", "09:30-10:00")],
            "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z", minutes: 120);

        var result = SlotFinder.FindSlots(query);

        Assert.Empty(result.Slots);
        var reason = Assert.IsType<NoSlotsReason>(result.NoSlotsReason);
        Assert.Equal(NoSlotsCause.SeriesCannotRecur, reason.Cause);
        Assert.Equal(
            "A 120-minute session keeps everyone within 3 hours of their working hours only between 15 Mar and 26 Mar 2027, as clocks change " +
            "on different dates. A 90-minute session fits every week all along: try that.",
            reason.Message);
        Assert.Equal(90, reason.ShorterSessionMinutes);
    }
}
