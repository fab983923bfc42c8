using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace SessionEffects;

/// <summary>
/// A query over a table, as an immutable value: run it with <c>Dynamo.fetch</c> (or the facade's
/// <c>ToListAsync</c> / <c>AsAsyncEnumerable</c>). The table's session is resolved when it runs, so one query value can
/// run under different sessions. Items are read as the table's other reads are (<see cref="DynamoTable.ReadPath"/>):
/// for a mapped class on the compiled path, straight from the response JSON into objects.
/// </summary>
/// <typeparam name="R">What each result is: the item, or what <c>select</c> makes of it.</typeparam>
public abstract class ItemQuery<R>
{
    private protected ItemQuery(DynamoTable table, QueryState state)
    {
        Table = table;
        State = state;
    }

    /// <summary>The table queried.</summary>
    public DynamoTable Table { get; }

    private protected QueryState State { get; }

    /// <summary>
    /// The DynamoDB request this query becomes (operation, key condition, filter, projection, placeholders).
    /// </summary>
    /// <exception cref="InvalidOperationException">The query cannot run as asked (no hash-key equality without AsScan, a key attribute in a query's filter, ordering on something other than the range key, …); the message says why.</exception>
    public QueryTranslation Translate() => Spec().Describe();

    /// <inheritdoc/>
    public override string ToString()
    {
        try
        {
            return Translate().ToString();
        }
        catch (InvalidOperationException ex)
        {
            return $"untranslatable query of {Table.Name}: {ex.Message}";
        }
    }

    /// <summary>The read to run, translated now.</summary>
    /// <exception cref="InvalidOperationException">The query cannot run as asked; the message says why.</exception>
    internal ReadSpec Spec() => QueryTranslator.Translate(Table, State);

    /// <summary>Hands the typed table and the shaping of each item to <paramref name="runner"/> (the direct read needs the class).</summary>
    internal abstract X Accept<X>(IQueryRunner<R, X> runner);
}

