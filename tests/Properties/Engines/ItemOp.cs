using System.Linq;
using SessionEffects.Properties.Fixtures;

namespace SessionEffects.Properties.Engines;

/// <summary>
/// One item operation of a generated sequence, run through the library on each engine. Keys are few (two groups,
/// sequence numbers 0 to 3) so that operations meet the same items; conditions and filters are named
/// <see cref="Guard"/>s so a counterexample reads as text.
/// </summary>
public abstract record ItemOp;

/// <summary><c>save</c>, unconditional or guarded.</summary>
public sealed record PutOp(CatalogItem Item, Guard? When) : ItemOp
{
    public override string ToString() => $"put {ItemText.Of(Item)}{(When is null ? "" : $" when {When}")}";
}

/// <summary>
/// <c>update</c> of a key (which creates the item when it is missing and no guard stops it): set the name, add to the
/// count, add a tag to the set, remove the note — any mix of them — optionally guarded.
/// </summary>
public sealed record UpdateOp(string Group, int Seq, string? Name, int? AddCount, string? AddTag, bool RemoveNote, Guard? When) : ItemOp
{
    public override string ToString() =>
        $"update {Group}/{Seq} [{string.Join(", ", new[] { Name is null ? null : $"set name={Name}", AddCount is null ? null : $"add count {AddCount}", AddTag is null ? null : $"add tag {AddTag}", RemoveNote ? "remove note" : null }.Where(a => a is not null))}]{(When is null ? "" : $" when {When}")}";
}

/// <summary><c>delete</c> of a key, unconditional or guarded.</summary>
public sealed record DeleteOp(string Group, int Seq, Guard? When) : ItemOp
{
    public override string ToString() => $"delete {Group}/{Seq}{(When is null ? "" : $" when {When}")}";
}

/// <summary>A query of one group: an optional sort key condition, an optional filter, a page size, either direction; read page by page.</summary>
public sealed record QueryOp(string Group, RangeOp? Range, Guard? Filter, int PageSize, bool Descending) : ItemOp
{
    public override string ToString() =>
        $"query {Group}{(Range is null ? "" : $" sk {Range}")}{(Filter is null ? "" : $" filter {Filter}")} pages of {PageSize}{(Descending ? " descending" : "")}";
}

/// <summary>A scan, optionally filtered, read page by page.</summary>
public sealed record ScanOp(Guard? Filter, int PageSize) : ItemOp
{
    public override string ToString() => $"scan{(Filter is null ? "" : $" filter {Filter}")} pages of {PageSize}";
}

/// <summary>A sort key condition: <c>=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> or <c>BETWEEN</c>.</summary>
public sealed record RangeOp(string Op, int Low, int High)
{
    public override string ToString() => Op == "BETWEEN" ? $"between {Low} and {High}" : $"{Op} {Low}";
}

/// <summary>The item as one line of text, every attribute in a fixed order: what "the same item" means.</summary>
public static class ItemText
{
    public static string Of(CatalogItem i) =>
        $"{i.Group}/{i.Seq}(name={i.Name} size={i.Size} status={i.Status} count={i.Count} flag={i.Flag} note={i.Note ?? "-"} tags={(i.Tags is null ? "-" : string.Join("+", i.Tags.Order(System.StringComparer.Ordinal)))} cat={i.Category})";
}
