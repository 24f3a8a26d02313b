namespace PeerMentor365.Api.Graph;

/// <summary>Exchanges a user's access token for our API into a Graph token for the same user (on-behalf-of).</summary>
internal interface IGraphTokenExchange
{
    Task<string> GetGraphTokenAsync(string userAccessToken, CancellationToken cancellationToken);
}
