using PeerMentor365.Api.Tests.PairsApi;

namespace PeerMentor365.Api.Tests.GraphConformance;

/// <summary>
/// The setup every conformance test shares: the collection's app, WireMock emptied of the last test's mappings and log,
/// and Adele (the documented examples' organizer) and Megan signed in.
/// </summary>
[Collection(GraphConformance.Name)]
public abstract class GraphConformanceTest : IDisposable
{
    private readonly Lazy<HttpClient> _adeleClient;
    private readonly Lazy<Member> _adele;
    private readonly Lazy<Member> _megan;

    protected GraphConformanceTest(GraphConformanceApp app)
    {
        App = app;
        App.Graph.Reset();
        _adeleClient = new(() => app.Client(GraphConformanceApp.Adele));
        _adele = new(() => new Member(app.Api, app.DevTenant, GraphConformanceApp.Adele));
        _megan = new(() => new Member(app.Api, app.DevTenant, GraphConformanceApp.Megan));
    }

    protected GraphConformanceApp App { get; }

    /// <summary>An HTTP client of the API signed in as Adele.</summary>
    protected HttpClient AdeleClient => _adeleClient.Value;

    protected Member Adele => _adele.Value;

    protected Member Megan => _megan.Value;

    public void Dispose()
    {
        if (_adeleClient.IsValueCreated)
        {
            _adeleClient.Value.Dispose();
        }

        if (_adele.IsValueCreated)
        {
            _adele.Value.Dispose();
        }

        if (_megan.IsValueCreated)
        {
            _megan.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
