namespace PeerMentor365.Api.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (the Functions package sources).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string FunctionApp => Path.Combine(Root, "functions", "PeerMentor365.Api", "FunctionApp");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PeerMentor365.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No PeerMentor365.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
