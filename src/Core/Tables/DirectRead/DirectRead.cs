using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace SessionEffects;

/// <summary>
/// The direct read of one table class: its item reader and one response unmarshaller per read operation (made once,
/// shared by every request), and how many items it has left to the attribute-map path (<see cref="Fallbacks"/>).
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class DirectRead<T>
    where T : class, new()
{
    private long fallbacks;

    public DirectRead(ObjectCodec<T> root, DynamoTable table)
    {
        var items = new DirectItemReader<T>(root, table, this);
        Items = items;
        GetItem = new DirectGetItem<T>(items);
        Query = new DirectPage<T>(items, query: true);
        Scan = new DirectPage<T>(items, query: false);
        BatchGet = new DirectBatchGet<T>(items);
    }

    /// <summary>The item reader (a transaction's part reads its item with it).</summary>
    public DirectItemReader<T> Items { get; }

    public DirectGetItem<T> GetItem { get; }

    public DirectPage<T> Query { get; }

    public DirectPage<T> Scan { get; }

    public DirectBatchGet<T> BatchGet { get; }

    /// <summary>Items read so far whose stored form the direct read left to the attribute-map path.</summary>
    public long Fallbacks => Interlocked.Read(ref fallbacks);

    /// <summary>Counts one such item.</summary>
    public void FellBack() => Interlocked.Increment(ref fallbacks);
}
