using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The one form of a read — a Query or a Scan — independent of any session: the expressions written through one
/// <see cref="ExpressionWriter"/>, their placeholders, and how to page. <c>scan</c>, <c>query</c>, <c>count</c>, copies
/// and LINQ queries all become one of these; each page becomes one request.
/// </summary>
internal sealed partial record ReadSpec
{
    private ReadSpec(DynamoTable table, bool isQuery, string? keyCondition, string? filter, string? projection, ExpressionWriter writer)
    {
        Table = table;
        IsQuery = isQuery;
        KeyCondition = keyCondition;
        Filter = filter;
        Projection = projection;
        Names = writer.Names;
        Values = writer.Values;
    }

    public DynamoTable Table { get; }

    /// <summary>
    /// The physical table the read is sent to, set by <see cref="In"/> once the table's session is known; until then
    /// none (a read is placed before it is sent, and its start token checked against the physical name).
    /// </summary>
    public string? TableName { get; private init; }

    public bool IsQuery { get; }

    public string? KeyCondition { get; }

    public string? Filter { get; }

    public string? Projection { get; }

    /// <summary>Name placeholders of every expression above; shared read-only by all page requests.</summary>
    public IReadOnlyDictionary<string, string>? Names { get; }

    /// <summary>Value placeholders of every expression above; shared read-only by all page requests.</summary>
    public IReadOnlyDictionary<string, AttributeValue>? Values { get; }

    public string? IndexName { get; init; }

    public int? Limit { get; init; }

    public int? PageSize { get; init; }

    public bool ConsistentRead { get; init; }

    public bool Descending { get; init; }

    /// <summary>The one segment this read covers (sent as <c>Segment</c>), with <see cref="TotalSegments"/>.</summary>
    public int? Segment { get; init; }

    public int? TotalSegments { get; init; }

    /// <summary>How many segments to read at once (a parallel scan); 1 for one sequence of pages.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Where the first page starts (from a page token); null for the beginning.</summary>
    public Dictionary<string, AttributeValue>? StartKey { get; init; }

    /// <summary>
    /// The page token the read starts after, not yet checked: it is bound to the session too, so it is decoded (and
    /// refused when it is not this read's, not this session's or was changed) by <see cref="From"/> once the session
    /// is known, before anything is sent.
    /// </summary>
    public string? StartToken { get; init; }

    /// <summary>The keys that protect this read's page tokens (encrypted and authenticated); plain tokens when null.</summary>
    public PageTokenKeys? TokenKeys { get; init; }

    public string Operation => IsQuery ? "Query" : "Scan";

    /// <summary>
    /// A read whose expressions are written by <paramref name="expressions"/> through one new writer, so the key
    /// condition, the filter and the projection share one set of placeholders.
    /// </summary>
    public static ReadSpec Write(DynamoTable table, bool isQuery, Func<ExpressionWriter, (string? Key, string? Filter, string? Projection)> expressions)
    {
        var writer = new ExpressionWriter();
        var (key, filter, projection) = expressions(writer);
        return new ReadSpec(table, isQuery, key, filter, projection, writer);
    }

    /// <summary>A scan of the table or an index, as the options say.</summary>
    /// <exception cref="ArgumentException">
    /// The index does not exist, a consistent read asks a global index, a number is out of range, segments are given
    /// inconsistently, or the start token belongs to another read.
    /// </exception>
    public static ReadSpec ForScan(DynamoTable table, ScanOptions? options)
    {
        options ??= new ScanOptions();
        CheckConsistency(table, CheckIndex(table, options.IndexName), options.ConsistentRead);
        var (segment, total, parallelism) = Segments(options);
        var spec = Write(table, isQuery: false, w => (null, options.Filter?.Render(w, table), null)) with
        {
            Segment = segment,
            TotalSegments = total,
            Parallelism = parallelism,
        };
        return WithCommon(spec, options);
    }

    /// <summary>A query for one hash key value of the table or an index, as the options say.</summary>
    /// <exception cref="ArgumentException">
    /// The index does not exist, a key value does not fit, a range condition is given where there is no range key, a
    /// consistent read asks a global index, or a number is not positive.
    /// </exception>
    public static ReadSpec ForQuery(DynamoTable table, object hashKey, QueryOptions? options)
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        options ??= new QueryOptions();
        var index = CheckIndex(table, options.IndexName);
        CheckConsistency(table, index, options.ConsistentRead);
        var hash = index?.HashKey ?? table.HashKey;
        var range = index is null ? table.RangeKey : index.RangeKey;
        if (options.Range is not null && range is null)
        {
            throw new ArgumentException($"{Where(table, index)} has no range key; a range key condition cannot apply.", nameof(options));
        }

