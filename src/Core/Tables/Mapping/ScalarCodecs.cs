using System.Diagnostics.CodeAnalysis;
using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The scalar codecs, each writing exactly what the SDK's V2 conversion writes: strings as S (empty kept), booleans as
/// BOOL, numbers as N in invariant culture (floating point in round-trip form with a lower-case exponent, as the SDK
/// formats it), enums as their underlying number, <see cref="Guid"/> and <see cref="char"/> as S, byte arrays as B.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal static partial class ScalarCodecs
{
    /// <summary>The codec of scalar type <paramref name="t"/> (a <c>ValueCodec</c> of it), or null for any other type.</summary>
    public static object? For(Type t)
    {
        static object Make(Type open, params Type[] arguments) =>
            open.MakeGenericType(arguments).GetField("Instance", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

        return t == typeof(string) ? String.Instance
            : t == typeof(bool) ? Bool.Instance
            : t == typeof(char) ? Char.Instance
            : t == typeof(System.Guid) ? Guid.Instance
            : t == typeof(byte[]) ? Bytes.Instance
            : t == typeof(DateTime) ? DateTimeCodec.Text
            : t == typeof(decimal) ? Decimal.Instance
            : t == typeof(double) || t == typeof(float) ? Make(typeof(Floating<>), t)
            : t.IsEnum ? Make(typeof(Enum<,>), t, System.Enum.GetUnderlyingType(t))
            : Type.GetTypeCode(t) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64
                ? Make(typeof(Integer<>), t)
                : null;
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class String : ValueCodec<string?>
    {
        public static readonly String Instance = new();

        public override AttributeValue? Write(string? value) => value is null ? null : new AttributeValue { S = value };

        public override bool TryRead(AttributeValue stored, out string? value)
        {
            value = stored.S;
            return value is not null;
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Bool : ValueCodec<bool>
    {
        public static readonly Bool Instance = new();

        public override AttributeValue? Write(bool value) => new() { BOOL = value };

        public override bool TryRead(AttributeValue stored, out bool value)
        {
            value = stored.BOOL.GetValueOrDefault();
            return stored.BOOL.HasValue;
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Char : ValueCodec<char>
    {
        public static readonly Char Instance = new();

        public override AttributeValue? Write(char value) => new() { S = value.ToString() };

        public override bool TryRead(AttributeValue stored, out char value)
        {
            value = stored.S is { Length: 1 } s ? s[0] : default;
            return stored.S is { Length: 1 };
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Guid : ValueCodec<System.Guid>
    {
        public static readonly Guid Instance = new();

        public override AttributeValue? Write(System.Guid value) => new() { S = value.ToString("D") };

        public override bool TryRead(AttributeValue stored, out System.Guid value)
        {
            value = default;
            return stored.S is { } s && System.Guid.TryParseExact(s, "D", out value);
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Bytes : ValueCodec<byte[]?>
    {
        public static readonly Bytes Instance = new();

        // An empty array is left to the SDK: what it stores for one is its business, and it is rare.
        public override AttributeValue? Write(byte[]? value) =>
            value is null ? null : value.Length == 0 ? Codec.Defer : new AttributeValue { B = new MemoryStream(value, writable: false) };

        public override bool TryRead(AttributeValue stored, out byte[]? value)
        {
            value = stored.B?.ToArray();
            return value is not null;
        }
    }

    /// <summary>Integers of every width: N in invariant culture.</summary>
    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Integer<N> : ValueCodec<N>
        where N : IBinaryInteger<N>
    {
        public static readonly Integer<N> Instance = new();

        public override AttributeValue? Write(N value) => new() { N = value.ToString(null, CultureInfo.InvariantCulture) };

        public override bool TryRead(AttributeValue stored, out N value)
        {
            if (stored.N is { } n && N.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }

            value = N.Zero;
            return false;
        }
    }

    /// <summary><see cref="float"/> and <see cref="double"/>: round-trip text with the SDK's lower-case exponent (<c>1e+20</c>).</summary>
    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Floating<N> : ValueCodec<N>
        where N : IFloatingPointIeee754<N>
    {
        public static readonly Floating<N> Instance = new();

        public override AttributeValue? Write(N value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return new() { N = text.Contains('E', StringComparison.Ordinal) ? text.Replace('E', 'e') : text };
        }

        public override bool TryRead(AttributeValue stored, out N value)
        {
            if (stored.N is { } n && N.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }

            value = N.Zero;
            return false;
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Decimal : ValueCodec<decimal>
    {
        public static readonly Decimal Instance = new();

        public override AttributeValue? Write(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

        public override bool TryRead(AttributeValue stored, out decimal value)
        {
            value = 0;
            return stored.N is { } n && decimal.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>An enum as its underlying number, as the SDK stores it.</summary>
    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Enum<E, U> : ValueCodec<E>
        where E : struct, System.Enum
        where U : IBinaryInteger<U>
    {
        public static readonly Enum<E, U> Instance = new();

        public override AttributeValue? Write(E value) => Integer<U>.Instance.Write(Unsafe.As<E, U>(ref value));

        public override bool TryRead(AttributeValue stored, out E value)
        {
            var ok = Integer<U>.Instance.TryRead(stored, out var number);
            value = Unsafe.As<U, E>(ref number);
            return ok;
        }
    }
}
