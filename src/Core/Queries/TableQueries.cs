using System.Diagnostics.CodeAnalysis;
namespace SessionEffects;

/// <summary>Starts LINQ queries on table values.</summary>
public static class TableQueries
{
    /// <summary>
    /// A new query over this table for LINQ: <c>from o in orders.Query() where o.CustomerId == id select o</c>.
    /// </summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static TableQuery<T> Query<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table)
        where T : class, new()
    {
        System.ArgumentNullException.ThrowIfNull(table);
        return new TableQuery<T>(table, QueryState.Empty);
    }
}
