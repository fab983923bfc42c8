using System.Reflection;

namespace SessionEffects;

/// <summary>
/// A stored property of a table class: the property, the attribute it is stored as, and whether it is a
/// <c>[DynamoDBFlatten]</c> member (its properties are stored as the item's own attributes).
/// </summary>
internal readonly record struct StoredMember(PropertyInfo Property, string AttributeName, bool Flattened);
