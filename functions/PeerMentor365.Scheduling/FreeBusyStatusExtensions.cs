namespace PeerMentor365.Scheduling;

/// <summary>How much each status gets in the way of a session.</summary>
public static class FreeBusyStatusExtensions
{
    /// <summary>Busy or out of office: the session cannot happen as planned.</summary>
    public static bool IsHardConflict(this FreeBusyStatus status) => status is FreeBusyStatus.Busy or FreeBusyStatus.OutOfOffice;

    /// <summary>Tentative or unknown: the session may clash.</summary>
    public static bool IsSoftConflict(this FreeBusyStatus status) => status is FreeBusyStatus.Tentative or FreeBusyStatus.Unknown;

    /// <summary>0 for statuses that never conflict, then unknown, tentative, busy, out of office.</summary>
    internal static int Severity(this FreeBusyStatus status) => status switch
    {
        FreeBusyStatus.Unknown => 1,
        FreeBusyStatus.Tentative => 2,
        FreeBusyStatus.Busy => 3,
        FreeBusyStatus.OutOfOffice => 4,
        _ => 0,
    };
}
