using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests.AppRegistrations;

/// <summary>
/// The documented examples of the directory routes the provisioning command uses (kept beside this file in
/// AppRegistrations/Examples, in the shared corpus' format), replayed against the dev tenant with its own objects in place of
/// the documented ids: the same status, content type and response shape.
/// </summary>
public sealed class DirectoryConformanceTests : IAsyncLifetime
{
    private const string Admin = "priya.admin@contoso.dev";
    private const string Ana = "ana.souza@contoso.dev";

    /// <summary>Documented properties the dev tenant does not simulate, per file, and why.</summary>
    private static readonly Dictionary<string, string[]> NotApplicable = new(StringComparer.Ordinal)
    {
        // SAML single sign-on is not simulated: no metadata URL.
        ["application-post-applications.json"] = ["$.samlMetadataUrl"],
    };

    private readonly HttpClient _http = SharedHttp.Client;
    private DevTenantServer _tenant = null!;
    private readonly Dictionary<string, string> _substitutions = new(StringComparer.Ordinal);

    public static string ExamplesFolder => Path.Combine(RepositoryPaths.Root(), "tests", "PeerMentor365.DevTenant.Tests", "AppRegistrations", "Examples");

    public static TheoryData<string> Examples() => [.. ExampleFiles()];

    private static List<string> ExampleFiles() =>
        [.. System.IO.Directory.EnumerateFiles(ExamplesFolder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public async Task InitializeAsync()
    {
        _tenant = await DevTenantServer.StartAsync(new DevTenantOptions());
        var roleId = Guid.NewGuid().ToString();
        var app = await CreateAsync("/applications", new JsonObject
        {
            ["displayName"] = "Conformance API",
            ["appRoles"] = new JsonArray(new JsonObject
            {
                ["id"] = roleId, ["value"] = "ProgramAdmin", ["displayName"] = "Program admin", ["description"] = "Admins",
                ["allowedMemberTypes"] = new JsonArray("User"), ["isEnabled"] = true,
            }),
        });
        var sp = await CreateAsync("/servicePrincipals", new JsonObject { ["appId"] = app["appId"]!.GetValue<string>() });
        var grant = await CreateAsync("/oauth2PermissionGrants", new JsonObject
        {
            ["clientId"] = Id(sp), ["consentType"] = "AllPrincipals", ["resourceId"] = DevTenantDefaults.MicrosoftGraphServicePrincipalId, ["scope"] = "User.Read",
        });
        var withoutSp = await CreateAsync("/applications", new JsonObject { ["displayName"] = "Conformance app without a service principal" });
        var ana = _tenant.Users.Single(u => u.Mail == Ana);

        // Documented ids and placeholders → the dev tenant's objects.
        _substitutions["65415bb1-9267-4313-bbf5-ae259732ee12"] = withoutSp["appId"]!.GetValue<string>();
        _substitutions["clientId-value"] = Id(sp);
        _substitutions["consentType-value"] = "Principal";
        _substitutions["principalId-value"] = ana.Id;
        _substitutions["resourceId-value"] = DevTenantDefaults.MicrosoftGraphServicePrincipalId;
        _substitutions["scope-value"] = "User.Read Calendars.ReadWrite";
        _substitutions["l5eW7x0ga0-WDOntXzHateQDNpSH5-lPk9HjD3Sarjk"] = Id(grant);
        _substitutions["User.ReadBasic.All Group.ReadWrite.All"] = "User.ReadBasic.All Calendars.ReadWrite";
        _substitutions["9028d19c-26a9-4809-8e3f-20ff73e2d75e"] = Id(sp);
        _substitutions["33ad69f9-da99-4bed-acd0-3f24235cb296"] = DevTenantDefaults.ProgramAdminsGroupId;
        _substitutions["ef7437e6-4f94-4a0a-a110-a439eb2aa8f7"] = roleId;
        _substitutions["bcd7c908-1c4d-4d48-93ee-ff38349a75c8"] = Id(app);
        _substitutions["/groups/{id}/"] = $"/groups/{DevTenantDefaults.ProgramAdminsGroupId}/";
    }

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    [Fact]
    public void Every_directory_route_the_command_writes_has_a_documented_example()
    {
        var files = ExampleFiles();

        Assert.Equal(
            ["application-post-applications.json", "application-post-federatedidentitycredentials.json", "group-list-members.json", "oauth2permissiongrant-post.json",
             "oauth2permissiongrant-update.json", "serviceprincipal-post-approleassignedto.json", "serviceprincipal-post-serviceprincipals.json"],
            files);
        Assert.All(files, f => Assert.StartsWith("api-reference/v1.0/api/", Load(f)["source"]!["path"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_response_has_the_documented_status_type_and_shape(string file)
    {
        var example = Load(file);
        var documented = example["response"]!.AsObject();

        var actual = await SendAsync(example["request"]!.AsObject());

        var status = documented["status"]!.GetValue<int>();
        DocumentedAnswer.AssertMatches(file, documented, status, actual, NotApplicable.GetValueOrDefault(file));
    }

    private async Task<RawResponse> SendAsync(JsonObject documented)
    {
        var url = Substitute(documented["url"]!.GetValue<string>().Replace("https://graph.microsoft.com/v1.0", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain("{", url, StringComparison.Ordinal);
        using var message = new HttpRequestMessage(new HttpMethod(documented["method"]!.GetValue<string>()), _tenant.GraphBaseUrl + url);
        message.Headers.Authorization = new("Bearer", _tenant.IssueGraphToken(Admin));
        if (documented["body"] is JsonObject body)
        {
            message.Content = new StringContent(Substitute(body.ToJsonString()), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new RawResponse(response.StatusCode, headers, text, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(ExamplesFolder, file)))!.AsObject();

    private string Substitute(string text) =>
        _substitutions.Aggregate(text, (current, pair) => current.Replace(pair.Key, pair.Value, StringComparison.Ordinal));

    private async Task<JsonObject> CreateAsync(string path, JsonObject body)
    {
        var created = await RawGraph.PostAsync(_http, _tenant, path, Admin, body);
        Assert.True(created.Status == HttpStatusCode.Created, $"POST {path}: {created.Text}");
        return created.Body.AsObject();
    }

    private static string Id(JsonObject item) => item["id"]!.GetValue<string>();
}
