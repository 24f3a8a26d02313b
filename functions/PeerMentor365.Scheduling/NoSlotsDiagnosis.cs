using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// Explains an empty result from the people's humane windows (working hours plus the humane stretch, per working day) over
/// the query window. Calendars play no part: they never empty a result. Runs only when there is nothing to suggest.
/// </summary>
internal static class NoSlotsDiagnosis
{
    private static readonly IsoDayOfWeek[] EveryDay =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    public static NoSlotsReason Explain(SlotSearch search)
    {
        var query = search.Query;
        var from = query.EarliestStart.ToUnixTimeTicks();
        var to = query.HorizonEnd.ToUnixTimeTicks();
        var people = search.People;
        var humane = people.Select(person => person.HumaneDays(from, to)).ToList();
        var lead = $"No time keeps everyone within {MessageText.Words(SchedulingRules.HumaneStretch)} of their working hours";

        var together = humane.Skip(1).Aggregate(humane[0], Intersect);
        if (together.Count > 0)
        {
            var fitting = together.FindAll(span => Fits(span, query.Length.Duration.BclCompatibleTicks));
            return fitting.Count > 0 ? SeriesCannotRecur(search, fitting) : SessionTooLong(search, together);
        }

        // Nobody-meets-everybody: first look for two people who never meet at all, the furthest apart first.
        var shared = new Dictionary<(int, int), List<TickSpan>>();
        (int First, int Second, Separation Separation)? apart = null;
        for (var first = 0; first < people.Count; first++)
        {
            for (var second = first + 1; second < people.Count; second++)
            {
                var both = Intersect(humane[first], humane[second]);
                shared[(first, second)] = both;
                if (both.Count == 0 && Separate(people[first], people[second]) is { } separation
                    && (apart is null || separation.Gap > apart.Value.Separation.Gap))
                {
                    apart = (first, second, separation);
                }
            }
        }

        if (apart is { } pair)
        {
            return NeverMeet(search, lead, pair.First, pair.Second, pair.Separation);
        }

        return GroupNeverMeets(search, lead, humane, shared);
    }

    /// <summary>
    /// A session fits now and then (<paramref name="fitting"/>: the shared stretches it fits in) but no series does: say
    /// when it fits, on the organizer's calendar ("only from 15 Mar 2027"), and whether clocks changing is why.
    /// </summary>
    private static NoSlotsReason SeriesCannotRecur(SlotSearch search, List<TickSpan> fitting)
    {
        var query = search.Query;
        var organizer = search.People[0].Clock;
        var week = Duration.FromDays(7).BclCompatibleTicks;
        var firstDate = organizer.LocalDateTimeAt(fitting[0].Start).Date;
        var lastDate = organizer.LocalDateTimeAt(fitting[^1].Start).Date;
        var fromLate = fitting[0].Start - query.EarliestStart.ToUnixTimeTicks() > week;
        var untilEarly = query.HorizonEnd.ToUnixTimeTicks() - fitting[^1].End > week;
        var when = (fromLate, untilEarly) switch
        {
            (true, true) => $"only between {MessageText.Dates([firstDate, lastDate])}",
            (true, false) => $"only from {MessageText.Dates([firstDate])}",
            (false, true) => $"only until {MessageText.Dates([lastDate])}",
            _ => "only on some days",
        };
        var clocksChange = search.People.Select(person => person.Participant.WorkingHours.Zone).DistinctBy(zone => zone.Id)
            .Any(zone => zone.GetZoneIntervals(query.EarliestStart, query.HorizonEnd).Skip(1).Any());
        var often = query.Cadence switch
        {
            { Kind: CadenceKind.MonthlyNthWeekday } => "every month",
            { IntervalWeeks: 1 } => "every week",
            var weekly => $"every {weekly.IntervalWeeks} weeks",
        };
        var fewerPeople = search.People.Count > 2 ? "fewer people in one series" : null;
        var shorter = LongestSessionThatRecurs(query);
        var advice = shorter is { } minutes
            ? $"A {minutes}-minute session fits {often} all along: try that{(fewerPeople is null ? string.Empty : $", or {fewerPeople}")}."
            : $"Try {(fewerPeople is null ? string.Empty : $"{fewerPeople}, or ")}fewer months ahead.";
        return new NoSlotsReason(NoSlotsCause.SeriesCannotRecur, [],
            $"A {query.Length.Minutes}-minute session keeps everyone within {MessageText.Words(SchedulingRules.HumaneStretch)} of their working hours " +
            $"{when}{(clocksChange ? ", as clocks change on different dates" : string.Empty)}. {advice}",
            shorter);
    }

