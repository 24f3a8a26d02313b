namespace PeerMentor365.Tables.Tests;

public sealed class QueryFilterTests
{
    [Fact]
    public void Each_argument_type_becomes_its_odata_literal()
    {
        var moment = new DateTimeOffset(2025, 5, 1, 14, 30, 0, TimeSpan.FromHours(2));
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

        var filter = TableClient.CreateQueryFilter(
            $"S eq {"O'Brien"} and I eq {42} and L eq {9007199254740993L} and D eq {2.0} and F eq {0.5} and B eq {true} and T eq {moment} and G eq {id} and X eq {new byte[] { 0x0A, 0xFF }} and E eq {DayOfWeek.Friday}");

        Assert.Equal(
            "S eq 'O''Brien' and I eq 42 and L eq 9007199254740993L and D eq 2.0 and F eq 0.5 and B eq true and T eq datetime'2025-05-01T12:30:00.0000000Z' and G eq guid'6f9619ff-8b86-d011-b42d-00cf4fc964ff' and X eq X'0AFF' and E eq 'Friday'",
            filter);
    }

    [Theory]
    [InlineData("x' or PartitionKey ne '", "PartitionKey eq 'x'' or PartitionKey ne '''", "an injection attempt stays one literal")]
    [InlineData("'", "PartitionKey eq ''''", "a lone quote")]
    [InlineData("", "PartitionKey eq ''", "empty")]
    public void Quotes_in_string_values_are_doubled_so_the_value_stays_one_literal(string value, string expected, string reason)
    {
        Assert.Equal(expected, TableClient.CreateQueryFilter($"PartitionKey eq {value}"));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Literals_do_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("R eq 1.5 and N eq 1000", TableClient.CreateQueryFilter($"R eq {1.5} and N eq {1000}"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Null_non_finite_and_unsupported_arguments_are_refused()
    {
        string? missing = null;
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {missing}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {double.NaN}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {1.5m}"));
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {new object()}"));
    }
}
