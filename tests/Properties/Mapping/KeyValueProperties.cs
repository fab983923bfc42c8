using System;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SessionEffects.Properties.Mapping;

/// <summary>
/// Key values (and every other scalar given for a key) are converted by the compiled codecs without a Document; for
/// random values of every key type the result equals the SDK's V2 conversion of the same value.
/// </summary>
public sealed class KeyValueProperties
{
    [Property(MaxTest = 300)]
    public Property Integers_convert_as_the_SDK_converts_them(long l, int i, short s, byte b, ulong u) =>
        Same(l).And(Same(i)).And(Same(s)).And(Same(b)).And(Same(u));

    [Property(MaxTest = 300)]
    public Property Fractions_convert_as_the_SDK_converts_them(decimal m, NormalFloat d) =>
        Same(m).And(Same(d.Get)).And(Same((float)d.Get)).And(Same(d.Get * 1e-300)).And(Same(d.Get * 1e300));

    [Property(MaxTest = 300)]
    public Property Text_dates_ids_and_enums_convert_as_the_SDK_converts_them(NonNull<string> text, Guid g, char c, int ticks, Shade shade, byte[] bytes) =>
        Same(text.Get).And(Same(g)).And(Same(c)).And(Same(DateTime.UnixEpoch.AddSeconds(ticks).AddMilliseconds(ticks % 1000)))
            .And(Same(shade)).And(bytes.Length == 0 ? Same(1) : Same(bytes));

    private static Property Same<V>(V value)
        where V : notnull
    {
        var ours = ScalarAttribute.Of(typeof(V), value);
        var sdk = AttributeValues.Of(AttributeValues.Conversion.ConvertToEntry(typeof(V), value));
        return (ours is not null && Show(ours) == Show(sdk)).Label($"{typeof(V).Name} {value}: ours {(ours is null ? "none" : Show(ours))}, SDK {Show(sdk)}");
    }

    private static string Show(AttributeValue v) =>
        v.S is not null ? "S:" + v.S : v.N is not null ? "N:" + v.N : v.B is not null ? "B:" + Convert.ToBase64String(v.B.ToArray()) : v.BOOL is { } b ? "BOOL:" + b : "?";
}
