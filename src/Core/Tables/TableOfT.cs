using System;
using LanguageExt;

namespace SessionEffects;

/// <summary>
/// The descriptor of the table mapped by <typeparamref name="T"/>. Get it with <see cref="Table.Of{T}"/>; it is built
/// once per class (schema and item mapping) and shared, so a session switch never re-reads the class or the table.
/// </summary>
/// <typeparam name="T">A class with <c>[DynamoDBTable]</c> and a <c>[DynamoDBHashKey]</c> property.</typeparam>
public sealed class Table<T> : Table
    where T : class, new()
{
    private Table(string name, KeyAttribute hashKey, KeyAttribute? rangeKey, System.Collections.Immutable.ImmutableArray<SecondaryIndex> indexes)
        : base(typeof(T), name, hashKey, rangeKey, indexes)
    {
        Mapper = new ItemMapper<T>(this);
    }

    /// <summary>
    /// A new query over this table for LINQ: <c>from o in orders.Query() where o.CustomerId == id select o</c>.
    /// </summary>
    public TableQuery<T> Query() => new(this, QueryState.Empty);

    /// <summary>Converts items to and from DynamoDB attribute maps with the SDK's own mapping rules.</summary>
    internal ItemMapper<T> Mapper { get; }

    /// <summary>The one descriptor of <typeparamref name="T"/>, or why the class cannot be mapped.</summary>
    internal static Either<TableMappingException, Table<T>> Instance { get; } = Build();

    private static Either<TableMappingException, Table<T>> Build()
    {
        try
        {
            var (name, hash, range, indexes) = Describe(typeof(T));
            return new Table<T>(name, hash, range, indexes);
        }
        catch (TableMappingException ex)
        {
            return ex;
        }
    }
}
