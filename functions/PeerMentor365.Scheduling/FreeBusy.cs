using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// How a calendar item makes its owner available, as Graph's <c>freeBusyStatus</c> / schedule item status reports it.
/// </summary>
/// <remarks>
/// <see cref="Busy"/> and <see cref="OutOfOffice"/> are conflicts; <see cref="Tentative"/> and <see cref="Unknown"/>
/// are soft conflicts (reported, weighed half as much); <see cref="Free"/> and <see cref="WorkingElsewhere"/> never conflict.
/// </remarks>
public enum FreeBusyStatus
{
    /// <summary>Available; never a conflict. Also the value meaning "nothing overlaps".</summary>
    Free,

    /// <summary>Tentatively booked; a soft conflict.</summary>
    Tentative,

    /// <summary>Booked; a conflict.</summary>
    Busy,

    /// <summary>Away; a conflict.</summary>
    OutOfOffice,

    /// <summary>Working, but somewhere else; not a conflict.</summary>
    WorkingElsewhere,

    /// <summary>The status could not be determined; treated as a soft conflict, like <see cref="Tentative"/>.</summary>
    Unknown,
}

/// <summary>
/// One stretch of a person's calendar with its status. The interval is half-open, <c>[Start, End)</c>, so a period that
/// ends when a session starts does not overlap it. An immutable value; thread-safe.
/// </summary>
/// <param name="Interval">The moments the item covers; must have both a start and an end.</param>
/// <param name="Status">How the item makes the person available.</param>
public readonly record struct BusyPeriod(Interval Interval, FreeBusyStatus Status);
