using System.Text.Json.Nodes;
using PeerMentor365.DevTenant.Tests.Support;

namespace PeerMentor365.DevTenant.Tests;

/// <summary>The shape comparison the conformance tests rely on must itself catch differences.</summary>
public sealed class JsonShapeTests
{
    private static List<string> Compare(string documented, string actual, params string[] skip) =>
        JsonShape.Differences(JsonNode.Parse(documented), JsonNode.Parse(actual), skip);

    [Fact]
    public void Equal_shapes_with_extra_properties_and_other_values_match() =>
        Assert.Empty(Compare(
            """{"a": "x", "n": 1, "o": {"b": true}, "list": [{"c": "y"}], "nullable": null}""",
            """{"a": "z", "n": 2.5, "o": {"b": false, "extra": 1}, "list": [{"c": "q"}, {"c": "r"}], "nullable": {"any": 1}, "more": []}"""));

    [Theory]
    [InlineData("""{"a": "x"}""", """{"A": "x"}""", "$.a: missing")]
    [InlineData("""{"a": "x"}""", """{"a": 1}""", "$.a: documented String, got Number")]
    [InlineData("""{"o": {"b": {"c": 1}}}""", """{"o": {"b": {"c": "1"}}}""", "$.o.b.c: documented Number, got String")]
    [InlineData("""{"list": [{"c": "y"}]}""", """{"list": [{"c": "y"}, {"d": "y"}]}""", "$.list[*].c: missing")]
    [InlineData("""{"a": {"b": 1}}""", """{"a": null}""", "$.a: documented Object, got null")]
    [InlineData("""{"a": []}""", """{"a": {}}""", "$.a: documented Array, got Object")]
    public void Differences_are_reported_with_their_path(string documented, string actual, string expected) =>
        Assert.Equal([expected], Compare(documented, actual));

    [Fact]
    public void Skipped_paths_are_not_compared() =>
        Assert.Empty(Compare("""{"a": {"b": 1}, "c": "x"}""", """{"a": {}, "c": "x"}""", "$.a.b"));
}
