using System.Collections.Generic;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Copy;

/// <summary>
/// How numbers are compared when a copy is verified and when keys are told apart: equal values written differently are
/// one number; different values are two, up to DynamoDB's 38 significant digits (beyond what <c>decimal</c> holds).
/// </summary>
public sealed class NumberIdentityTests
{
    private static readonly DynamoTable<Shipment> Shipments = CopyFixture.Shipments;

    [Theory]
    [InlineData("1.5", "1.50")]
    [InlineData("1.5", "15E-1")]
    [InlineData("1500", "1.5e3")]
    [InlineData("0", "-0.000")]
    [InlineData("-12", "-012.0")]
    [InlineData("100000000000000000000000000000000000000", "1E+38")]
    public void Equal_values_written_differently_have_one_digest_and_one_key(string a, string b)
    {
        Assert.Equal(ItemDigest.Of(Item(a)), ItemDigest.Of(Item(b)));
        Assert.Equal(KeyIdentity.Of(Shipments, Key(a)), KeyIdentity.Of(Shipments, Key(b)));
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789012", "0.12345678901234567890123456789013")]
    [InlineData("1.0000000000000000000000000000001", "1")]
    [InlineData("12345678901234567890123456789012345678", "12345678901234567890123456789012345679")]
    [InlineData("1E-130", "2E-130")]
    public void Values_that_differ_beyond_decimal_precision_stay_different(string a, string b)
    {
        Assert.NotEqual(ItemDigest.Of(Item(a)), ItemDigest.Of(Item(b)));
        Assert.NotEqual(KeyIdentity.Of(Shipments, Key(a)), KeyIdentity.Of(Shipments, Key(b)));
    }

    [Property(MaxTest = 300)]
    public Property Within_decimal_range_the_canonical_text_equal_means_decimal_equal(decimal x, decimal y) =>
        (NumberText.Canonical(x.ToString(CultureInfo.InvariantCulture)) == NumberText.Canonical(y.ToString("E20", CultureInfo.InvariantCulture)) == (x == decimal.Parse(y.ToString("E20", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToProperty();

    private static Dictionary<string, AttributeValue> Item(string number) => new() { ["id"] = new AttributeValue { S = "a" }, ["n"] = new AttributeValue { N = number } };

    private static Dictionary<string, AttributeValue> Key(string number) =>
        new() { [Shipments.HashKey.AttributeName] = new AttributeValue { S = "t" }, [Shipments.RangeKey!.AttributeName] = new AttributeValue { N = number } };
}
