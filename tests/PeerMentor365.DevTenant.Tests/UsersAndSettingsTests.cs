using System.Net;
using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>/me, /users (the people picker's queries) and /me/mailboxSettings, plus Graph's answers to unknown routes.</summary>
[Collection(SharedTenant.Name)]
public sealed class UsersAndSettingsTests(TenantFixture fixture)
{
    private const string Ana = "ana.souza@contoso.dev";
    private static readonly Dictionary<string, string> Eventual = new() { ["ConsistencyLevel"] = "eventual" };
    private DevTenantServer Tenant => fixture.Tenant;

    private Task<RawResponse> GetAsync(string url, IReadOnlyDictionary<string, string>? headers = null, string mail = Ana) =>
        RawGraph.GetAsync(fixture.Http, Tenant, url, mail, headers);

    private static List<string> Mails(RawResponse response) =>
        [.. response.Body["value"]!.AsArray().Select(u => u!["mail"]!.GetValue<string>())];

    [Fact]
    public async Task A_user_is_found_by_id_or_by_mail()
    {
        var ben = Tenant.Users.Single(u => u.Mail == "ben.carter@contoso.dev");

        var byId = await GetAsync($"/users/{ben.Id}");
        var byMail = await GetAsync("/users/BEN.CARTER@contoso.dev");

        Assert.Equal(byId.Body.ToJsonString(), byMail.Body.ToJsonString());
        Assert.Equal(ben.Id, byId.Body["id"]!.GetValue<string>());
        Assert.Equal(ben.Mail, byId.Body["userPrincipalName"]!.GetValue<string>());
        Assert.EndsWith("$metadata#users/$entity", byId.Body["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_is_404_Request_ResourceNotFound()
    {
        var response = await GetAsync("/users/nobody@contoso.dev");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Request_ResourceNotFound", response.ErrorCode);
    }

    [Theory]
    [InlineData("/users?$filter=startswith(displayName,'ch')", "chloe.martin@contoso.dev")]
    [InlineData("/users?$filter=startswith(mail,'DEV.')", "dev.sharma@contoso.dev")]
    [InlineData("/users?$filter=startswith(displayName,'ben') or startswith(mail,'hiro')", "ben.carter@contoso.dev,hiro.tanaka@contoso.dev")]
    [InlineData("/users?$filter=mail eq 'noa.levi@contoso.dev'", "noa.levi@contoso.dev")]
    [InlineData("/users?$filter=startswith(displayName,'zz')", "")]
    public async Task Filter_supports_the_pickers_basic_queries(string url, string expected)
    {
        var response = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Mails(response).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/users?$filter=mail in ('BEN.CARTER@contoso.dev','ana.souza@CONTOSO.dev')", "ana.souza@contoso.dev,ben.carter@contoso.dev")]
    [InlineData("/users?$filter=userPrincipalName in ('Hiro.Tanaka@contoso.dev')", "hiro.tanaka@contoso.dev")]
    [InlineData("/users?$filter=mail in ('o''brien@contoso.dev','noa.levi@contoso.dev','nobody@contoso.dev')", "noa.levi@contoso.dev")]
    [InlineData("/users?$filter=mail in ('nobody@contoso.dev')", "")]
    public async Task In_lists_match_mail_or_user_principal_name_ignoring_case(string url, string expected)
    {
        var response = await GetAsync(url + "&$select=id,displayName,mail,officeLocation");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Mails(response).Order(StringComparer.Ordinal));
        Assert.All(response.Body["value"]!.AsArray(), user =>
        {
            Assert.Equal(["id", "displayName", "mail", "officeLocation"], user!.AsObject().Select(property => property.Key));
            Assert.Equal(Tenant.Users.Single(seeded => seeded.Mail == user["mail"]!.GetValue<string>()).OfficeLocation, user["officeLocation"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Like_Graph_a_basic_filter_takes_15_in_values_and_an_advanced_one_more()
    {
        string Filter(int count) => "/users?$filter=mail in (" +
            string.Join(",", Enumerable.Range(0, count - 1).Select(i => $"'nobody{i}@contoso.dev'").Append("'ben.carter@contoso.dev'")) + ")";

        var fifteen = await GetAsync(Filter(15));
        var sixteen = await GetAsync(Filter(16));
        var sixteenAdvanced = await GetAsync(Filter(16) + "&$count=true", Eventual);

        Assert.Equal(["ben.carter@contoso.dev"], Mails(fifteen));
        Assert.Equal(HttpStatusCode.BadRequest, sixteen.Status);
        Assert.Equal("Request_UnsupportedQuery", sixteen.ErrorCode);
        Assert.Equal(["ben.carter@contoso.dev"], Mails(sixteenAdvanced));
    }

    [Fact]
    public async Task Advanced_filters_need_eventual_consistency()
    {
        const string url = "/users?$filter=endswith(mail,'sharma@contoso.dev')&$count=true";

        var basic = await GetAsync(url);
        var advanced = await GetAsync(url, Eventual);

        Assert.Equal(HttpStatusCode.BadRequest, basic.Status);
        Assert.Equal(["dev.sharma@contoso.dev"], Mails(advanced));
        Assert.Equal(1, advanced.Body["@odata.count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/users?$filter=startswith(displayName")]
    [InlineData("/users?$filter=startswith(favouriteColour,'b')")]
    [InlineData("/users?$filter=displayName gt 'a'")]
    [InlineData("/users?$select=displayName,favouriteColour")]
    [InlineData("/users?$top=0")]
    [InlineData("/users?$top=1000")]
    [InlineData("/users?$count=true")]
    [InlineData("/users?$orderby=jobTitle")]
    public async Task Bad_queries_get_Graph_400s(string url)
    {
        var response = await GetAsync(url, url.Contains("$count", StringComparison.Ordinal) ? null : Eventual);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotNull(response.Body["error"]!["code"]);
    }

    [Theory]
    [InlineData("\"displayName:chloe\"", "chloe.martin@contoso.dev")]
    [InlineData("\"displayName:sh\"", "dev.sharma@contoso.dev,isha.shrestha@contoso.dev")]
    [InlineData("\"displayName:walsh\" OR \"mail:grace\"", "finn.walsh@contoso.dev,grace.lee@contoso.dev")]
    [InlineData("\"displayName:ana\" AND \"mail:souza\"", "ana.souza@contoso.dev")]
    public async Task Search_matches_word_prefixes_ignoring_case_and_accents(string search, string expected)
    {
        var response = await GetAsync($"/users?$search={Uri.EscapeDataString(search)}&$select=mail", Eventual);

        Assert.Equal(expected.Split(','), Mails(response).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_clauses_must_be_quoted()
    {
        var response = await GetAsync("/users?$search=displayName:ana", Eventual);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_properties()
    {
        var response = await GetAsync("/users?$select=ID,displayName&$filter=startswith(displayName,'Emma')");

        var user = Assert.Single(response.Body["value"]!.AsArray())!.AsObject();
        Assert.Equal(["id", "displayName"], user.Select(p => p.Key));
        Assert.EndsWith("$metadata#users(id,displayName)", response.Body["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_pages_through_nextLink_until_every_user_is_seen()
    {
        var seen = new List<string>();
        string? next = $"{Tenant.GraphBaseUrl}/users?$top=5&$select=mail&$orderby=displayName";
        var pages = 0;
        while (next is not null)
        {
            var response = await RawGraph.GetAsync(fixture.Http, Tenant, next[Tenant.GraphBaseUrl.Length..], Ana);
            seen.AddRange(Mails(response));
            next = response.Body["@odata.nextLink"]?.GetValue<string>();
            pages++;
        }

        Assert.Equal((Tenant.Users.Count + 4) / 5, pages);
        Assert.Equal(Tenant.Users.OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).Select(u => u.Mail), seen);
    }

    [Fact]
    public async Task Users_count_is_plain_text_and_needs_eventual_consistency()
    {
        var response = await GetAsync("/users/$count", Eventual);
        var without = await GetAsync("/users/$count");

        Assert.Equal("text/plain", response.Headers["Content-Type"].Split(';')[0]);
        Assert.Equal(Tenant.Users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Text);
        Assert.Equal(HttpStatusCode.BadRequest, without.Status);
    }

    [Fact]
    public async Task Mailbox_settings_sub_paths_return_Graphs_shapes()
    {
        var timeZone = await GetAsync("/me/mailboxSettings/timeZone", mail: "dev.sharma@contoso.dev");
        var hours = await GetAsync("/me/mailboxSettings/workingHours", mail: "dev.sharma@contoso.dev");
        var selected = await GetAsync("/me/mailboxSettings?$select=timeZone,workingHours", mail: "dev.sharma@contoso.dev");

        Assert.Equal("India Standard Time", timeZone.Body["value"]!.GetValue<string>());
        Assert.EndsWith("/mailboxSettings/timeZone", timeZone.Body["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("09:30:00.0000000", hours.Body["startTime"]!.GetValue<string>());
        Assert.Equal("18:30:00.0000000", hours.Body["endTime"]!.GetValue<string>());
        Assert.Equal("India Standard Time", hours.Body["timeZone"]!["name"]!.GetValue<string>());
        Assert.Equal(["@odata.context", "timeZone", "workingHours"], selected.Body.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Another_users_mailbox_settings_are_refused_in_a_delegated_call()
    {
        var own = await GetAsync("/users/ana.souza@contoso.dev/mailboxSettings");
        var other = await GetAsync("/users/ben.carter@contoso.dev/mailboxSettings");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal("ErrorAccessDenied", other.ErrorCode);
    }

    [Theory]
    [InlineData("GET", "/teams", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/me/planner", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/me/mailboxSettings/favouriteColour", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/me", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/$batch", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/users/nobody@contoso.dev/calendar/getSchedule", HttpStatusCode.NotFound)]
    public async Task Unknown_routes_and_methods_answer_like_Graph(string method, string url, HttpStatusCode expected)
    {
        var response = await RawGraph.SendAsync(fixture.Http, Tenant, new HttpMethod(method), url, Tenant.IssueGraphToken(Ana),
            method == "POST" ? new JsonObject() : null);

        Assert.Equal(expected, response.Status);
        var error = response.Body["error"]!;
        Assert.NotNull(error["code"]);
        Assert.NotNull(error["message"]);
        Assert.NotNull(error["innerError"]!["date"]);
    }

    [Fact]
    public async Task Responses_carry_request_ids_and_echo_the_client_request_id()
    {
        var clientRequestId = Guid.NewGuid().ToString();

        var ok = await GetAsync("/me", new Dictionary<string, string> { ["client-request-id"] = clientRequestId });
        var error = await GetAsync("/users/nobody@contoso.dev", new Dictionary<string, string> { ["client-request-id"] = clientRequestId });

        Assert.Equal(clientRequestId, ok.Headers["client-request-id"]);
        Assert.True(Guid.TryParse(ok.Headers["request-id"], out _));
        Assert.Equal(clientRequestId, error.Body["error"]!["innerError"]!["client-request-id"]!.GetValue<string>());
        Assert.Equal(error.Headers["request-id"], error.Body["error"]!["innerError"]!["request-id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_keeps_non_ASCII_names_as_UTF8()
    {
        var response = await GetAsync("/users/chloe.martin@contoso.dev?$select=displayName");

        Assert.Contains("\"Chloé Martin\"", response.Text, StringComparison.Ordinal);
    }
}
