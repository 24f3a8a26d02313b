using System.Net;
using System.Net.Http.Headers;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.SuggestionsApi;

[Collection(SharedApi.Name)]
public sealed class SuggestionRateLimitTests(ApiApplication app)
{
    [Fact]
    public async Task A_user_over_the_per_minute_limit_gets_429_problem_with_Retry_After_while_others_go_on()
    {
        using var api = new ApiFactory(new Dictionary<string, string?>(ApiApplication.SettingsFor(app.DevTenant))
        {
            ["Suggestions:RequestsPerUserPerMinute"] = "2",
        });
        using var ana = api.CreateClient();
        ana.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ana));
        using var ben = api.CreateClient();
        ben.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.DevTenant.IssueApiToken(ApiApplication.Ben));

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await SuggestionsClient.PostRawAsync(ana, "{}");
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var limited = await SuggestionsClient.PostRawAsync(ana, "{}");
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);

        using var other = await SuggestionsClient.PostRawAsync(ben, "{}");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }
}
