using System;
using System.Linq;
using Amazon.DynamoDBv2;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Core;

/// <summary>Table descriptors come from the SDK's mapping attributes, once per class, with clear errors.</summary>
public sealed class TableDescriptorTests
{
    [Fact]
    public void A_descriptor_reads_name_keys_key_types_and_indexes()
    {
        var orders = DynamoTable.Of<Order>();

        Assert.Equal("orders", orders.Name);
        Assert.Equal(new KeyAttribute("CustomerId", "customer", ScalarAttributeType.S, typeof(string)), orders.HashKey);
        Assert.Equal(new KeyAttribute("PlacedAt", "placed", ScalarAttributeType.N, typeof(long)), orders.RangeKey);
        var byStatus = orders.Indexes.Single(i => i.Name == "by-status");
        Assert.True(byStatus.IsGlobal);
        Assert.Equal("Status", byStatus.HashKey.AttributeName);
        Assert.Null(byStatus.RangeKey);
        var byTotal = orders.Indexes.Single(i => i.Name == "by-total");
        Assert.False(byTotal.IsGlobal);
        Assert.Equal(orders.HashKey, byTotal.HashKey);
        Assert.Equal(ScalarAttributeType.N, byTotal.RangeKey!.Type);
    }

    [Fact]
    public void Two_descriptors_of_one_class_are_the_same_table()
    {
        Assert.Same(DynamoTable.Of<User>(), DynamoTable.Of<User>());
        DynamoTable[] tables = [DynamoTable.Of<User>(), DynamoTable.Of<Order>()];
        Assert.Contains(DynamoTable.Of<Order>(), tables);
        Assert.Equal("users (User; hash id:S)", DynamoTable.Of<User>().ToString());
    }

    [Fact]
    public void A_class_without_DynamoDBTable_is_named_in_the_error()
    {
        var ex = Assert.Throws<TableMappingException>(() => DynamoTable.Of<NotATable>());
        Assert.Contains(typeof(NotATable).FullName!, ex.Message, StringComparison.Ordinal);
        Assert.Contains("no [DynamoDBTable]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_a_hash_key_is_refused()
    {
        var ex = Assert.Throws<TableMappingException>(() => DynamoTable.Of<NoHashKey>());
        Assert.Contains("has no hash key", ex.Message, StringComparison.Ordinal);
        Assert.True(DynamoTable.TryOf<NoHashKey>().IsFail);
    }

    [Fact]
    public void A_key_of_an_unsupported_type_is_refused_naming_the_property()
    {
        var ex = Assert.Throws<TableMappingException>(() => DynamoTable.Of<BoolKey>());
        Assert.Contains("BoolKey.Id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Boolean", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_environment_is_not_an_environment()
    {
        var env = default(SessionEnv);
        var ex = Assert.Throws<InvalidOperationException>(() => env.Resolve(DynamoTable.Of<User>()));
        Assert.Contains("default(SessionEnv)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => env.CancellationToken);
    }
}
