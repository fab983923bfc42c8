using System.Diagnostics.CodeAnalysis;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects;

/// <summary>
/// Decides, once per class, whether the compiled mapping covers it, and builds its codecs. It covers what the SDK's
/// attributes say that users rely on — <c>[DynamoDBProperty]</c> names and converters, <c>[DynamoDBIgnore]</c>,
/// <c>[DynamoDBVersion]</c>, hash/range and index keys, epoch dates — over strings, numbers, booleans, chars, Guids,
/// enums, dates, byte arrays, nullable value types, lists, arrays, sets, string-keyed dictionaries and nested classes.
/// Anything else (public fields, polymorphic or flattened types, atomic counters, auto-generated timestamps, a
/// <c>[DynamoDBConstructor]</c>, a conversion schema other than V2, nullable enums, interface-typed collections, a class
/// that contains itself...) sends the whole class to the SDK's path, with the reason.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal static class MappingPlanner
{
    // The attributes whose meaning the compiled mapping reproduces; any other DynamoDB attribute means "ask the SDK".
    private static readonly ImmutableHashSet<Type> Understood =
    [
        typeof(DynamoDBTableAttribute),
        typeof(DynamoDBPropertyAttribute),
        typeof(DynamoDBHashKeyAttribute),
        typeof(DynamoDBRangeKeyAttribute),
        typeof(DynamoDBGlobalSecondaryIndexHashKeyAttribute),
        typeof(DynamoDBGlobalSecondaryIndexRangeKeyAttribute),
        typeof(DynamoDBLocalSecondaryIndexRangeKeyAttribute),
        typeof(DynamoDBVersionAttribute),
        typeof(DynamoDBIgnoreAttribute),
    ];

    /// <summary>The codec of table class <typeparamref name="T"/>, or null and why the SDK's path must map it.</summary>
    public static ObjectCodec<T>? TryPlan<T>(DynamoTable table, out string? reason)
        where T : class, new()
    {
        try
        {
            var planner = new Planner(table);
            var codec = (ObjectCodec<T>)planner.ObjectCodec(typeof(T), root: true);
            reason = null;
            return codec;
        }
        catch (UnsupportedException ex)
        {
            reason = ex.Message;
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or MemberAccessException or TypeLoadException
            or System.Reflection.TargetInvocationException)
        {
            // A shape the planner did not foresee must never make a class unusable: the SDK maps it as before.
            reason = $"the compiled mapping could not be planned ({ex.GetType().Name}: {ex.Message}).";
            return null;
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    private sealed class UnsupportedException(string message) : Exception(message);

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    private sealed class Planner(DynamoTable table)
    {
        private readonly HashSet<Type> building = [];
        private bool camelRoot;
        private bool nested;

        public object ObjectCodec(Type type, bool root)
        {
            if (!building.Add(type))
            {
                throw new UnsupportedException($"{type.Name} contains itself (directly or through other classes).");
            }

            if (type.IsAbstract || type.IsInterface || type.IsValueType || type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new UnsupportedException($"{type.Name} is stored as a map but is not a class with a public parameterless constructor.");
            }

            if (!root)
            {
                nested = true;
                if (camelRoot)
                {
                    throw new UnsupportedException($"the table uses camel-cased attribute names and has a nested class ({type.Name}).");
                }
            }

            foreach (var attr in type.GetCustomAttributes<DynamoDBAttribute>(inherit: true))
            {
                if (!Understood.Contains(attr.GetType()))
                {
                    throw new UnsupportedException($"{type.Name} has [{Short(attr)}].");
                }

                if (attr is DynamoDBTableAttribute t)
                {
#pragma warning disable CS0618 // obsolete casing switch still changes names
                    camelRoot = root && (t.AttributeCasing is not CaseMode.Unset || t.LowerCamelCaseProperties);
#pragma warning restore CS0618
                    if (t.Conversion is not (ConversionSchema.Unset or ConversionSchema.V2))
                    {
                        throw new UnsupportedException($"{type.Name} asks for conversion schema {t.Conversion}.");
                    }
                }
            }

            if (camelRoot && nested)
            {
                throw new UnsupportedException("the table uses camel-cased attribute names and has a nested class.");
            }

            if (type.GetConstructors().Any(c => c.IsDefined(typeof(DynamoDBConstructorAttribute), inherit: true)))
            {
                throw new UnsupportedException($"{type.Name} has a [DynamoDBConstructor].");
            }

            if (type.GetFields(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(f => !f.IsDefined(typeof(DynamoDBIgnoreAttribute), inherit: true)) is { } field)
            {
                throw new UnsupportedException($"{type.Name}.{field.Name} is a public field.");
            }

            var codec = typeof(MappingPlanner).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [this, root], null)!;
            building.Remove(type);
            return codec;
        }

        public (PropertyInfo Property, string Name, object Codec)? Property(Type owner, PropertyInfo p, bool root)
        {
            if (p.IsDefined(typeof(DynamoDBIgnoreAttribute), inherit: true))
            {
                return null;
            }

            var where = $"{owner.Name}.{p.Name}";
            var attributes = p.GetCustomAttributes<DynamoDBAttribute>(inherit: true).ToList();
            if (attributes.FirstOrDefault(a => !Understood.Contains(a.GetType())) is { } other)
            {
                throw new UnsupportedException($"{where} has [{Short(other)}].");
            }

            if (p.GetIndexParameters().Length > 0)
            {
                throw new UnsupportedException($"{where} is an indexer.");
            }

            if (p.GetSetMethod(nonPublic: true) is null && p.GetGetMethod() is not null && attributes.Count == 0)
            {
                return null; // read-only and unmarked: the SDK does not store it either
            }

            if (p.GetGetMethod() is null || p.GetSetMethod(nonPublic: true) is null)
            {
                throw new UnsupportedException($"{where} lacks a public getter or a setter.");
            }

            if (camelRoot && p.DeclaringType != owner)
            {
                throw new UnsupportedException($"{where} is inherited and the table uses camel-cased attribute names.");
            }

            var name = AttributeNaming.NameOf(p);
            var property = attributes.OfType<DynamoDBPropertyAttribute>().ToList();
            var converter = property.Select(a => a.Converter).FirstOrDefault(c => c is not null);
#pragma warning disable CS0618 // StoreAsEpoch is obsolete but still honoured by the SDK for the data it wrote
            var epoch = property.Any(a => a.StoreAsEpoch);
#pragma warning restore CS0618
            var epochLong = property.Any(a => a.StoreAsEpochLong);
            if (converter is not null)
            {
                if (epoch || epochLong || !typeof(IPropertyConverter).IsAssignableFrom(converter) || converter.GetConstructor(Type.EmptyTypes) is null)
                {
                    throw new UnsupportedException($"{where} has a converter with epoch storage, or one without a public parameterless constructor.");
                }

                var instance = (IPropertyConverter)Activator.CreateInstance(converter)!;
                return (p, name, Activator.CreateInstance(typeof(ConverterCodec<>).MakeGenericType(p.PropertyType), instance)!);
            }

            if (epoch || epochLong)
            {
                var isKey = table.HashKey.PropertyName == p.Name || table.RangeKey?.PropertyName == p.Name || table.Indexes.Any(i => i.HashKey.PropertyName == p.Name || i.RangeKey?.PropertyName == p.Name);
                if (!root || isKey || (p.PropertyType != typeof(DateTime) && p.PropertyType != typeof(DateTime?)))
                {
                    throw new UnsupportedException($"{where}: epoch storage is covered for top-level DateTime properties that are not keys.");
                }

                var dates = epochLong ? DateTimeCodec.EpochLongSeconds : DateTimeCodec.EpochSeconds;
                return (p, name, p.PropertyType == typeof(DateTime) ? dates : new NullableCodec<DateTime>(dates));
            }

            return (p, name, CodecOf(p.PropertyType, where));
        }

        private object CodecOf(Type t, string where)
        {
            if (ScalarCodecs.For(t) is { } scalar)
            {
                return scalar;
            }

            if (Nullable.GetUnderlyingType(t) is { } inner)
            {
                // The SDK stores a nullable enum as a map of its boxed fields ({"value__": n}); leave that to it.
                return inner.IsEnum
                    ? throw new UnsupportedException($"{where} is a nullable enum.")
                    : Make(typeof(NullableCodec<>), [inner], CodecOf(inner, where));
            }

            if (t.IsArray && t.GetArrayRank() == 1)
            {
                var e = t.GetElementType()!;
                return Make(typeof(CollectionCodecs.Array<>), [e], Element(e, where));
            }

            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                var e = t.GetGenericArguments()[0];
                return Make(typeof(CollectionCodecs.List<>), [e], Element(e, where));
            }

            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(HashSet<>))
            {
                var e = t.GetGenericArguments()[0];
                CollectionCodecs.SetKind? kind = e == typeof(string) || e == typeof(Guid) ? CollectionCodecs.SetKind.String
                    : e == typeof(byte[]) ? CollectionCodecs.SetKind.Binary
                    : IsInteger(e) || e == typeof(double) || e == typeof(float) || e == typeof(decimal) ? CollectionCodecs.SetKind.Number
                    : null;
                return kind is { } k
                    ? Make(typeof(CollectionCodecs.Set<>), [e], CodecOf(e, where), k)
                    : throw new UnsupportedException($"{where} is a set of {e.Name}.");
            }

            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) && t.GetGenericArguments()[0] == typeof(string))
            {
                var e = t.GetGenericArguments()[1];
                return Make(typeof(CollectionCodecs.Map<>), [e], Element(e, where));
            }

            if (t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith("System", StringComparison.Ordinal) != true && !typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
            {
                return ObjectCodec(t, root: false);
            }

            throw new UnsupportedException($"{where} has type {t.Name}, which the compiled mapping does not cover.");
        }

        private object Element(Type e, string where) =>
            Nullable.GetUnderlyingType(e) is not null ? throw new UnsupportedException($"{where} holds nullable elements.") : CodecOf(e, where);

        private static bool IsInteger(Type t) =>
            !t.IsEnum && Type.GetTypeCode(t) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64;

        private static object Make(Type open, Type[] arguments, params object[] constructorArguments)
        {
            var closed = open.MakeGenericType(arguments);
            return constructorArguments.Length == 0 && closed.GetField("Instance", BindingFlags.Public | BindingFlags.Static) is { } single
                ? single.GetValue(null)!
                : Activator.CreateInstance(closed, constructorArguments)!;
        }

        private static string Short(Attribute a) => a.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal);
    }

    private static ObjectCodec<O> Build<O>(Planner planner, bool root)
        where O : class, new()
    {
        var codec = new ObjectCodec<O>();
        var maps = ImmutableArray.CreateBuilder<PropertyMap<O>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in typeof(O).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (planner.Property(typeof(O), p, root) is not { } mapped)
            {
                continue;
            }

            if (!names.Add(mapped.Name))
            {
                throw new UnsupportedException($"{typeof(O).Name} stores two properties as '{mapped.Name}'.");
            }

            maps.Add(PropertyMap<O>.For(mapped.Property, mapped.Name, mapped.Codec));
        }

        codec.Properties = maps.ToImmutable();
        return codec;
    }
}
