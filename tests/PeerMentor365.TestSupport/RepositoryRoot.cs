namespace PeerMentor365.TestSupport;

/// <summary>Finds the repository from a test's output folder (bin/…), so tests use the repo's own tools.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PeerMentor365.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PeerMentor365.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
