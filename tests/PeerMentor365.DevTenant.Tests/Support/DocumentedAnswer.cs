using System.Text.Json.Nodes;

namespace PeerMentor365.DevTenant.Tests.Support;

/// <summary>The one check that a dev-tenant answer matches Graph's documented one: status, content type and body shape.</summary>
internal static class DocumentedAnswer
{
    public static void AssertMatches(string file, JsonObject documented, int status, RawResponse actual, IReadOnlyCollection<string>? notApplicable)
    {
        Assert.True(status == (int)actual.Status, $"{file}: expected {status}, got {(int)actual.Status}: {actual.Text}");
        if (GraphExamples.Header(documented["headers"]!.AsObject(), "Content-Type") is { } documentedType)
        {
            Assert.Equal(documentedType.Split(';')[0], actual.Headers["Content-Type"].Split(';')[0]);
        }

        if (documented["body"] is { } documentedBody)
        {
            var differences = JsonShape.Differences(documentedBody, actual.Body, notApplicable);
            Assert.True(differences.Count == 0, $"{file}:\n{string.Join('\n', differences)}\n\nGot: {actual.Text}");
            if (documentedBody["value"] is JsonArray { Count: > 0 })
            {
                Assert.NotEmpty(actual.Body["value"]!.AsArray());
            }
        }
        else
        {
            Assert.Empty(actual.Text);
        }
    }
}
