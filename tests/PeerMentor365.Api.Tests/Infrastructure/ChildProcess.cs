using System.Diagnostics;

namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>What a program run to its end printed, and how it exited.</summary>
public sealed record ChildProcessResult(int Exit, string Output, string Errors)
{
    public string Log => Output + Errors;
}

/// <summary>Runs a program to its end (a script, a CLI), killing it when it outlives its time limit.</summary>
public static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ChildProcessResult(-1, await output, $"{file} did not exit within {limit}. " + await errors);
        }

        return new ChildProcessResult(process.ExitCode, await output, await errors);
    }
}
