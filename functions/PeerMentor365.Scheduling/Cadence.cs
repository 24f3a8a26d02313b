using System.Diagnostics.CodeAnalysis;

namespace PeerMentor365.Scheduling;

/// <summary>The two shapes a mentoring series can take.</summary>
public enum CadenceKind
{
    /// <summary>The same weekday every 1, 2, 3 or 4 weeks.</summary>
    Weekly,

    /// <summary>Once a month on the nth (first..fourth, or last) weekday, e.g. "the second Tuesday".</summary>
    MonthlyNthWeekday,
}

/// <summary>
/// How often a series meets: weekly, every 2, 3 or 4 weeks, or monthly on the nth weekday. The slot finder chooses the
/// weekday (and for monthly, which week of the month). Built only through the factories, so always valid. Immutable; thread-safe.
/// </summary>
public sealed record Cadence
{
    private static readonly (string Name, Cadence Cadence)[] Names =
    [
        ("weekly", new Cadence(CadenceKind.Weekly, 1)),
        ("every2Weeks", new Cadence(CadenceKind.Weekly, 2)),
        ("every3Weeks", new Cadence(CadenceKind.Weekly, 3)),
        ("every4Weeks", new Cadence(CadenceKind.Weekly, 4)),
        ("monthly", new Cadence(CadenceKind.MonthlyNthWeekday, 0)),
    ];

    /// <summary>Every cadence's name, as requests and answers spell it.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Names.Select(entry => entry.Name)];

    private Cadence(CadenceKind kind, int intervalWeeks)
    {
        Kind = kind;
        IntervalWeeks = intervalWeeks;
    }

    /// <summary>Weekly or monthly.</summary>
    public CadenceKind Kind { get; }

    /// <summary>Weeks between sessions: 1-4 for <see cref="CadenceKind.Weekly"/>, 0 for monthly.</summary>
    public int IntervalWeeks { get; }

    /// <summary>Every week.</summary>
    public static Cadence Weekly => Names[0].Cadence;

    /// <summary>Monthly on the nth weekday.</summary>
    public static Cadence MonthlyOnNthWeekday => Names[4].Cadence;

    /// <summary>Every <paramref name="weeks"/> weeks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is not 1-4.</exception>
    public static Cadence EveryWeeks(int weeks) => weeks is >= 1 and <= 4
        ? Names[weeks - 1].Cadence
        : throw new ArgumentOutOfRangeException(nameof(weeks), weeks, "A weekly cadence repeats every 1 to 4 weeks.");

    /// <summary>
    /// Parses the API's names: <c>weekly</c>, <c>every2Weeks</c>, <c>every3Weeks</c>, <c>every4Weeks</c>, <c>monthly</c>
    /// (case-insensitive). Returns false for anything else, including null.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Cadence? cadence)
    {
        foreach (var (name, candidate) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                cadence = candidate;
                return true;
            }
        }

        cadence = null;
        return false;
    }

    /// <summary>The API name of this cadence, e.g. <c>every2Weeks</c>; <see cref="TryParse"/> reads it back.</summary>
    public override string ToString() => Kind == CadenceKind.MonthlyNthWeekday ? "monthly" : Names[IntervalWeeks - 1].Name;
}
