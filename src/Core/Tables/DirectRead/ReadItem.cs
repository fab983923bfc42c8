using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One item of a direct read: the object read straight from the response JSON, or — when the direct read could not
/// read this item exactly (an attribute stored in another form by other code, a value only the SDK converts) — the
/// attribute map the SDK's unmarshaller made of the item's bytes, which the table's mapping then maps as before.
/// </summary>
/// <typeparam name="T">The table class.</typeparam>
internal readonly record struct ReadItem<T>(T? Value, Dictionary<string, AttributeValue>? Stored)
    where T : class, new()
{
    /// <summary>The object: the one read directly, or the stored map mapped by <paramref name="mapper"/> (today's path).</summary>
    public T Resolve(ItemMapper<T> mapper) => Value ?? mapper.FromAttributes(Stored!);
}
