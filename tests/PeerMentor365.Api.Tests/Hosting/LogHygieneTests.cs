using System.Net.Http.Headers;
using PeerMentor365.Api.Tests.Infrastructure;

namespace PeerMentor365.Api.Tests.Hosting;

[Collection(SharedApi.Name)]
public sealed class LogHygieneTests(ApiApplication app)
{
    private static readonly string[] Ben = [ApiApplication.Ben];

    [Fact]
    public async Task Logs_never_carry_tokens_or_what_people_searched_for()
    {
        const string search = "zebracrossing";
        var token = app.DevTenant.IssueApiToken(ApiApplication.Ana);
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var spoilt = app.Client();
        spoilt.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");

        using var people = await client.GetAsync($"/api/people?search={search}");
        using var suggestions = await client.PostAsync("/api/suggestions", JsonContent(new { peers = Ben }));
        using var rejected = await spoilt.GetAsync("/api/me");
        using var throttled = await ThrottledAsync(client);

        var lines = app.Api.Logs.Lines;
        Assert.NotEmpty(lines);
        var signature = token[(token.LastIndexOf('.') + 1)..];
        Assert.DoesNotContain(lines, line => line.Contains(signature, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("eyJ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(search, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<HttpResponseMessage> ThrottledAsync(HttpClient client)
    {
        app.DevTenant.Faults.Set(new DevTenant.FaultOptions { Rate = 1, RetryAfterSeconds = 0 });
        try
        {
            return await client.GetAsync("/api/people?search=ben");
        }
        finally
        {
            app.DevTenant.Faults.Off();
        }
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
