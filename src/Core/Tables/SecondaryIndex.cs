namespace SessionEffects;

/// <summary>A global or local secondary index declared on a table class with the SDK's index attributes.</summary>
/// <param name="Name">The index name.</param>
/// <param name="IsGlobal">Global (own hash key) or local (the table's hash key, another range key).</param>
/// <param name="HashKey">The index's hash key.</param>
/// <param name="RangeKey">The index's range key, if any.</param>
public sealed record SecondaryIndex(string Name, bool IsGlobal, KeyAttribute HashKey, KeyAttribute? RangeKey);
