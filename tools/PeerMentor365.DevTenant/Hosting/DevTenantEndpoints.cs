namespace PeerMentor365.DevTenant.Hosting;

/// <summary>The dev tenant's URLs, fixed once Kestrel has its port.</summary>
internal sealed class DevTenantEndpoints
{
    public DevTenantEndpoints(Uri baseAddress, string tenantId)
    {
        BaseAddress = baseAddress;
        TenantId = tenantId;
        var root = baseAddress.ToString().TrimEnd('/');
        GraphBaseUrl = $"{root}/v1.0";
        Authority = $"{root}/{tenantId}/v2.0";
        TokenEndpoint = $"{root}/{tenantId}/oauth2/v2.0/token";
        AuthorizeEndpoint = $"{root}/{tenantId}/oauth2/v2.0/authorize";
        LogoutEndpoint = $"{root}/{tenantId}/oauth2/v2.0/logout";
        JwksUri = $"{root}/{tenantId}/discovery/v2.0/keys";
        Host = baseAddress.Authority;
    }

    public Uri BaseAddress { get; }

    public string TenantId { get; }

    public string Host { get; }

    public string GraphBaseUrl { get; }

    public string Authority { get; }

    public string Issuer => Authority;

    public string TokenEndpoint { get; }

    public string AuthorizeEndpoint { get; }

    public string LogoutEndpoint { get; }

    public string JwksUri { get; }
}
