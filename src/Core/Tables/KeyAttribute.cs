using System;
using Amazon.DynamoDBv2;

namespace SessionEffects;

/// <summary>A key attribute of a table or an index: the mapped property, the stored name and the DynamoDB type.</summary>
/// <param name="PropertyName">The .NET property that holds the key.</param>
/// <param name="AttributeName">The attribute name stored in DynamoDB.</param>
/// <param name="Type">The DynamoDB scalar type: S, N or B.</param>
/// <param name="ClrType">The .NET type of the property.</param>
public sealed record KeyAttribute(string PropertyName, string AttributeName, ScalarAttributeType Type, Type ClrType)
{
    /// <summary>The attribute name and its type, e.g. <c>id:S</c>.</summary>
    public override string ToString() => $"{AttributeName}:{Type.Value}";
}
