namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>Finds the repository root (the folder holding PeerMentor365.sln) and the shared Graph examples beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PeerMentor365.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PeerMentor365.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>../shared/graph-examples from the repository root; a missing corpus fails the test with a clear message.</summary>
    public static string GraphExamples()
    {
        var path = Path.GetFullPath(Path.Combine(Root(), "..", "shared", "graph-examples"));
        Assert.True(Directory.Exists(path),
            $"The Graph examples corpus is missing: expected it at {path} (CI clones main with shared/ beside it).");
        return path;
    }
}
