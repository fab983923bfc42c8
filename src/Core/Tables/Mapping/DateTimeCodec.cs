using System.Diagnostics.CodeAnalysis;
using System;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// <see cref="DateTime"/> as the SDK stores it: UTC ISO 8601 text with milliseconds (<c>2024-01-02T03:04:05.678Z</c>),
/// or, for <c>[DynamoDBProperty(StoreAsEpoch = true)]</c> / <c>StoreAsEpochLong</c>, whole seconds since 1970 as N
/// (rounded as the SDK rounds; a date outside a 32-bit epoch stays text, as the SDK leaves it). Reads give UTC, and
/// also read the seven-digit form of DynamoDBContext's generated timestamps.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class DateTimeCodec : ValueCodec<DateTime>
{
    private const string Iso = "yyyy-MM-dd\\THH:mm:ss.fff\\Z";

    // The form DynamoDBContext stores a generated timestamp in ("o" of a UTC time: seven fractional digits).
    private const string RoundTrip = "yyyy-MM-dd\\THH:mm:ss.fffffff\\Z";

    private static readonly string[] Readable = [Iso, RoundTrip];

    private readonly EpochMode epoch;

    private DateTimeCodec(EpochMode epoch) => this.epoch = epoch;

    /// <summary>How the date is stored.</summary>
    public enum EpochMode
    {
        None,
        Seconds,
        LongSeconds,
    }

    public static DateTimeCodec Text { get; } = new(EpochMode.None);

    public static DateTimeCodec EpochSeconds { get; } = new(EpochMode.Seconds);

    public static DateTimeCodec EpochLongSeconds { get; } = new(EpochMode.LongSeconds);

    public override AttributeValue? Write(DateTime value)
    {
        var utc = value.ToUniversalTime();
        if (epoch != EpochMode.None)
        {
            // The SDK converts the date to its millisecond text first and the epoch from that text, so the ticks below a
            // millisecond never take part in the rounding (1965-12-25T03:48:00.5000001Z is -126821520, not ...519).
            var millis = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            var seconds = (millis - DateTime.UnixEpoch).TotalSeconds;

            // Convert.ToInt32/ToInt64 round half to even, as the SDK's conversion does.
            if (epoch == EpochMode.LongSeconds)
            {
                return new AttributeValue { N = Convert.ToInt64(seconds).ToString(CultureInfo.InvariantCulture) };
            }

            if (seconds is >= int.MinValue - 0.5 and < int.MaxValue + 0.5)
            {
                return new AttributeValue { N = Convert.ToInt32(seconds).ToString(CultureInfo.InvariantCulture) };
            }
        }

        return new AttributeValue { S = utc.ToString(Iso, CultureInfo.InvariantCulture) };
    }

    public override bool TryRead(AttributeValue stored, out DateTime value)
    {
        value = default;
        if (stored.S is { } text)
        {
            return DateTime.TryParseExact(text, Readable, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
        }

        if (epoch != EpochMode.None && stored.N is { } number && long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= -62135596800 and <= 253402300799)
        {
            value = DateTime.UnixEpoch.AddSeconds(seconds);
            return true;
        }

        return false;
    }

    public override bool TryReadJson(ref Utf8JsonReader reader, out DateTime value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return false;
        }

        if (reader.ValueTextEquals("S"u8))
        {
            Span<char> text = stackalloc char[48];
            return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 48
                && DateTime.TryParseExact(text[..reader.CopyString(text)], Readable, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value)
                && AttributeJson.Close(ref reader);
        }

        Span<byte> room = stackalloc byte[64];
        if (epoch != EpochMode.None && reader.ValueTextEquals("N"u8) && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= room.Length
            && long.TryParse(room[..reader.CopyString(room)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= -62135596800 and <= 253402300799)
        {
            value = DateTime.UnixEpoch.AddSeconds(seconds);
            return AttributeJson.Close(ref reader);
        }

        return false;
    }
}
