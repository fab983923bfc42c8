using System.Diagnostics.CodeAnalysis;
using System;
using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A boxed key value of a scalar type (string, number, enum, Guid, char, DateTime, byte array) as the attribute value
/// the SDK's V2 conversion makes of it, through the compiled mapping's codecs: no <c>Document</c> per value. Other
/// types, and values a codec leaves to the SDK, give null (the caller converts them the general way).
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal static class ScalarAttribute
{
    private static readonly ConcurrentDictionary<Type, Func<object, AttributeValue?>?> ByType = new();

    public static AttributeValue? Of(Type type, object value) =>
        ByType.GetOrAdd(type, static t => Build(t)) is { } write ? write(value) : null;

    private static Func<object, AttributeValue?>? Build(Type t)
    {
        var codec = ScalarCodecs.For(t);
        return codec is null ? null
            : (Func<object, AttributeValue?>)typeof(ScalarAttribute).GetMethod(nameof(Writer), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(t).Invoke(null, [codec])!;
    }

    private static Func<object, AttributeValue?> Writer<V>(ValueCodec<V> codec) =>
        value => value is V v && codec.Write(v) is { } av && !ReferenceEquals(av, Codec.Defer) ? av : null;
}