    private static NoSlotsReason SessionTooLong(SlotSearch search, List<TickSpan> together)
    {
        var longest = Duration.FromTicks(together.Max(span => span.Length));
        var shorter = LongestSessionThatRecurs(search.Query);
        return new NoSlotsReason(NoSlotsCause.SessionTooLong, [],
            $"Everyone is within {MessageText.Words(SchedulingRules.HumaneStretch)} of their working hours at the same time for at most " +
            $"{MessageText.Span(longest)}, too short for a {search.Query.Length.Minutes}-minute session. " +
            (shorter is { } minutes ? $"Try a {minutes}-minute session." : "Try a shorter session."),
            shorter);
    }

    /// <summary>
    /// The longest session, in whole steps of 5 minutes and shorter than the query's, for which some series exists over the
    /// same window and cadence; null when none does. A shorter session fits wherever a longer one does, so a binary search works.
    /// </summary>
    private static int? LongestSessionThatRecurs(SuggestionQuery query)
    {
        int? found = null;
        int low = SessionLength.MinMinutes / 5, high = (query.Length.Minutes / 5) - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var shorter = query with { Length = SessionLength.FromMinutes(middle * 5) };
            if (new SlotSearch(shorter).AllAnchorVariants().Any())
            {
                found = middle * 5;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private static NoSlotsReason NeverMeet(SlotSearch search, string lead, int first, int second, Separation separation)
    {
        var people = search.People;
        var a = people[first].Participant;
        var b = people[second].Participant;
        var advice = people.Count == 2 ? "Try another peer." : $"Try {a.Name} and {b.Name} in separate series.";

        if (WouldMeetOnAnyDay(search, a, b))
        {
            var sameClock = a.WorkingHours.Zone.GetUtcOffset(search.Query.EarliestStart) == b.WorkingHours.Zone.GetUtcOffset(search.Query.EarliestStart);
            return new NoSlotsReason(NoSlotsCause.WorkingDaysNeverMeet, [a.Id, b.Id],
                $"{lead}: {a.Name} works {MessageText.Days(a.WorkingHours.Days)} and {b.Name} {MessageText.Days(b.WorkingHours.Days)}, " +
                $"and those days never {(sameClock ? "overlap" : "line up across the time difference")}. {advice}");
        }

        var earlier = people[separation.EarlierIsFirst ? first : second].Participant;
        var later = people[separation.EarlierIsFirst ? second : first].Participant;
        return new NoSlotsReason(NoSlotsCause.WorkingHoursTooFarApart, [a.Id, b.Id],
            $"{lead}: {later.Name}'s working day starts {MessageText.Span(Duration.FromTicks(separation.Gap))} after {earlier.Name}'s ends " +
            $"({earlier.Name} works {MessageText.Hours(earlier.WorkingHours)}, {later.Name} {MessageText.Hours(later.WorkingHours)}, " +
            $"each in their own time). {advice}");
    }

    /// <summary>
    /// Every pair meets but the group does not: start from the pair with the least shared time and add people, the one who
    /// narrows it most first, until someone cannot join. Names that person and when the others could meet.
    /// </summary>
    private static NoSlotsReason GroupNeverMeets(SlotSearch search, string lead, List<List<TickSpan>> humane, Dictionary<(int, int), List<TickSpan>> shared)
    {
        var people = search.People;
        var start = shared.OrderBy(entry => Total(entry.Value)).ThenBy(entry => entry.Key.Item1).ThenBy(entry => entry.Key.Item2).First();
        var members = new List<int> { start.Key.Item1, start.Key.Item2 };
        var common = start.Value;
        var outsider = -1;
        while (outsider < 0)
        {
            var (next, narrowed) = Enumerable.Range(0, people.Count)
                .Where(person => !members.Contains(person))
                .Select(person => (Person: person, Common: Intersect(common, humane[person])))
                .OrderBy(entry => Total(entry.Common)).ThenBy(entry => entry.Person)
                .First();
            if (narrowed.Count == 0)
            {
                outsider = next;
            }
            else
            {
                members.Add(next);
                common = narrowed;
            }
        }

        var best = common.OrderByDescending(span => span.Length).ThenBy(span => span.Start).First();
        string RangeFor(int person) => MessageText.Range(people[person].Clock.LocalDateTimeAt(best.Start), people[person].Clock.LocalDateTimeAt(best.End));
        members.Sort();
        var together = MessageText.Join([.. members.Select(member => $"{people[member].Participant.Name} ({RangeFor(member)})")]);
        var excluded = people[outsider].Participant;
        return new NoSlotsReason(NoSlotsCause.GroupNeverMeets, [.. members.Append(outsider).Select(person => people[person].Participant.Id)],
            $"{lead}. {together} can meet only when it is {RangeFor(outsider)} for {excluded.Name}. " +
            "Any two of you can meet, so try fewer people in one series.");
    }

    /// <summary>Whether two people would meet if both worked every day at the same hours: then their days are the trouble.</summary>
    private static bool WouldMeetOnAnyDay(SlotSearch search, Participant a, Participant b)
    {
        var query = search.Query;
        var (from, to) = (query.EarliestStart.ToUnixTimeTicks(), query.HorizonEnd.ToUnixTimeTicks());
        List<TickSpan> EveryDayHumane(Participant person)
        {
            var hours = person.WorkingHours;
            var everyDay = person with { WorkingHours = WorkingHours.Create(EveryDay, hours.Start, hours.End, hours.Zone), Busy = [] };
            return new PersonTimeline(everyDay, query.EarliestStart, query.HorizonEnd).HumaneDays(from, to);
        }

        return Intersect(EveryDayHumane(a), EveryDayHumane(b)).Count > 0;
    }

    /// <summary>How far apart two people's working days come at their closest, and whose ends first.</summary>
    private readonly record struct Separation(long Gap, bool EarlierIsFirst);

    private static Separation? Separate(PersonTimeline first, PersonTimeline second)
    {
        var firstDays = first.WorkingDays(long.MinValue, long.MaxValue);
        var secondDays = second.WorkingDays(long.MinValue, long.MaxValue);
        Separation? closest = null;
        foreach (var day in firstDays)
        {
            // The nearest of the other's days starts just before or just after this one.
            var after = secondDays.FindIndex(other => other.Start >= day.Start);
            foreach (var index in new[] { after < 0 ? secondDays.Count - 1 : after - 1, after })
            {
                if (index < 0 || index >= secondDays.Count)
                {
                    continue;
                }

                var other = secondDays[index];
                var separation = other.Start >= day.End
                    ? new Separation(other.Start - day.End, EarlierIsFirst: true)
                    : new Separation(Math.Max(0, day.Start - other.End), EarlierIsFirst: false);
                if (closest is null || separation.Gap < closest.Value.Gap)
                {
                    closest = separation;
                }
            }
        }

        return closest;
    }

    /// <summary>Whether a session of <paramref name="length"/> ticks starting on the 15-minute grid fits in <paramref name="span"/>.</summary>
    private static bool Fits(TickSpan span, long length)
    {
        var grid = SchedulingRules.Grid.BclCompatibleTicks;
        var start = span.Start + ((grid - (((span.Start % grid) + grid) % grid)) % grid);
        return start + length <= span.End;
    }

    private static long Total(List<TickSpan> spans) => spans.Sum(span => span.Length);

    /// <summary>The parts of two sorted, disjoint span lists that overlap; each part lies within one span of each list.</summary>
    internal static List<TickSpan> Intersect(List<TickSpan> a, List<TickSpan> b)
    {
        var result = new List<TickSpan>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start < end)
            {
                result.Add(new TickSpan(start, end));
            }

            if (a[i].End <= b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }
}
