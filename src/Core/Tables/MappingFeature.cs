namespace SessionEffects;

/// <summary>
/// One DynamoDBContext feature a table class uses and how the library honours it (see
/// <see cref="DynamoTable.Features"/>): <c>[DynamoDBAtomicCounter] Hits: every save adds 1 ...</c>. Nothing a class
/// declares is honoured invisibly: what the library cannot honour exactly is refused when the table is made.
/// </summary>
/// <param name="Attribute">The attribute or setting, as written in code (<c>DynamoDBAtomicCounter</c>, <c>TableMappingOptions(IgnoreNullValues)</c>).</param>
/// <param name="Member">The property or field it is on; null for the class itself.</param>
/// <param name="Behaviour">What the library does with it, in one sentence.</param>
public sealed record MappingFeature(string Attribute, string? Member, string Behaviour)
{
    /// <summary>The feature as one line: <c>[Attribute] Member: behaviour</c>.</summary>
    public override string ToString() => Member is null ? $"[{Attribute}]: {Behaviour}" : $"[{Attribute}] {Member}: {Behaviour}";
}
