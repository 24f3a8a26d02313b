using Microsoft.AspNetCore.Http.HttpResults;
using PeerMentor365.Api.Tenant;

namespace PeerMentor365.Api.ClientConfig;

/// <summary>GET /api/client-config: what the pane needs before it can sign in (anonymous, not secret).</summary>
internal static class ClientConfigApi
{
    public static RouteGroupBuilder MapClientConfig(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/client-config").WithTags("Client configuration").AllowAnonymous();
        group.MapGet("", GetClientConfig).WithName("GetClientConfig");
        return group;
    }

    private static Ok<ClientConfigResponse> GetClientConfig(TenantEndpoints tenant) => TypedResults.Ok(new ClientConfigResponse(
        AuthMode: tenant.Mode == GraphMode.Entra ? "entra" : "devTenant",
        ApiScope: tenant.ApiScope,
        DevTenant: tenant.DevTenant is { } dev
            ? new DevTenantSignIn(tenant.Authority, dev.TokenEndpoint.ToString(), dev.AccountsEndpoint.ToString(), dev.PaneClientId)
            : null,
        Entra: tenant.Entra is { } entra ? new EntraSignIn(entra.ClientId, tenant.TenantId, tenant.Authority) : null));
}

internal sealed record ClientConfigResponse(string AuthMode, string ApiScope, DevTenantSignIn? DevTenant, EntraSignIn? Entra);

internal sealed record DevTenantSignIn(string Authority, string TokenEndpoint, string AccountsEndpoint, string ClientId);

internal sealed record EntraSignIn(string ClientId, string TenantId, string Authority);
