using System.Net;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.AppRegistrations;

/// <summary>The directory routes' rules: who may write, the lookups the provisioning command makes, and what Entra refuses or removes with an object.</summary>
public sealed class DirectoryTests : IAsyncLifetime
{
    private const string Admin = "priya.admin@contoso.dev";
    private const string Ana = "ana.souza@contoso.dev";

    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;

    public async Task InitializeAsync() => _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    [Fact]
    public async Task A_user_without_a_directory_role_reads_but_cannot_write()
    {
        var write = await RawGraph.PostAsync(_http, _tenant, "/applications", Ana, new JsonObject { ["displayName"] = "Ana's app" });
        var read = await RawGraph.GetAsync(_http, _tenant, "/applications", Ana);

        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal("Authorization_RequestDenied", write.ErrorCode);
        Assert.Equal("Insufficient privileges to complete the operation.", write.Json!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Empty(read.Body["value"]!.AsArray());
    }

    [Fact]
    public async Task Microsoft_Graph_s_service_principal_is_found_by_appId_with_its_delegated_scopes()
    {
        var found = await RawGraph.GetAsync(_http, _tenant, $"/servicePrincipals?$filter=appId eq '{DevTenantDefaults.MicrosoftGraphAppId}'", Ana);

        var graph = Assert.Single(found.Body["value"]!.AsArray())!;
        Assert.Equal(DevTenantDefaults.MicrosoftGraphServicePrincipalId, graph["id"]!.GetValue<string>());
        var scopes = graph["oauth2PermissionScopes"]!.AsArray().ToDictionary(s => s!["value"]!.GetValue<string>(), s => s!["id"]!.GetValue<string>());
        Assert.Equal("e1fe6dd8-ba31-4d61-89e7-88639da4683d", scopes["User.Read"]);
        Assert.Equal("1ec239c2-d7c9-4623-a91a-a9775856bb36", scopes["Calendars.ReadWrite"]);
        Assert.Equal("7427e0e9-2fba-42fe-b0c0-848c9e6a8182", scopes["offline_access"]);
    }

    [Theory]
    [InlineData("/applications?$filter=startswith(displayName,'P')")]
    [InlineData("/servicePrincipals?$filter=appId ne 'x'")]
    public async Task Filters_beyond_eq_and_tags_any_are_refused_as_unsupported(string url)
    {
        var answer = await RawGraph.GetAsync(_http, _tenant, url, Admin);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Request_UnsupportedQuery", answer.ErrorCode);
    }

    [Fact]
    public async Task Filters_on_tags_and_names_find_only_matching_applications()
    {
        await Create("/applications", new JsonObject { ["displayName"] = "Tagged", ["tags"] = new JsonArray("team:a") });
        await Create("/applications", new JsonObject { ["displayName"] = "Untagged" });

        var byTag = await RawGraph.GetAsync(_http, _tenant, "/applications?$filter=tags/any(t:t eq 'team:a')", Admin);
        var byName = await RawGraph.GetAsync(_http, _tenant, "/applications?$filter=displayName eq 'untagged'", Admin);

        Assert.Equal(["Tagged"], byTag.Body["value"]!.AsArray().Select(a => a!["displayName"]!.GetValue<string>()));
        Assert.Equal(["Untagged"], byName.Body["value"]!.AsArray().Select(a => a!["displayName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deleting_an_application_takes_its_service_principal_grants_and_assignments_with_it()
    {
        var app = await Create("/applications", new JsonObject { ["displayName"] = "Short-lived" });
        var sp = await Create("/servicePrincipals", new JsonObject { ["appId"] = app["appId"]!.GetValue<string>() });
        await Create("/oauth2PermissionGrants", new JsonObject
        {
            ["clientId"] = sp["id"]!.GetValue<string>(), ["consentType"] = "AllPrincipals",
            ["resourceId"] = DevTenantDefaults.MicrosoftGraphServicePrincipalId, ["scope"] = "User.Read",
        });

        var deleted = await RawGraph.SendAsync(_http, _tenant, HttpMethod.Delete, $"/applications/{app["id"]}", _tenant.IssueGraphToken(Admin));

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RawGraph.GetAsync(_http, _tenant, $"/servicePrincipals/{sp["id"]}", Admin)).Status);
        Assert.Empty((await RawGraph.GetAsync(_http, _tenant, "/oauth2PermissionGrants", Admin)).Body["value"]!.AsArray());
    }

    [Fact]
    public async Task Entra_s_refusals_a_taken_identifier_uri_a_second_grant_and_an_unknown_scope()
    {
        await Create("/applications", new JsonObject { ["displayName"] = "First", ["identifierUris"] = new JsonArray("api://contoso.dev/first") });
        var taken = await RawGraph.PostAsync(_http, _tenant, "/applications", Admin, new JsonObject { ["displayName"] = "Second", ["identifierUris"] = new JsonArray("api://contoso.dev/first") });
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.Contains("identifierUris", taken.Json!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var app = await Create("/applications", new JsonObject { ["displayName"] = "Client" });
        var sp = await Create("/servicePrincipals", new JsonObject { ["appId"] = app["appId"]!.GetValue<string>() });
        JsonObject Grant(string scope) => new()
        {
            ["clientId"] = sp["id"]!.GetValue<string>(), ["consentType"] = "AllPrincipals",
            ["resourceId"] = DevTenantDefaults.MicrosoftGraphServicePrincipalId, ["scope"] = scope,
        };
        var unknown = await RawGraph.PostAsync(_http, _tenant, "/oauth2PermissionGrants", Admin, Grant("Mail.Send"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        await Create("/oauth2PermissionGrants", Grant("User.Read"));
        var second = await RawGraph.PostAsync(_http, _tenant, "/oauth2PermissionGrants", Admin, Grant("User.Read"));
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
    }

    [Fact]
    public async Task The_organization_is_the_dev_tenant()
    {
        var organization = await RawGraph.GetAsync(_http, _tenant, "/organization", Ana);

        Assert.Equal(_tenant.TenantId, Assert.Single(organization.Body["value"]!.AsArray())!["id"]!.GetValue<string>());
    }

    private async Task<JsonObject> Create(string path, JsonObject body)
    {
        var created = await RawGraph.PostAsync(_http, _tenant, path, Admin, body);
        Assert.True(created.Status == HttpStatusCode.Created, $"POST {path}: {created.Text}");
        return created.Body.AsObject();
    }
}
