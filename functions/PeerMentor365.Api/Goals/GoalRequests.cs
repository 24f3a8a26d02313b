using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.Goals;

/// <summary>The bodies of POST …/goals (everything required) and PATCH …/goals/{goalId} (at least one field; null is refused).</summary>
internal static class GoalRequests
{
    private const string TargetDateRange = "From a year ago to two years ahead.";

    public static readonly TextField Title = new("title", 1, Goal.MaxTitle, Required: true);
    public static readonly TextField Measure = new("measure", 1, Goal.MaxMeasure, Required: true, "How you will know it is done.");
    public static readonly DateField TargetDate = new("targetDate", Required: true, TargetDateRange);

    public static readonly BodyShape New = new("NewGoal", "A SMART goal of the caller's.", Title, Measure, TargetDate);

    public static readonly TextField ChangedTitle = Title with { Required = false };
    public static readonly TextField ChangedMeasure = Measure with { Required = false };
    public static readonly DateField ChangedTargetDate = TargetDate with { Required = false };
    public static readonly IntField Progress = new("progress", 0, 100, Required: false, Description: "Percent done.");
    public static readonly ChoiceField Status = new("status", Goal.StatusNames, Required: false);

    public static readonly BodyShape Patch = new(
        "GoalChange", "The fields to change (at least one; leave a field out to keep it).", ChangedTitle, ChangedMeasure, ChangedTargetDate, Progress, Status);
}