/// <summary>
/// A query over the items of <typeparamref name="T"/>, built with LINQ: <c>from o in orders.Query() where o.CustomerId == id
/// &amp;&amp; o.PlacedAt &gt;= since where o.Status != "cancelled" select new { o.OrderId, o.Total }</c>. Conditions become
/// the key condition (== on the hash key, one range-key condition) and the filter; anything DynamoDB cannot evaluate
/// fails here, when the query is built, naming the sub-expression — nothing is ever filtered on the client.
/// </summary>
/// <typeparam name="T">The table class.</typeparam>
public sealed class TableQuery<[DynamicallyAccessedMembers(ItemMembers.Kept)] T> : ItemQuery<T>
    where T : class, new()
{
    private readonly DynamoTable<T> table;

    internal TableQuery(DynamoTable<T> table, QueryState state)
        : base(table, state) => this.table = table;

    /// <summary>Keeps items matching <paramref name="predicate"/> (several Where calls combine with AND).</summary>
    /// <exception cref="NotSupportedException">A part of the predicate has no DynamoDB equivalent; the message names it.</exception>
    public TableQuery<T> Where(Expression<Func<T, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return With(State with { Conditions = State.Conditions.Add(PredicateParser.Parse(predicate)) });
    }

    /// <summary>Ascending order of the range key (DynamoDB's natural order for a query).</summary>
    public TableQuery<T> OrderBy<TKey>(Expression<Func<T, TKey>> rangeKey) => Order(rangeKey, descending: false);

    /// <summary>Descending order of the range key.</summary>
    public TableQuery<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> rangeKey) => Order(rangeKey, descending: true);

    /// <summary>At most <paramref name="count"/> results.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public TableQuery<T> Take(int count) =>
        With(State with { Limit = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "Take needs a positive count.") });

    /// <summary>Items DynamoDB evaluates per request (one page); DynamoDB's 1 MB pages when not set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public TableQuery<T> WithPageSize(int size) =>
        With(State with { PageSize = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "The page size must be positive.") });

    /// <summary>Reads the named secondary index; the key condition then uses the index's keys.</summary>
    /// <exception cref="ArgumentException">The table has no index of that name.</exception>
    public TableQuery<T> UsingIndex(string indexName)
    {
        if (Table.Indexes.All(i => i.Name != indexName))
        {
            throw new ArgumentException(
                $"Table {Table.Name} has no index named '{indexName}' (declared: {(Table.Indexes.IsEmpty ? "none" : string.Join(", ", Table.Indexes.Select(i => i.Name)))}).", nameof(indexName));
        }

        return With(State with { IndexName = indexName });
    }

    /// <summary>Strongly consistent reads (the table and local indexes only).</summary>
    public TableQuery<T> WithConsistentRead() => With(State with { ConsistentRead = true });

    /// <summary>
    /// Allows a Scan when there is no equality on the hash key: every item is read and the conditions are applied as
    /// DynamoDB's filter. Without this, such a query is an error rather than a silent full-table read.
    /// </summary>
    public TableQuery<T> AsScan() => With(State with { AllowScan = true });

    /// <summary>
    /// Shapes each result. Only the item's properties that <paramref name="selector"/> uses are read
    /// (ProjectionExpression); the selector then runs on each item as returned.
    /// </summary>
    public ProjectedQuery<T, R> Select<R>(Expression<Func<T, R>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new ProjectedQuery<T, R>(table, State with { Projection = Projection(selector) }, selector.Compile());
    }

    internal override X Accept<X>(IQueryRunner<T, X> runner) => runner.Run(table, Same);

    /// <summary>The item is the result (one delegate, not one per run).</summary>
    private static readonly Func<T, T> Same = static item => item;

    private TableQuery<T> With(QueryState state) => new(table, state);

    private TableQuery<T> Order<TKey>(Expression<Func<T, TKey>> key, bool descending)
    {
        ArgumentNullException.ThrowIfNull(key);
        var property = PredicateParser.ItemProperty(key.Body, key.Parameters[0], key)
            ?? throw PredicateParser.Unsupported(key.Body, key, "order by a property of the item (the range key)");
        return With(State with { OrderBy = property, Descending = descending });
    }

    /// <summary>The item properties a selector reads; empty (read everything) when it uses the item as a whole.</summary>
    private static ImmutableArray<PropertyInfo> Projection(LambdaExpression selector)
    {
        var collector = new MemberCollector(selector.Parameters[0]);
        collector.Visit(selector.Body);
        return collector.UsesWholeItem ? [] : [.. collector.Properties.Distinct()];
    }

    private sealed class MemberCollector(ParameterExpression item) : ExpressionVisitor
    {
        public List<PropertyInfo> Properties { get; } = [];

        public bool UsesWholeItem { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Member is PropertyInfo property && node.Expression is { } target && PredicateParser.StripConvert(target) == item)
            {
                Properties.Add(property);
                return node;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            UsesWholeItem |= node == item;
            return node;
        }
    }
}

/// <summary>A query whose results are shaped by a <c>select</c>; see <see cref="TableQuery{T}"/>.</summary>
/// <typeparam name="T">The table class.</typeparam>
/// <typeparam name="R">The shape of each result.</typeparam>
public sealed class ProjectedQuery<[DynamicallyAccessedMembers(ItemMembers.Kept)] T, R> : ItemQuery<R>
    where T : class, new()
{
    private readonly DynamoTable<T> table;
    private readonly Func<T, R> selector;

    internal ProjectedQuery(DynamoTable<T> table, QueryState state, Func<T, R> selector)
        : base(table, state)
    {
        this.table = table;
        this.selector = selector;
    }

    /// <summary>At most <paramref name="count"/> results.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public ProjectedQuery<T, R> Take(int count) =>
        new(table, State with { Limit = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "Take needs a positive count.") }, selector);

    internal override X Accept<X>(IQueryRunner<R, X> runner) => runner.Run(table, selector);
}
