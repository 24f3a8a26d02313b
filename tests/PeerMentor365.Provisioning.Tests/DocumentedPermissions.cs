using System.Text.RegularExpressions;
using PeerMentor365.TestSupport;

namespace PeerMentor365.Provisioning.Tests;

/// <summary>The delegated Graph permissions docs/graph-permissions.md lists (the first column of its table), so the command is checked against the docs.</summary>
public static partial class DocumentedPermissions
{
    public static string[] GraphScopes()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "graph-permissions.md"));
        var rows = doc.SkipWhile(line => !line.StartsWith("| permission", StringComparison.Ordinal)).Skip(2).TakeWhile(line => line.StartsWith('|'));
        return [.. rows.SelectMany(row => Backticked().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value))];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}

public sealed class DocumentedPermissionsTests
{
    [Fact]
    public void The_command_asks_for_exactly_the_permissions_the_docs_list_and_explain()
    {
        var documented = DocumentedPermissions.GraphScopes();

        Assert.Equal(9, documented.Length);
        Assert.Equal(documented.Order(StringComparer.Ordinal), AppRegistrationSpec.GraphScopes.Order(StringComparer.Ordinal));
    }
}
