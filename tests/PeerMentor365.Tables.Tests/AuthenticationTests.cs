using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Microsoft.AspNetCore.Http;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Tables.Tests;

[Collection(AzuriteGroup.Name)]
public sealed class AuthenticationTests(AzuriteFixture azurite)
{
    private static readonly string[] AuthenticationErrorCodes = ["AuthenticationFailed", "AuthorizationFailure"];

    [Fact]
    public async Task Shared_key_lite_with_the_wrong_account_key_is_rejected_with_403_authentication_failed()
    {
        var table = await azurite.CreateTableAsync();
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var impostor = new TableClient(
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={wrongKey};TableEndpoint={azurite.Server.TableEndpoint}",
            table.Name,
            new TableClientOptions { Retry = { MaxRetries = 0 } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => impostor.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(403, error.Status);
        // Azure answers AuthenticationFailed in JSON; Azurite answers AuthorizationFailure in XML. Both must surface as the code.
        Assert.Contains(error.ErrorCode, AuthenticationErrorCodes);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task Bearer_requests_carry_the_token_for_the_storage_scope_and_the_table_headers()
    {
        var seen = new ConcurrentQueue<IHeaderDictionary>();
        using var certificate = LoopbackServer.CreateCertificate();
        await using var server = await LoopbackServer.StartAsync(certificate, async context =>
        {
            seen.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"The specified resource does not exist."}}}""");
        });
        var credential = new RecordingCredential("token-for-storage");
        var client = new TableClient(server.Endpoint, "pairs", credential, new TableClientOptions
        {
            Transport = LoopbackServer.TrustingTransport(certificate),
            Retry = { MaxRetries = 0 },
        });

        var response = await client.GetEntityIfExistsAsync<TableEntity>("pair'1", "row");

        Assert.False(response.HasValue);
        var headers = Assert.Single(seen);
        Assert.Equal("Bearer token-for-storage", headers.Authorization.ToString());
        Assert.Equal("2019-02-02", headers["x-ms-version"].ToString());
        Assert.Equal("application/json;odata=minimalmetadata", headers.Accept.ToString());
        Assert.Equal("3.0", headers["DataServiceVersion"].ToString());
        var date = DateTimeOffset.ParseExact(headers["x-ms-date"].ToString(), "r", CultureInfo.InvariantCulture);
        Assert.InRange(date, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Fact]
    public async Task Bearer_tokens_are_never_sent_over_plain_http()
    {
        var client = new TableClient(new Uri("http://127.0.0.1:9"), "pairs", new RecordingCredential("secret"), new TableClientOptions { Retry = { MaxRetries = 0 } });

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetEntityIfExistsAsync<TableEntity>("p", "r"));
    }

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        public ConcurrentQueue<string[]> RequestedScopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.Enqueue(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
