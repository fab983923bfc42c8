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

/// <summary>The planner's choice of codec for a property's type: scalars, nullables, collections and nested classes.</summary>
internal static partial class MappingPlanner
{
    private sealed partial class Planner
    {
        private object CodecOf(Type t, string where)
        {
            if (ScalarCodecs.For(t) is { } scalar)
            {
                return scalar;
            }

            if (Nullable.GetUnderlyingType(t) is { } inner)
            {
                // The SDK stores a nullable enum as a map of its boxed fields ({"value__": n}), and so does this codec.
                return inner.IsEnum
                    ? Make(typeof(NullableEnumCodec<>), [inner], CodecOf(inner, where))
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
    }
}
