namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>One HttpClient for every raw-HTTP test (HttpClient is meant to be shared).</summary>
internal static class SharedHttp
{
    public static HttpClient Client { get; } = new();
}
