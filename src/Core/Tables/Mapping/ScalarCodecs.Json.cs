using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SessionEffects;

/// <summary>
/// The scalar codecs read straight from response JSON: each accepts exactly the form its <c>TryRead</c> accepts (the
/// same parse, over the UTF-8 text where it can), so an item reads the same either way.
/// </summary>
internal static partial class ScalarCodecs
{
    /// <summary>Room for an escaped number's text (DynamoDB's numbers have at most 38 digits, a sign and an exponent).</summary>
    private const int NumberRoom = 128;

    /// <summary>
    /// A number attribute (<c>{"N":"..."}</c>) parsed from its UTF-8 text as <typeparamref name="N"/>'s string parse
    /// would parse it: the raw bytes, or, when the JSON escapes a character (<c>\u002B</c> for a plus), the unescaped
    /// text; false for any other form.
    /// </summary>
    private static bool TryNumber<N>(ref Utf8JsonReader reader, NumberStyles style, out N value)
        where N : INumberBase<N>
    {
        value = N.Zero;
        if (!AttributeJson.Open(ref reader, "N"u8) || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        N? parsed;
        if (!reader.ValueIsEscaped)
        {
            if (!N.TryParse(reader.ValueSpan, style, CultureInfo.InvariantCulture, out parsed))
            {
                return false;
            }
        }
        else
        {
            System.Span<byte> room = stackalloc byte[NumberRoom];
            if (reader.ValueSpan.Length > NumberRoom || !N.TryParse(room[..reader.CopyString(room)], style, CultureInfo.InvariantCulture, out parsed))
            {
                return false;
            }
        }

        value = parsed;
        return AttributeJson.Close(ref reader);
    }

    public sealed partial class String
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out string? value)
        {
            value = AttributeJson.Open(ref reader, "S"u8) ? AttributeJson.Text(ref reader) : null;
            return value is not null && AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Bool
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out bool value)
        {
            value = false;
            if (!AttributeJson.Open(ref reader, "BOOL"u8) || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
            {
                return false;
            }

            value = reader.TokenType == JsonTokenType.True;
            return AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Char
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out char value)
        {
            value = default;
            if (!AttributeJson.Open(ref reader, "S"u8) || AttributeJson.Text(ref reader) is not { Length: 1 } s)
            {
                return false;
            }

            value = s[0];
            return AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Guid
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out System.Guid value)
        {
            value = default;
            System.Span<char> text = stackalloc char[40];
            if (!AttributeJson.Open(ref reader, "S"u8) || reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 40)
            {
                return false;
            }

            var length = reader.CopyString(text);
            return System.Guid.TryParseExact(text[..length], "D", out value) && AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Bytes
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out byte[]? value)
        {
            value = null;
            return AttributeJson.Open(ref reader, "B"u8) && reader.TokenType == JsonTokenType.String
                && reader.TryGetBytesFromBase64(out value) && AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Integer<N>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out N value)
        {
            return TryNumber(ref reader, NumberStyles.Integer, out value);
        }
    }

    public sealed partial class Floating<N>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out N value)
        {
            return TryNumber(ref reader, NumberStyles.Float, out value);
        }
    }

    public sealed partial class Decimal
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out decimal value)
        {
            return TryNumber(ref reader, NumberStyles.Float, out value);
        }
    }

    public sealed partial class Enum<E, U>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out E value)
        {
            var ok = Integer<U>.Instance.TryReadJson(ref reader, out var number);
            value = Unsafe.As<U, E>(ref number);
            return ok;
        }
    }
}
