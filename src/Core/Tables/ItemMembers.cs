using System.Diagnostics.CodeAnalysis;

namespace SessionEffects;

/// <summary>
/// What the trimmer must keep of a table class: all of it, because the SDK's object-persistence mapping
/// (DynamoDBContext, which the item mapping falls back to) reflects over every member. Every generic parameter that
/// reaches a <see cref="DynamoTable{T}"/> carries <c>[DynamicallyAccessedMembers(ItemMembers.Kept)]</c>.
/// </summary>
internal static class ItemMembers
{
    /// <summary>The members kept.</summary>
    public const DynamicallyAccessedMemberTypes Kept = DynamicallyAccessedMemberTypes.All;
}
