using NodaTime;

namespace PeerMentor365.Api.Goals;

internal enum GoalStatus
{
    Active,
    Achieved,
    Dropped,
}

/// <summary>One person's SMART goal in a pair: what, how it is measured, by when, who owns it, and progress (0-100).</summary>
internal sealed record Goal(
    string Id,
    string PairId,
    string OwnerId,
    string Title,
    string Measure,
    LocalDate TargetDate,
    int Progress,
    GoalStatus Status,
    Instant CreatedAt,
    Instant UpdatedAt)
{
    public const int MaxTitle = 200;
    public const int MaxMeasure = 1000;

    /// <summary>The fields a change can touch, in the order a 412's <c>changed</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Fields = ["title", "measure", "targetDate", "progress", "status"];

    public static readonly IReadOnlyList<string> StatusNames = ["active", "achieved", "dropped"];

    public static string StatusName(GoalStatus status) => StatusNames[(int)status];

    public static GoalStatus ParseStatus(string name) => (GoalStatus)IndexOf(name);

    /// <summary>The goal with the patch applied, and the names of the fields whose value changed.</summary>
    public (Goal Changed, IReadOnlyList<string> Fields) Apply(GoalPatch patch, Instant now)
    {
        var fields = new List<string>();
        var changed = this with
        {
            Title = Pick(patch.Title, Title, "title"),
            Measure = Pick(patch.Measure, Measure, "measure"),
            TargetDate = PickValue(patch.TargetDate, TargetDate, "targetDate"),
            Progress = PickValue(patch.Progress, Progress, "progress"),
            Status = PickValue(patch.Status, Status, "status"),
        };
        return (fields.Count == 0 ? this : changed with { UpdatedAt = now }, fields);

        string Pick(string? given, string current, string field) =>
            given is null || given == current ? current : Changed(given, field);

        T PickValue<T>(T? given, T current, string field)
            where T : struct =>
            given is not { } value || EqualityComparer<T>.Default.Equals(value, current) ? current : Changed(value, field);

        T Changed<T>(T value, string field)
        {
            fields.Add(field);
            return value;
        }
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < StatusNames.Count; i++)
        {
            if (StatusNames[i] == name)
            {
                return i;
            }
        }

        throw new InvalidDataException($"Unknown goal status '{name}'.");
    }
}

/// <summary>A PATCH of a goal: null fields stay as they are.</summary>
internal sealed record GoalPatch(string? Title, string? Measure, LocalDate? TargetDate, int? Progress, GoalStatus? Status);
