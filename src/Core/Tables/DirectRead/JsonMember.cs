using System;
using System.Text.Json;

namespace SessionEffects;

/// <summary>Reads the value of one member at <paramref name="reader"/> (at its start; at its end afterwards).</summary>
internal delegate void JsonValueReader<TState>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, TState state);

/// <summary>
/// The one walk of a response object every direct read makes: find the member that holds the items (<c>Item</c>,
/// <c>Items</c>, <c>Responses</c>), read its value, skip every other member, and say where the value's bytes are —
/// the range the SDK's unmarshaller is then given the body without.
/// </summary>
internal static class JsonMember
{
    /// <summary>
    /// Walks the object at <paramref name="reader"/> (at its start; at its end afterwards). The value of the member
    /// named <paramref name="name"/>, when it is of <paramref name="kind"/>, is read by <paramref name="read"/>; every
    /// other member is skipped, and <paramref name="others"/> says whether there was one. The range of that value in
    /// <paramref name="body"/>; empty when there is none (the last one when the member repeats, as the SDK keeps the last).
    /// </summary>
    /// <remarks>
    /// <paramref name="read"/> takes its state as an argument (a static lambda, no closure per response) because the
    /// body is a span, which a closure cannot hold.
    /// </remarks>
    public static Range Read<TState>(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, JsonTokenType kind, TState state, JsonValueReader<TState> read, out bool others)
    {
        Range range = default;
        others = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted && reader.TokenType == kind)
            {
                var start = (int)reader.TokenStartIndex;
                read(ref reader, body, state);
                range = start..(int)reader.BytesConsumed;
            }
            else
            {
                others |= !wanted;
                reader.Skip();
            }
        }

        return range;
    }

    /// <summary>Whether the object at <paramref name="reader"/> (at its start) has no members; the reader does not move.</summary>
    public static bool IsEmptyObject(Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.EndObject;
}
