namespace PeerMentor365.Tables.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Use_development_storage_expands_to_azurite_on_its_default_port()
    {
        var settings = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), settings.TableEndpoint);
        Assert.Equal("devstoreaccount1", settings.AccountName);
        Assert.Equal(64, settings.AccountKey.Length);
    }

    [Fact]
    public void An_explicit_table_endpoint_wins_and_setting_names_are_case_insensitive()
    {
        var settings = TableConnectionString.Parse("defaultendpointsprotocol=http; accountname=acct ; ACCOUNTKEY=AAAA;TableEndpoint=http://127.0.0.1:5555/acct;");

        Assert.Equal(new Uri("http://127.0.0.1:5555/acct"), settings.TableEndpoint);
        Assert.Equal("acct", settings.AccountName);
        Assert.Equal(new byte[] { 0, 0, 0 }, settings.AccountKey);
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=AAAA", "https://acct.table.core.windows.net/", "defaults: https and the public cloud")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=AAAA;EndpointSuffix=core.chinacloudapi.cn", "https://acct.table.core.chinacloudapi.cn/", "a sovereign cloud's suffix")]
    public void Without_a_table_endpoint_it_is_built_from_protocol_account_and_suffix(string connectionString, string expected, string reason)
    {
        Assert.Equal(new Uri(expected), TableConnectionString.Parse(connectionString).TableEndpoint);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Theory]
    [InlineData("AccountKey=AAAA", "no account name")]
    [InlineData("AccountName=acct", "no key")]
    [InlineData("AccountName=acct;AccountKey=not base64!", "a key that is not base64")]
    [InlineData("AccountName=acct;AccountKey=AAAA;TableEndpoint=not a url", "a relative endpoint")]
    [InlineData("just text", "not Name=Value pairs")]
    public void Unusable_connection_strings_are_a_format_error(string connectionString, string reason)
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));
        Assert.DoesNotContain("AAAA", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(reason));
    }
}
