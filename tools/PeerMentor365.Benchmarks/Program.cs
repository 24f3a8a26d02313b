using BenchmarkDotNet.Configs;

namespace PeerMentor365.Benchmarks;

internal static class BenchmarkEntryPoint
{
    // BenchmarkDotNet builds its own copy of this project (and everything it references) before running, without the
    // compiler server; on a busy 2-core machine that takes longer than its default two minutes.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    private static void Main(string[] args) =>
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntryPoint).Assembly)
            .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(BuildTimeout));
}
