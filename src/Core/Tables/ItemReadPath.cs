namespace SessionEffects;

/// <summary>How a table's reads (GetItem, Query and Scan pages and streams, BatchGetItem, TransactGetItems, and LINQ queries — <c>fetch</c>, <c>fetchPage</c>, <c>fetchStream</c>, with or without <c>select</c>) turn DynamoDB's answers into objects (see <see cref="DynamoTable.ReadPath"/>).</summary>
public enum ItemReadPath
{
    /// <summary>
    /// Straight from the response JSON into objects, through the compiled mapping's codecs, inside the SDK's own pipeline
    /// (credentials, signing, retries, CRC32 check and errors stay the SDK's): no attribute-value maps. An item whose
    /// stored form the codecs do not expect is read the attribute-map way instead, that item alone
    /// (<see cref="DynamoTable.DirectReadFallbacks"/> counts them).
    /// </summary>
    Direct,

    /// <summary>
    /// The SDK unmarshals each answer into attribute-value maps, which the table's mapping then maps: classes on the
    /// SDK's mapping path (<see cref="ItemMappingPath.Sdk"/>) and tables known by name only.
    /// </summary>
    AttributeMaps,
}
