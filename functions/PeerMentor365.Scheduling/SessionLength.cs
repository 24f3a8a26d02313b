using NodaTime;

namespace PeerMentor365.Scheduling;

/// <summary>
/// How long one mentoring session lasts: 15 to 120 minutes in steps of 5. Default 60 minutes.
/// Built only through <see cref="FromMinutes"/> or <see cref="Default"/>, so it is always valid. Immutable; thread-safe.
/// </summary>
public sealed record SessionLength
{
    /// <summary>The shortest allowed session, in minutes.</summary>
    public const int MinMinutes = 15;

    /// <summary>The longest allowed session, in minutes.</summary>
    public const int MaxMinutes = 120;

    private SessionLength(int minutes) => Minutes = minutes;

    /// <summary>The length in minutes.</summary>
    public int Minutes { get; }

    /// <summary>The length as an elapsed duration.</summary>
    public Duration Duration => Duration.FromMinutes(Minutes);

    /// <summary>60 minutes.</summary>
    public static SessionLength Default { get; } = new(60);

    /// <summary>Creates a session length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 15-120, or not a multiple of 5.</exception>
    public static SessionLength FromMinutes(int minutes)
    {
        if (minutes is < MinMinutes or > MaxMinutes || minutes % 5 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A session lasts 15 to 120 minutes, in steps of 5.");
        }

        return new SessionLength(minutes);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Minutes} min";
}
