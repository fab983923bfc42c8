using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>What every <see cref="ValueCodec{V}"/> shares.</summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal static class Codec
{
    /// <summary>
    /// Returned by <see cref="ValueCodec{V}.Write"/> when a value is one the compiled mapping leaves to the SDK (a null
    /// inside a list, a subclass instance): the item is then mapped by the SDK, which does what it always did (or
    /// throws what it always threw). Compared by reference only; never sent.
    /// </summary>
    public static readonly AttributeValue Defer = new();
}
