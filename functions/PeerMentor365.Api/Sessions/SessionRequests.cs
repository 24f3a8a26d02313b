using PeerMentor365.Api.Requests;

namespace PeerMentor365.Api.Sessions;

/// <summary>The bodies of POST …/sessions and PUT …/sessions/{sessionId}/rating.</summary>
internal static class SessionRequests
{
    public static readonly InstantField Start = new("start", Required: true, "Within a year before and two years after now.");
    public static readonly InstantField End = new("end", Required: true, $"{Session.MinMinutes} minutes to {Session.MaxMinutes / 60} hours after start.");

    public static readonly BodyShape New = new("NewSession", "A session of the pair, in UTC.", Start, End);

    public static readonly IntField RatingValue = new("rating", SessionRating.MinRating, SessionRating.MaxRating, Required: true);
    public static readonly TextField PrivateNote = new("privateNote", 0, SessionRating.MaxPrivateNote, Required: false, "Seen by no one but you.");

    public static readonly BodyShape Rating = new("SessionRating", "The caller's own rating of a session, with an optional private note.", RatingValue, PrivateNote);
}
