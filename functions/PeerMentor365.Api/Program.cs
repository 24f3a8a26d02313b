using Microsoft.Extensions.Options;
using PeerMentor365.Api.Admin;
using PeerMentor365.Api.ApiDocs;
using PeerMentor365.Api.Auth;
using PeerMentor365.Api.ClientConfig;
using PeerMentor365.Api.Commitments;
using PeerMentor365.Api.Compression;
using PeerMentor365.Api.Goals;
using PeerMentor365.Api.Graph;
using PeerMentor365.Api.Hosting;
using PeerMentor365.Api.Me;
using PeerMentor365.Api.Pairs;
using PeerMentor365.Api.PairSummary;
using PeerMentor365.Api.Pane;
using PeerMentor365.Api.People;
using PeerMentor365.Api.Problems;
using PeerMentor365.Api.Series;
using PeerMentor365.Api.Series.Management;
using PeerMentor365.Api.Security;
using PeerMentor365.Api.SessionAgenda;
using PeerMentor365.Api.Sessions;
using PeerMentor365.Api.Storage;
using PeerMentor365.Api.Suggestions;
using PeerMentor365.Api.Tenant;

var builder = WebApplication.CreateBuilder(args);

builder.AddStructuredLogging();
builder.AddCustomHandlerHosting();
builder.AddClock();
builder.AddProblems();
builder.AddTenant();
builder.AddApiAuthentication();
builder.AddGraphAccess();
builder.AddStorage();
builder.AddPairs();
builder.AddGoals();
builder.AddCommitments();
builder.AddSessions();
builder.AddAdmin();
builder.AddSessionAgenda();
builder.AddPairSummary();
builder.AddSuggestions();
builder.AddSeries();
builder.AddSecurity();
builder.AddCompression();
builder.AddPane();
builder.AddApiDocs();

var app = builder.Build();

// Every setting checked with ValidateOnStart is checked here, before the host starts: a bad one ends the app now, with
// the host never started. Left to RunAsync, a failed start disposes the host on the way out while a test host
// (WebApplicationFactory) may still be reading its services, which turned the refusal into an ObjectDisposedException.
app.Services.GetRequiredService<IStartupValidator>().Validate();

app.UseSecurity();
app.UseCompression();
app.UseProblems();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapReadiness();
app.MapInternalFunctions();

var api = app.MapGroup("/api").WithSecurity();
api.MapClientConfig();
api.MapMe();
api.MapPeople();
api.MapSuggestions();
api.MapPairs();
api.MapGoals();
api.MapCommitments();
api.MapSessions();
api.MapSeries();
api.MapSeriesManagement();
api.MapSessionAgenda();
api.MapPairSummary();
api.MapAdmin();
api.MapPane();
api.MapApiDocs();

await app.RunAsync();

/// <summary>The app's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;
