namespace PeerMentor365.Tables;

/// <summary>How an update or upsert treats properties the stored entity has but the sent one does not.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the sent properties change.</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the sent one.</summary>
    Replace,
}
