namespace PeerMentor365.Api.OneNote;

/// <summary>Settings of the OneNote section: how hard one user's OneNote calls may go (docs/settings.md#onenote).</summary>
internal sealed class OneNoteOptions
{
    public const string Section = "OneNote";

    /// <summary>OneNote calls of one user in flight at once (OneNote allows 5).</summary>
    public int MaxConcurrentPerUser { get; set; } = 4;

    /// <summary>OneNote calls of one user per rolling minute (OneNote allows 120).</summary>
    public int MaxPerMinutePerUser { get; set; } = 100;

    /// <summary>Waits before retrying a throttled OneNote call: milliseconds, comma-separated (jitter of up to a quarter is added).</summary>
    public string RetryDelaysMilliseconds { get; set; } = "1000,2000,4000";

    /// <summary>The waits of <see cref="RetryDelaysMilliseconds"/>; null when the text is not 0-5 whole numbers of 0-30000.</summary>
    public IReadOnlyList<int>? RetryDelays()
    {
        var parts = (RetryDelaysMilliseconds ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var delays = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var delay) || delay > 30_000)
            {
                return null;
            }

            delays.Add(delay);
        }

        return delays.Count <= 5 ? delays : null;
    }

    /// <summary>Every problem with the settings, naming the setting.</summary>
    public List<string> Check()
    {
        var failures = new List<string>();
        if (MaxConcurrentPerUser is < 1 or > 5)
        {
            failures.Add("OneNote:MaxConcurrentPerUser must be 1 to 5 (OneNote allows 5 per user).");
        }

        if (MaxPerMinutePerUser is < 1 or > 120)
        {
            failures.Add("OneNote:MaxPerMinutePerUser must be 1 to 120 (OneNote allows 120 per user).");
        }

        if (RetryDelays() is null)
        {
            failures.Add("OneNote:RetryDelaysMilliseconds must be at most 5 comma-separated waits of 0 to 30000 ms.");
        }

        return failures;
    }
}
