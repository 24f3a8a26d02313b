namespace PeerMentor365.Tables.Tests;

[Collection(AzuriteGroup.Name)]
public sealed class TypeRoundTripTests(AzuriteFixture azurite)
{
    private const long BeyondDoublePrecision = (1L << 53) + 1;

    [Fact]
    public async Task Every_supported_property_type_round_trips_exactly()
    {
        var table = await azurite.CreateTableAsync();
        var sent = new AllTypesEntity
        {
            PartitionKey = "p",
            RowKey = "r",
            Text = "Ana's \"notes\" — ünïcödé",
            Small = -42,
            Large = BeyondDoublePrecision,
            Ratio = 3.0,
            Flag = true,
            Moment = new DateTimeOffset(2025, 3, 30, 1, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567),
            UtcTime = new DateTime(2025, 10, 26, 0, 59, 59, DateTimeKind.Utc).AddTicks(1),
            Id = Guid.NewGuid(),
            Bytes = [0, 1, 2, 250, 255],
            State = CommitmentState.Dropped,
            MaybeSmall = int.MaxValue,
            MaybeLarge = long.MinValue,
            MaybeRatio = -0.5,
            MaybeFlag = false,
            MaybeMoment = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
            MaybeUtcTime = new DateTime(2099, 12, 31, 23, 59, 59, DateTimeKind.Utc),
            MaybeId = Guid.Empty,
            MaybeState = CommitmentState.Done,
            NotStored = "ignored",
        };

        await table.AddEntityAsync(sent);
        var read = (await table.GetEntityAsync<AllTypesEntity>("p", "r")).Value;

        Assert.Equal(sent.Text, read.Text);
        Assert.Equal(sent.Small, read.Small);
        Assert.Equal(BeyondDoublePrecision, read.Large);
        Assert.Equal(3.0, read.Ratio);
        Assert.True(read.Flag);
        Assert.Equal(sent.Moment, read.Moment);
        Assert.Equal(TimeSpan.Zero, read.Moment.Offset);
        Assert.Equal(sent.UtcTime, read.UtcTime);
        Assert.Equal(DateTimeKind.Utc, read.UtcTime.Kind);
        Assert.Equal(sent.Id, read.Id);
        Assert.Equal(sent.Bytes, read.Bytes);
        Assert.Equal(CommitmentState.Dropped, read.State);
        Assert.Equal(int.MaxValue, read.MaybeSmall);
        Assert.Equal(long.MinValue, read.MaybeLarge);
        Assert.Equal(-0.5, read.MaybeRatio);
        Assert.False(read.MaybeFlag);
        Assert.Equal(sent.MaybeMoment, read.MaybeMoment);
        Assert.Equal(sent.MaybeUtcTime, read.MaybeUtcTime);
        Assert.Equal(Guid.Empty, read.MaybeId);
        Assert.Equal(CommitmentState.Done, read.MaybeState);
        Assert.Null(read.NotStored);
    }

