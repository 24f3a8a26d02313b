namespace PeerMentor365.Scheduling.Tests;

/// <summary>Queries the finder refuses, with the rule each breaks.</summary>
public partial class SlotFinderTests
{
    public static TheoryData<string, Func<SuggestionQuery, SuggestionQuery>> BrokenQueries => new()
    {
        { "one person is not a meeting", query => query with { Participants = [query.Participants[0]] } },
        { "21 people is over Graph's getSchedule limit", query => query with
            { Participants = [.. Enumerable.Range(0, 21).Select(index => Person($"p{index}@contoso.dev", "Europe/London"))] } },
        { "ids are compared ignoring case", query => query with
            { Participants = [Person("ben@contoso.dev", "Europe/London"), Person("BEN@Contoso.dev", "Europe/Paris")] } },
        { "a blank id", query => query with { Participants = [query.Participants[0], Person(" ", "Europe/Paris")] } },
        { "the window ends before it starts", query => query with { HorizonEnd = query.EarliestStart - Duration.FromHours(1) } },
        { "an empty window", query => query with { HorizonEnd = query.EarliestStart } },
        { "a window over 400 days", query => query with { HorizonEnd = query.EarliestStart + Duration.FromDays(401) } },
        { "no suggestions asked for", query => query with { MaxSuggestions = 0 } },
        { "more suggestions than the limit", query => query with { MaxSuggestions = 51 } },
        { "a busy period without an end", query => query with
            { Participants = [query.Participants[0], query.Participants[1] with { Busy = [new BusyPeriod(new Interval(Utc("2027-01-01T00:00:00Z"), null), FreeBusyStatus.Busy)] }] } },
    };

    [Theory]
    [MemberData(nameof(BrokenQueries))]
    public void Broken_queries_are_refused_with_an_argument_exception(string why, Func<SuggestionQuery, SuggestionQuery> breakIt)
    {
        var valid = Query([BenInLondon, AmyInLondon], "2027-01-04T00:00:00Z", "2027-02-01T00:00:00Z");
        Assert.NotEmpty(SlotFinder.FindSlots(valid).Slots);

        var exception = Assert.ThrowsAny<ArgumentException>(() => SlotFinder.FindSlots(breakIt(valid)));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message), why);
    }

    [Fact]
    public void Twenty_people_is_the_limit_and_works()
    {
        var people = Enumerable.Range(0, 20).Select(index => Person($"p{index}@contoso.dev", index % 2 == 0 ? "Europe/London" : "Europe/Berlin")).ToList();

        var result = SlotFinder.FindSlots(Query(people, "2027-01-04T00:00:00Z", "2027-04-01T00:00:00Z"));

        Assert.NotEmpty(result.Slots);
        Assert.All(result.Slots, slot => Assert.Equal(20, slot.Occurrences[0].Participants.Count));
    }
}
