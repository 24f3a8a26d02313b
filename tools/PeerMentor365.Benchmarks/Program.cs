namespace PeerMentor365.Benchmarks;

internal static class BenchmarkEntryPoint
{
    private static void Main(string[] args) =>
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly).Run(args);
}
