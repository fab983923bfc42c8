namespace SessionEffects;

/// <summary>How a table's items are converted to and from DynamoDB attribute maps (see <see cref="DynamoTable.MappingPath"/>).</summary>
public enum ItemMappingPath
{
    /// <summary>
    /// The library's own mapping, built once per class from the same attributes the SDK reads (names, converters,
    /// epoch dates, nested classes, collections): no per-item reflection and no intermediate <c>Document</c> (except for
    /// values a <c>[DynamoDBProperty]</c> converter maps, which the converter's API requires). An item
    /// whose stored form it does not expect (written by other code) is read through the SDK instead, so nothing is lost.
    /// </summary>
    Compiled,

    /// <summary>
    /// The AWS SDK's object-persistence path (<c>DynamoDBContext</c> documents), used for a class the compiled mapping
    /// does not cover; <see cref="DynamoTable.MappingFallbackReason"/> says what made it fall back.
    /// </summary>
    Sdk,

    /// <summary>A table known by name only (copies and verification by name): its items stay attribute maps.</summary>
    AttributeMaps,
}
