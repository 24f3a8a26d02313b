using Azure;
using PeerMentor365.Api.Concurrency;

namespace PeerMentor365.Api.Tests.Concurrency;

/// <summary>The API's ETag wraps the table entity's ETag reversibly; anything else is malformed.</summary>
public sealed class ETagTests
{
    private static readonly ETag TableETag = new("W/\"datetime'2026-11-22T10%3A00%3A00.1234567Z'\"");

    [Fact]
    public void An_api_etag_is_weak_opaque_and_gives_back_the_table_etag()
    {
        var api = ApiETag.From(TableETag);

        Assert.Matches("^W/\"[A-Za-z0-9_-]+\"$", api);
        Assert.True(ApiETag.TryParse(api, out var back));
        Assert.Equal(TableETag, back);
        Assert.True(ApiETag.TryParse(api[2..], out var strong)); // a proxy may drop W/
        Assert.Equal(TableETag, strong);
    }

    [Theory]
    [InlineData("")] // empty
    [InlineData("*")] // any version
    [InlineData("abc")] // not quoted
    [InlineData("\"abc\"")] // quoted, but not base64url of an ETag
    [InlineData("W/\"%%%\"")] // not base64url
    [InlineData("W/\"dGV4dA==\"")] // padded base64
    [InlineData("W/\"dGV4dA\"")] // base64url of "text", which is no ETag
    public void Anything_else_is_malformed(string value) => Assert.False(ApiETag.TryParse(value, out _));

    [Fact]
    public void The_change_log_names_the_fields_changed_since_a_version_and_all_once_it_aged_out()
    {
        string? log = null;
        var etags = Enumerable.Range(0, ChangeLog.MaxEntries + 2).Select(i => new ETag($"W/\"v{i}\"")).ToList();
        for (var i = 0; i <= ChangeLog.MaxEntries; i++)
        {
            log = ChangeLog.Append(log, etags[i], i == 0 ? ["due"] : ["text"]);
        }

        IReadOnlyList<string> all = ["text", "due", "status"];
        Assert.Equal(["text"], ChangeLog.ChangedSince(log, etags[ChangeLog.MaxEntries], all));
        Assert.Equal(["text"], ChangeLog.ChangedSince(log, etags[1], all));
        Assert.Equal(all, ChangeLog.ChangedSince(log, etags[0], all)); // that entry fell off
        Assert.Equal(all, ChangeLog.ChangedSince("not json", etags[1], all));
    }
}
