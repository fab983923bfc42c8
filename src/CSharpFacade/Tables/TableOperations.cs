using System;

namespace SessionEffects.CSharp;

/// <summary>
/// Async table operations on a table value, run through the bindings visible where they are called (the open
/// <see cref="Sessions.UseSession"/> scopes, else the root). Each one is the core's <see cref="Dynamo"/> operation run
/// by <see cref="Sessions.RunAsync{T}"/>: one implementation, two surfaces, split by the same themes as the core
/// (tables, items, reads, batches). AWS errors are thrown as the SDK's own exception types, with the table, the
/// operation and the redacted session in the message.
/// </summary>
public static partial class TableOperations
{
    private static TTable Check<TTable>(TTable table)
        where TTable : DynamoTable =>
        table ?? throw new ArgumentNullException(nameof(table));
}