        var spec = Write(table, isQuery: true, w =>
        {
            var key = $"{w.Name(hash.AttributeName)} = {w.Value(KeyValues.Of(hash, hashKey))}";
            if (options.Range is { } condition)
            {
                key += " AND " + condition.Render(w, range!);
            }

            return (key, options.Filter?.Render(w, table), null);
        }) with
        {
            Descending = options.Descending,
        };
        return WithCommon(spec, options);
    }

    /// <summary>This read starting after the page <paramref name="token"/> came from (checked by <see cref="From"/>); from the beginning when null.</summary>
    public ReadSpec StartingAt(string? token) => token is null ? this : this with { StartToken = token, StartKey = null };

    /// <summary>
    /// This read sent to the physical table <paramref name="tableName"/> (the name the table's session gives it now).
    /// The start token is checked against that name by <see cref="From"/>: a token from a read of another physical
    /// table is refused.
    /// </summary>
    public ReadSpec In(string tableName) => this with { TableName = tableName };

    /// <summary>
    /// This read as <paramref name="sessionTag"/>'s session sends it: its start token decoded into the start key, checked
    /// against this read (its physical table, placed by <see cref="In"/>), that session and the token keys.
    /// </summary>
    /// <exception cref="ArgumentException">The token is malformed, was changed, or belongs to another read, table or session.</exception>
    public ReadSpec From(string sessionTag) =>
        StartToken is null ? this : this with { StartKey = PageToken.Decode(this, sessionTag, StartToken), StartToken = null };

    /// <summary>The token of the page after <paramref name="lastKey"/> as <paramref name="sessionTag"/>'s session read it; null when there is none.</summary>
    public string? TokenAfter(string sessionTag, Dictionary<string, AttributeValue>? lastKey) => PageToken.Encode(this, sessionTag, lastKey);

    /// <summary>This read restricted to segment <paramref name="segment"/> of <paramref name="total"/>, read as one sequence of pages.</summary>
    public ReadSpec ForSegment(int segment, int total) => this with { Segment = segment, TotalSegments = total, Parallelism = 1 };

    /// <summary>This read as one page of at most <see cref="PageSize"/> evaluated items, for page-token reads.</summary>
    /// <exception cref="ArgumentException">A total <see cref="Limit"/> or parallel segments were asked for.</exception>
    public ReadSpec ForPage()
    {
        if (Limit is not null)
        {
            throw new ArgumentException($"A page of table {Table.Name} is sized by PageSize; Limit (a total over all pages) does not apply to one page.", "Limit");
        }

        if (Parallelism > 1)
        {
            throw new ArgumentException(
                $"A page of table {Table.Name} is one request of one segment: Segments (parallel scan) does not apply. Page each segment with Segment and TotalSegments instead.", "Segments");
        }

        return this;
    }

    /// <summary>What scans and queries share: index, limits, consistency, and the start token (checked against this read).</summary>
    private static ReadSpec WithCommon(ReadSpec spec, ReadOptions options)
    {
        spec = spec with
        {
            IndexName = options.IndexName,
            Limit = CheckPositive(options.Limit, nameof(options.Limit)),
            PageSize = CheckPositive(options.PageSize, nameof(options.PageSize)),
            ConsistentRead = options.ConsistentRead,
            TokenKeys = options.PageTokenKeys,
        };
        if (options.StartToken is null)
        {
            return spec;
        }

        if (spec.Parallelism > 1)
        {
            throw new ArgumentException(
                $"A start token belongs to one segment; a parallel scan of table {spec.Table.Name} (Segments) cannot start from one. Use Segment and TotalSegments.", nameof(options));
        }

        return spec.StartingAt(options.StartToken);
    }

    /// <summary>The segment settings of a scan: one given segment, or how many to read in parallel.</summary>
    private static (int? Segment, int? Total, int Parallelism) Segments(ScanOptions options)
    {
        const int Max = 1_000_000;
        if (options.Segment is null != options.TotalSegments is null)
        {
            throw new ArgumentException("Segment and TotalSegments go together: give both (this worker's segment of how many) or neither.", nameof(options));
        }

        if (options.Segment is { } segment)
        {
            if (options.Segments is not null)
            {
                throw new ArgumentException("Give either Segments (read them all in parallel here) or Segment and TotalSegments (read one of them), not both.", nameof(options));
            }

            var total = options.TotalSegments!.Value;
            return total is < 1 or > Max ? throw new ArgumentOutOfRangeException(nameof(options), total, $"TotalSegments must be 1 to {Max}.")
                : segment < 0 || segment >= total ? throw new ArgumentOutOfRangeException(nameof(options), segment, $"Segment must be 0 to TotalSegments - 1 ({total - 1}).")
                : (segment, total, 1);
        }

        return options.Segments switch
        {
            null or 1 => (null, null, 1),
            < 1 or > Max => throw new ArgumentOutOfRangeException(nameof(options), options.Segments, $"Segments must be 1 to {Max}."),
            var n => (null, null, n.Value),
        };
    }

    private static SecondaryIndex? CheckIndex(DynamoTable table, string? indexName) =>
        indexName is null ? null
        : table.Indexes.FirstOrDefault(i => i.Name == indexName)
          ?? throw new ArgumentException(
              $"Table {table.Name} has no index named '{indexName}' (declared: {(table.Indexes.IsEmpty ? "none" : string.Join(", ", table.Indexes.Select(i => i.Name)))}).",
              nameof(indexName));

    private static void CheckConsistency(DynamoTable table, SecondaryIndex? index, bool consistentRead)
    {
        if (consistentRead && index is { IsGlobal: true })
        {
            throw new ArgumentException(
                $"Global secondary index '{index.Name}' of table {table.Name} does not support consistent reads (DynamoDB refuses them); read the table or a local index, or drop ConsistentRead.");
        }
    }

    private static string Where(DynamoTable table, SecondaryIndex? index) =>
        index is null ? $"Table {table.Name}" : $"Index {index.Name} of {table.Name}";

    private static int? CheckPositive(int? value, string name) =>
        value is <= 0 ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.") : value;
}
