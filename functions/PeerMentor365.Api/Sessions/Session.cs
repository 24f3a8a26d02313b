using NodaTime;

namespace PeerMentor365.Api.Sessions;

/// <summary>One occurrence of a pair's series: when, and whose turn it is to take the focus.</summary>
internal sealed record Session(string Id, string PairId, Instant Start, Instant End, string FocusUserId, Instant CreatedAt)
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 8 * 60;
}

/// <summary>One member's 1-5 rating of a session with an optional private word that only they ever read.</summary>
internal sealed record SessionRating(string SessionId, string UserId, int Rating, string? PrivateNote, Instant RatedAt)
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxPrivateNote = 500;
}
