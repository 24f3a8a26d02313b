using System.Net;
using System.Net.Http.Headers;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>Every signed-in route shares one budget per user; requests without a user one per client address.</summary>
[Collection(SharedApi.Name)]
public sealed class UserRateLimitTests(ApiApplication app)
{
    [Fact]
    public async Task A_user_over_the_budget_gets_429_problem_with_Retry_After_on_any_route_while_others_go_on()
    {
        using var api = App(perUser: 3, anonymous: 0);
        using var ana = Client(api, ApiApplication.Ana);
        using var ben = Client(api, ApiApplication.Ben);

        using var first = await ana.GetAsync("/api/me");
        using var second = await ana.GetAsync("/api/people?search=ben");
        using var third = await ana.PostAsync("/api/suggestions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var fourth = await ana.GetAsync("/api/pairs");
        using var other = await ben.GetAsync("/api/me");
        using var anonymous = await api.CreateClient().GetAsync("/api/client-config");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        var problem = await ProblemAssert.IsProblemAsync(fourth, HttpStatusCode.TooManyRequests);
        var retryAfter = fourth.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Contains("try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_user_share_their_addresss_budget_and_the_functions_hosts_calls_are_never_limited()
    {
        using var api = App(perUser: 0, anonymous: 2);
        using var anonymous = api.CreateClient();
        using var ana = Client(api, ApiApplication.Ana);

        using var first = await anonymous.GetAsync("/api/client-config");
        using var second = await anonymous.GetAsync("/api/openapi/v1.json");
        using var third = await anonymous.GetAsync("/api/client-config");
        using var readiness = await anonymous.GetAsync("/");
        using var signedIn = await ana.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await ProblemAssert.IsProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task The_suggestions_limit_still_applies_inside_the_users_budget()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant))
        {
            ["Suggestions:RequestsPerUserPerMinute"] = "1",
            ["Security:RequestsPerUserPerMinute"] = "100",
        });
        using var ana = Client(api, ApiApplication.Ana);

        using var first = await ana.PostAsync("/api/suggestions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var second = await ana.PostAsync("/api/suggestions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var elsewhere = await ana.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private ApiFactory App(int perUser, int anonymous) => new(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant))
    {
        ["Security:RequestsPerUserPerMinute"] = perUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:AnonymousRequestsPerMinute"] = anonymous.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private HttpClient Client(ApiFactory api, string mail)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(mail));
        return client;
    }
}
