using System.Diagnostics.CodeAnalysis;
using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One mapped property of <typeparamref name="O"/>: its stored name, and compiled delegates that read and write it
/// through its codec. Built once per class; mapping an item calls delegates only.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal abstract class PropertyMap<O>(string attributeName)
{
    /// <summary>The attribute name the property is stored under.</summary>
    public string AttributeName { get; } = attributeName;

    /// <summary>The stored name in UTF-8, compared with the names in response JSON.</summary>
    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(attributeName);

    /// <summary>Adds the property's attribute to <paramref name="map"/> (or nothing); false when the SDK must map the item.</summary>
    public abstract bool Write(O item, Dictionary<string, AttributeValue> map);

    /// <summary>Whether the property holds null (a save removes its attribute then, as DynamoDBContext's does).</summary>
    public abstract bool IsNull(O item);

    /// <summary>Sets the property from its stored attribute; false when the stored form is one only the SDK reads.</summary>
    public abstract bool Read(O item, AttributeValue stored);

    /// <summary>Sets the property from its attribute's JSON (reader at its start, at its end when true); false as <see cref="Read"/>.</summary>
    public abstract bool ReadJson(O item, ref Utf8JsonReader reader);

    /// <summary>
    /// A value given for this property (a key value) as its attribute; null when the value is not of the property's
    /// type or is one the compiled mapping leaves to the SDK (the caller then converts it the general way).
    /// </summary>
    public abstract AttributeValue? WriteValue(object value);

    /// <summary>The map of <paramref name="property"/> with <paramref name="codec"/> (a <c>ValueCodec</c> of the property's type).</summary>
    public static PropertyMap<O> For(PropertyInfo property, string attributeName, object codec) =>
        (PropertyMap<O>)Activator.CreateInstance(typeof(Accessor<>).MakeGenericType(typeof(O), property.PropertyType), property, attributeName, codec)!;

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    private sealed class Accessor<V>(PropertyInfo property, string attributeName, ValueCodec<V> codec) : PropertyMap<O>(attributeName)
    {
        private readonly Func<O, V> get = property.GetGetMethod()!.CreateDelegate<Func<O, V>>();
        private readonly Action<O, V> set = property.GetSetMethod(nonPublic: true)!.CreateDelegate<Action<O, V>>();

        public override bool Write(O item, Dictionary<string, AttributeValue> map)
        {
            var av = codec.Write(get(item));
            if (av is null)
            {
                return true;
            }

            if (ReferenceEquals(av, Codec.Defer))
            {
                return false;
            }

            map[AttributeName] = av;
            return true;
        }

        public override bool IsNull(O item) => get(item) is null;

        public override AttributeValue? WriteValue(object value) =>
            value is V v && codec.Write(v) is { } av && !ReferenceEquals(av, Codec.Defer) ? av : null;

        public override bool Read(O item, AttributeValue stored)
        {
            if (!codec.TryRead(stored, out var value))
            {
                return false;
            }

            set(item, value);
            return true;
        }

        public override bool ReadJson(O item, ref Utf8JsonReader reader)
        {
            if (!codec.TryReadJson(ref reader, out var value))
            {
                return false;
            }

            set(item, value);
            return true;
        }
    }
}
