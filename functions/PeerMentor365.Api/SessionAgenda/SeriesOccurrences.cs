using NodaTime;
using PeerMentor365.Api.Series;
using PeerMentor365.Scheduling;

namespace PeerMentor365.Api.SessionAgenda;

/// <summary>
/// A stored series' planned sessions (rebuilt from its row with the series code's own <see cref="SeriesPlan"/>): where
/// an occurrence stands in the series (its focus turn) and which session comes next.
/// </summary>
internal sealed class SeriesOccurrences
{
    private readonly SeriesPlan _plan;

    private SeriesOccurrences(SeriesPlan plan) => _plan = plan;

    /// <summary>The plan of <paramref name="series"/>; null when its row does not describe one (a creation that never got that far).</summary>
    public static SeriesOccurrences? Of(PairSeries series)
    {
        if (series.Schedule is not { } schedule)
        {
            return null;
        }

        var plan = schedule.Plan();
        return plan.LocalStarts.Count == 0 ? null : new SeriesOccurrences(plan);
    }

    public Duration Length => Duration.FromMinutes(_plan.Recurrence.Length.Minutes);

    /// <summary>The series' anchor zone: page titles and dates are written in it, as the series creation writes the first page.</summary>
    public DateTimeZone Zone => _plan.Zone;

    /// <summary>The planned start of the session after the one at <paramref name="originalStart"/>, if the series has one.</summary>
    public Instant? StartAfter(Instant originalStart)
    {
        var next = IndexOf(originalStart) + 1;
        while (next < _plan.LocalStarts.Count && _plan.StartOf(next) <= originalStart)
        {
            next++;
        }

        return next < _plan.LocalStarts.Count ? _plan.StartOf(next) : null;
    }

    /// <summary>The 0-based position of the occurrence whose original start is <paramref name="originalStart"/> (planned sessions before it).</summary>
    public int IndexOf(Instant originalStart)
    {
        var index = 0;
        while (index < _plan.LocalStarts.Count && _plan.StartOf(index) < originalStart)
        {
            index++;
        }

        return index;
    }

    /// <summary>Every planned session in order: its position, planned start and planned end.</summary>
    public IEnumerable<(int Index, Instant OriginalStart, Instant End)> Planned =>
        Enumerable.Range(0, _plan.LocalStarts.Count).Select(index => (index, _plan.StartOf(index), _plan.EndOf(index)));

    /// <summary>The session that has not ended by <paramref name="now"/> (the last one once all have): index and planned start.</summary>
    public (int Index, Instant OriginalStart) NextAt(Instant now)
    {
        var index = 0;
        while (index < _plan.LocalStarts.Count - 1 && _plan.EndOf(index) <= now)
        {
            index++;
        }

        return (index, _plan.StartOf(index));
    }
}
