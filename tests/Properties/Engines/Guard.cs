namespace SessionEffects.Properties.Engines;

/// <summary>
/// A condition or filter over the catalog item, as text (for counterexamples) and as the typed condition the library
/// translates and sends: comparisons, absent attributes, begins_with, contains on a set, and their and/or.
/// </summary>
public sealed record Guard(string Text, DynamoCondition Condition)
{
    public Guard And(Guard other) => new($"({Text} and {other.Text})", Condition.And(other.Condition));

    public Guard Or(Guard other) => new($"({Text} or {other.Text})", Condition.Or(other.Condition));

    public override string ToString() => Text;
}
