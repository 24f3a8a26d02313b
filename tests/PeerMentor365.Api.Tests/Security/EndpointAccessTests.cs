using System.Net;
using PeerMentor365.Api.Tests.Infrastructure;
using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.Security;

/// <summary>
/// Every route the app maps at test time, classified: anonymous by name (a short, explicit list), reachable only by
/// the Functions host, or signed-in. A signed-in route refuses a missing, garbled or refused token with 401 and a
/// token without the API's scope with 403, and every route of a pair shows someone outside it nothing (404, no change).
/// A new route needs no entry here unless it is meant to be anonymous; what a member gets from each pair route is
/// in PairsApi/AccessMatrixTests.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class EndpointAccessTests(ApiApplication app)
{
    /// <summary>The only routes anyone may call without signing in.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /api/client-config",
        "GET /api/openapi/{documentName}.json",
        "GET /api/pane/{*path}",
        "HEAD /api/pane/{*path}",
    ];

    /// <summary>What the Functions host itself calls: its readiness ping (internal functions carry their own marker).</summary>
    private static readonly HashSet<string> HostOnly = ["GET /"];

    [Fact]
    public void Every_route_is_classified()
    {
        var endpoints = AppEndpoints();
        var unclassified = endpoints
            .Where(endpoint => !(endpoint.IsApi
                ? (Anonymous.Contains(endpoint.Key) ? endpoint.AllowsAnonymous : endpoint.RequiresSignIn)
                : HostOnly.Contains(endpoint.Key) || (endpoint.IsInternalFunction && endpoint.Method == "POST")))
            .Select(endpoint => $"{endpoint.Key} (anonymous: {endpoint.AllowsAnonymous}, signed-in: {endpoint.RequiresSignIn})")
            .ToList();

        Assert.True(unclassified.Count == 0, "Routes that are neither signed-in nor listed as anonymous/host-only:\n" + string.Join("\n", unclassified));
        Assert.All(Anonymous, key => Assert.Contains(key, endpoints.Select(endpoint => endpoint.Key)));
        Assert.Contains(endpoints, endpoint => endpoint.RequiresSignIn);
    }

    [Fact]
    public async Task Every_signed_in_route_refuses_callers_without_a_valid_token_for_this_api()
    {
        var token = app.DevTenant.IssueApiToken(ApiApplication.Ana);
        var refused = new (string Name, string? Authorization, HttpStatusCode Status)[]
        {
            ("no token", null, HttpStatusCode.Unauthorized),
            ("garbage", "Bearer not-a-token", HttpStatusCode.Unauthorized),
            ("tampered signature", "Bearer " + token[..^6] + "AAAAAA", HttpStatusCode.Unauthorized),
            ("expired", "Bearer " + app.DevTenant.IssueApiToken(ApiApplication.Ana, t => { t.IssuedAt = DateTimeOffset.UtcNow.AddHours(-3); t.NotBefore = t.IssuedAt; t.Expires = DateTimeOffset.UtcNow.AddHours(-2); }), HttpStatusCode.Unauthorized),
            ("unknown key", "Bearer " + app.DevTenant.IssueApiToken(ApiApplication.Ana, t => t.SignWithUnknownKey = true), HttpStatusCode.Unauthorized),
            ("another audience", "Bearer " + app.DevTenant.IssueApiToken(ApiApplication.Ana, t => t.Audience = "api://someone-else"), HttpStatusCode.Unauthorized),
            ("basic scheme", "Basic YW5hOnNlY3JldA==", HttpStatusCode.Unauthorized),
            ("no scope", "Bearer " + app.DevTenant.IssueApiToken(ApiApplication.Ana, t => t.OmitScope = true), HttpStatusCode.Forbidden),
        };
        using var client = app.Client();
        var wrong = new List<string>();

        foreach (var endpoint in AppEndpoints().Where(endpoint => endpoint.RequiresSignIn))
        {
            foreach (var (name, authorization, status) in refused)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path());
                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                if (endpoint.HasBody)
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                var challenge = status != HttpStatusCode.Unauthorized || response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer");
                if (response.StatusCode != status || !problem || !challenge)
                {
                    wrong.Add($"{endpoint.Key} with {name}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Every_route_of_a_pair_looks_like_nothing_to_someone_outside_it_and_changes_nothing()
    {
        using var ana = new Member(app, Member.Ana);
        using var ben = new Member(app, Member.Ben);
        using var finn = new Member(app, Member.Finn);
        var pair = Member.IdOf(await ana.ActivePairAsync(ben));
        var before = await SnapshotAsync(ana, pair);
        var pairRoutes = AppEndpoints().Where(endpoint => endpoint.RequiresSignIn && endpoint.Route.StartsWith("/api/pairs/{pairId}", StringComparison.Ordinal)).ToList();
        var wrong = new List<string>();

        foreach (var endpoint in pairRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path(parameter => parameter.Name == "pairId" ? pair : AppEndpoint.Sample(parameter)));
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            if (endpoint.HasBody)
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await finn.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains("There is no such pair among yours.", StringComparison.Ordinal) || body.Contains(pair, StringComparison.Ordinal))
            {
                wrong.Add($"{endpoint.Key}: {(int)response.StatusCode} {body}");
            }
        }

        Assert.NotEmpty(pairRoutes);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await SnapshotAsync(ana, pair));
    }

    [Fact]
    public async Task Anonymous_routes_answer_without_a_token()
    {
        using var client = app.Client();
        foreach (var endpoint in AppEndpoints().Where(endpoint => Anonymous.Contains(endpoint.Key)))
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path()));

            // The pane answers 404 problem when it is not built; never 401.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{endpoint.Key}: {(int)response.StatusCode}");
        }
    }

    private IReadOnlyList<AppEndpoint> AppEndpoints() => AppEndpoint.Of(app.Api.Services);

    private static async Task<string> SnapshotAsync(Member reader, string pair)
    {
        var parts = new List<string>();
        foreach (var part in new[] { "", "/goals", "/commitments?status=all", "/sessions", "/series" })
        {
            parts.Add((await reader.GetAsync($"/api/pairs/{pair}{part}")).GetRawText());
        }

        return string.Join("\n", parts);
    }
}
