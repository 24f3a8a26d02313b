using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        using var certificate = CreateLoopbackCertificate();
        await using var server = await StartHttpsServerAsync(certificate, async context =>
        {
            seen.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"The specified resource does not exist."}}}""");
        });
        var credential = new RecordingCredential("token-for-storage");
        var client = new TableClient(server.Endpoint, "pairs", credential, new TableClientOptions
        {
            Transport = TrustingTransport(certificate),
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

    private static X509Certificate2 CreateLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the private key in an exportable, loadable form.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    private static HttpClientTransport TrustingTransport(X509Certificate2 certificate) => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
    });

    private static async Task<LoopbackHttpsServer> StartHttpsServerAsync(X509Certificate2 certificate, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackHttpsServer(app, new Uri(address));
    }

    private sealed record LoopbackHttpsServer(WebApplication App, Uri Endpoint) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
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
