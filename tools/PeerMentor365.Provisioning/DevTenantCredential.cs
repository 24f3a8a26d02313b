using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;

namespace PeerMentor365.Provisioning;

/// <summary>
/// Signs in to the dev tenant (tools/PeerMentor365.DevTenant) as one of its seeded people with its dev-only password
/// grant. Hand-written because MSAL, and so Azure.Identity, refuses the dev tenant's plain-http authority.
/// For development and tests only: against Entra the command signs in with the Azure CLI or a device code.
/// </summary>
internal sealed class DevTenantCredential(HttpClient http, Uri tokenEndpoint, string user) : TokenCredential
{
    public const string ClientId = "peermentor365-admin-tool";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = ClientId,
            ["username"] = user,
            ["password"] = "dev",
            ["scope"] = string.Join(' ', requestContext.Scopes),
        });
        using var response = await http.PostAsync(tokenEndpoint, form, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        if (!response.IsSuccessStatusCode || body?.AccessToken is null)
        {
            throw new ProvisioningException($"The dev tenant refused to sign in {user}: {body?.ErrorDescription ?? response.ReasonPhrase}");
        }

        return new AccessToken(body.AccessToken, DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn));
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
