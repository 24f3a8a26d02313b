using Azure;

namespace PeerMentor365.Api.Concurrency;

/// <summary>A value as stored: the value, its entity's ETag, and the entity's change log (see <see cref="ChangeLog"/>).</summary>
internal sealed record Versioned<T>(T Value, ETag ETag, string? Changes)
    where T : class;

/// <summary>The outcome of a conditional write: what was saved, or (when another write came first) what is stored now.</summary>
internal sealed record SaveResult<T>(Versioned<T>? Saved, Versioned<T>? Current)
    where T : class
{
    public bool Succeeded => Saved is not null;

    public static SaveResult<T> Unchanged(Versioned<T> stored) => new(stored, null);
}
