using Microsoft.Graph;
using PeerMentor365.Api.Auth;

namespace PeerMentor365.Api.Graph;

/// <summary>
/// Graph as a user when that user is not there: the nightly job acts as a series' organizer (OneNote is
/// delegated-only). The grant is remembered during one of the user's requests and used later by key.
/// </summary>
internal interface IBackgroundGraphAccess
{
    /// <summary>
    /// Keeps a grant to act as <paramref name="user"/> under <paramref name="grantKey"/> (the series id), replacing
    /// any grant kept under it. Call it during the user's own request: it exchanges their token now.
    /// </summary>
    /// <exception cref="GraphUnavailableException">The tenant refused or could not answer (502/503).</exception>
    /// <exception cref="ConsentRequiredException">The organisation has not consented to a scope we need (403).</exception>
    Task RememberAsync(SignedInUser user, string grantKey, CancellationToken ct);

    /// <summary>A Graph client acting as the user who granted <paramref name="grantKey"/>; null when that grant is gone, expired or revoked.</summary>
    /// <exception cref="GraphUnavailableException">The tenant could not answer now (try again later; the grant may still be good).</exception>
    Task<GraphServiceClient?> ForAsync(string grantKey, CancellationToken ct);

    /// <summary>Drops the grant (the series ended or was deleted). Nothing happens when there is none.</summary>
    Task ForgetAsync(string grantKey, CancellationToken ct);
}