    [Fact]
    public async Task Null_properties_are_not_stored_and_read_back_as_null()
    {
        var table = await azurite.CreateTableAsync();

        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "r" });
        var typed = (await table.GetEntityAsync<AllTypesEntity>("p", "r")).Value;
        var bag = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Null(typed.Text);
        Assert.Null(typed.Bytes);
        Assert.Null(typed.MaybeSmall);
        Assert.Null(typed.MaybeLarge);
        Assert.Null(typed.MaybeMoment);
        Assert.Null(typed.MaybeState);
        Assert.False(bag.ContainsKey("Text"));
        Assert.False(bag.ContainsKey("MaybeLarge"));
        Assert.False(bag.ContainsKey("NotStored"));
        Assert.False(bag.ContainsKey("Computed"));
        Assert.True(bag.ContainsKey("Small"));
    }

    [Fact]
    public async Task The_stored_edm_types_are_the_ones_queries_compare_with()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "r", Large = BeyondDoublePrecision, Ratio = 2.0, Id = Guid.Parse("b0b0b0b0-0000-4000-8000-000000000001"), Bytes = [1] });

        var bag = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        // Read without a schema, the annotations alone give these types: Int64 stays exact, an integral double stays a double.
        Assert.IsType<long>(bag["Large"]);
        Assert.IsType<double>(bag["Ratio"]);
        Assert.IsType<int>(bag["Small"]);
        Assert.IsType<Guid>(bag["Id"]);
        Assert.IsType<DateTimeOffset>(bag["Moment"]);
        Assert.IsType<byte[]>(bag["Bytes"]);
        Assert.Equal("Open", bag["State"]);
        Assert.Equal(BeyondDoublePrecision, bag.GetInt64("Large"));
    }

    [Fact]
    public async Task A_property_bag_round_trips_every_type_and_its_getters_widen_numbers()
    {
        var table = await azurite.CreateTableAsync();
        var moment = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var sent = new TableEntity("p", "r")
        {
            ["Text"] = "x",
            ["Small"] = 7,
            ["Large"] = long.MaxValue,
            ["Ratio"] = 10.0,
            ["NotANumber"] = double.NaN,
            ["Infinite"] = double.PositiveInfinity,
            ["Flag"] = true,
            ["Moment"] = moment,
            ["UtcTime"] = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["Id"] = id,
            ["Bytes"] = new byte[] { 9, 8, 7 },
            ["State"] = CommitmentState.Open,
            ["Nothing"] = null,
        };

        await table.AddEntityAsync(sent);
        var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal("x", read.GetString("Text"));
        Assert.Equal(7, read.GetInt32("Small"));
        Assert.Equal(7L, read.GetInt64("Small"));
        Assert.Equal(7.0, read.GetDouble("Small"));
        Assert.Equal(long.MaxValue, read.GetInt64("Large"));
        Assert.Equal(10.0, read.GetDouble("Ratio"));
        Assert.True(double.IsNaN(read.GetDouble("NotANumber")!.Value));
        Assert.Equal(double.PositiveInfinity, read.GetDouble("Infinite"));
        Assert.True(read.GetBoolean("Flag"));
        Assert.Equal(moment, read.GetDateTimeOffset("Moment"));
        Assert.Equal(moment, read.GetDateTimeOffset("UtcTime"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(new byte[] { 9, 8, 7 }, read.GetBinary("Bytes"));
        Assert.Equal("Open", read.GetString("State"));
        Assert.Null(read["Nothing"]);
        Assert.Null(read.GetString("Missing"));
        Assert.Throws<InvalidOperationException>(() => read.GetInt32("Text"));
    }

    [Fact]
    public async Task A_class_ignores_stored_properties_it_does_not_have()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "r", Text = "kept", Large = 5 });

        var narrow = (await table.GetEntityAsync<NarrowEntity>("p", "r")).Value;

        Assert.Equal("kept", narrow.Text);
    }

    [Fact]
    public async Task A_local_datetime_is_stored_as_the_same_instant_in_utc()
    {
        var table = await azurite.CreateTableAsync();
        var local = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Local);

        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "r", UtcTime = local });
        var read = (await table.GetEntityAsync<AllTypesEntity>("p", "r")).Value;

        Assert.Equal(local.ToUniversalTime(), read.UtcTime);
    }

    [Fact]
    public async Task Dates_before_1601_and_unsupported_property_types_are_refused_before_sending()
    {
        var table = await azurite.CreateTableAsync();

        var early = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "r", Moment = new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero) }));
        var unsupported = await Assert.ThrowsAsync<InvalidOperationException>(() => table.AddEntityAsync(new UnsupportedEntity { PartitionKey = "p", RowKey = "r" }));
        var bag = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["Price"] = 1.5m }));

        Assert.Contains("Moment", early.Message, StringComparison.Ordinal);
        Assert.Contains("Price", unsupported.Message, StringComparison.Ordinal);
        Assert.Contains("Price", bag.Message, StringComparison.Ordinal);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }
}
