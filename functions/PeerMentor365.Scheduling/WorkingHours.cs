using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// The hours a person works, in their own zone: the same local start and end on each working day.
/// </summary>
/// <remarks>
/// <para><see cref="End"/> equal to <see cref="LocalTime.Midnight"/> means "until the end of the day"; otherwise
/// <see cref="Start"/> is before <see cref="End"/> (shifts that cross midnight are not modelled, as in Outlook).
/// Working days may be any set, e.g. Sunday-Thursday. The zone of these hours is the person's zone for scheduling.</para>
/// <para>Built only through <see cref="Create"/> or <see cref="Default"/>, so an instance is always valid.
/// Immutable and thread-safe. Two instances are equal when they have the same days, times and zone.</para>
/// </remarks>
public sealed record WorkingHours
{
    private WorkingHours(IReadOnlySet<IsoDayOfWeek> days, LocalTime start, LocalTime end, DateTimeZone zone)
    {
        Days = days;
        Start = start;
        End = end;
        Zone = zone;
    }

    /// <summary>The working days (never empty, never <see cref="IsoDayOfWeek.None"/>).</summary>
    public IReadOnlySet<IsoDayOfWeek> Days { get; }

    /// <summary>The local time work starts on each working day.</summary>
    public LocalTime Start { get; }

    /// <summary>The local time work ends; <see cref="LocalTime.Midnight"/> means the end of the day.</summary>
    public LocalTime End { get; }

    /// <summary>The zone the times are in: the person's own zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Creates working hours after checking them.</summary>
    /// <param name="days">Working days; at least one, duplicates ignored.</param>
    /// <param name="start">Local start time.</param>
    /// <param name="end">Local end time, after <paramref name="start"/>, or <see cref="LocalTime.Midnight"/> for the end of the day.</param>
    /// <param name="zone">The person's zone.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">No days, <see cref="IsoDayOfWeek.None"/>, or an end not after the start.</exception>
    public static WorkingHours Create(IEnumerable<IsoDayOfWeek> days, LocalTime start, LocalTime end, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(zone);
        var set = new SortedSet<IsoDayOfWeek>(days);
        if (set.Count == 0)
        {
            throw new ArgumentException("At least one working day is required.", nameof(days));
        }

        if (set.Any(day => day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
        {
            throw new ArgumentException("Working days must be Monday to Sunday.", nameof(days));
        }

        if (end != LocalTime.Midnight && end <= start)
        {
            throw new ArgumentException("Working hours must end after they start (or at midnight, the end of the day).", nameof(end));
        }

        return new WorkingHours(set, start, end, zone);
    }

    /// <summary>Monday to Friday, 09:00-17:00 in <paramref name="zone"/>: what Outlook assumes when nothing is set.</summary>
    public static WorkingHours Default(DateTimeZone zone) => Create(
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        new LocalTime(9, 0),
        new LocalTime(17, 0),
        zone);

    /// <inheritdoc />
    public bool Equals(WorkingHours? other) =>
        other is not null && Start == other.Start && End == other.End && Zone.Id == other.Zone.Id && Days.SetEquals(other.Days);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Start, End, Zone.Id, Days.Aggregate(0, (hash, day) => hash | (1 << (int)day)));

    /// <inheritdoc />
    public override string ToString() =>
        $"{string.Join(",", Days)} {Start:HH:mm}-{(End == LocalTime.Midnight ? "24:00" : End.ToString("HH:mm", null))} {Zone.Id}";
}
