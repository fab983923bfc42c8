using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace SessionEffects;

/// <summary>
/// One item state a mirrored write owes its secondary: the key, and the item as the primary holds it after the write
/// (<see cref="State"/>; null for a delete). An update's state comes from the primary's answer (<c>ALL_NEW</c>) or, where
/// the caller asked for another answer or the request gives none (a transaction's update), from a consistent read of the
/// primary afterwards (<see cref="NeedsRead"/>).
/// </summary>
internal sealed record MirroredWrite(MirrorKey Key, Dictionary<string, AttributeValue>? State, bool NeedsRead = false)
{
    /// <summary>Whether the request is a write a mirror must follow.</summary>
    public static bool IsWrite(AmazonWebServiceRequest request) =>
        request is PutItemRequest or UpdateItemRequest or DeleteItemRequest or BatchWriteItemRequest or TransactWriteItemsRequest;

    /// <summary>Whether the request is PartiQL, which a mirror cannot follow item by item (refused: nothing is mirrored silently wrong).</summary>
    public static bool IsStatement(AmazonWebServiceRequest request) =>
        request is ExecuteStatementRequest or BatchExecuteStatementRequest or ExecuteTransactionRequest;

    /// <summary>The tables whose key names <see cref="Plan"/> needs (those an item is put into).</summary>
    public static IEnumerable<string> TablesWithItems(AmazonWebServiceRequest request) => request switch
    {
        PutItemRequest r => [r.TableName],
        BatchWriteItemRequest r => r.RequestItems.Where(t => t.Value.Exists(w => w.PutRequest is not null)).Select(t => t.Key),
        TransactWriteItemsRequest r => r.TransactItems.Where(t => t.Put is not null).Select(t => t.Put.TableName).Distinct(),
        _ => [],
    };

    /// <summary>What the request will owe the secondary if the primary accepts it (before its answer is known).</summary>
    public static List<MirroredWrite> Plan(AmazonWebServiceRequest request, IReadOnlyDictionary<string, IReadOnlyList<string>> keyNames)
    {
        switch (request)
        {
            case PutItemRequest r:
                return [new(MirrorKey.Of(r.TableName, keyNames[r.TableName], r.Item), r.Item)];
            case UpdateItemRequest r:
                return [new(new MirrorKey(r.TableName, r.Key), null, NeedsRead: true)];
            case DeleteItemRequest r:
                return [new(new MirrorKey(r.TableName, r.Key), null)];
            case BatchWriteItemRequest r:
                return [.. r.RequestItems.SelectMany(table => table.Value.Select(w => w.PutRequest is { } put
                    ? new MirroredWrite(MirrorKey.Of(table.Key, keyNames[table.Key], put.Item), put.Item)
                    : new MirroredWrite(new MirrorKey(table.Key, w.DeleteRequest.Key), null)))];
            case TransactWriteItemsRequest r:
                var writes = new List<MirroredWrite>();
                foreach (var part in r.TransactItems)
                {
                    if (part.Put is { } put)
                    {
                        writes.Add(new(MirrorKey.Of(put.TableName, keyNames[put.TableName], put.Item), put.Item));
                    }
                    else if (part.Update is { } update)
                    {
                        writes.Add(new(new MirrorKey(update.TableName, update.Key), null, NeedsRead: true));
                    }
                    else if (part.Delete is { } delete)
                    {
                        writes.Add(new(new MirrorKey(delete.TableName, delete.Key), null));
                    }
                }

                return writes;
            default:
                return [];
        }
    }

    /// <summary>
    /// The planned writes the primary's answer confirms: a batch's unprocessed items are not owed (the caller sends them
    /// again, and that request is mirrored); an update that returned the whole item (<c>ALL_NEW</c>) needs no read.
    /// </summary>
    public static List<MirroredWrite> Confirmed(
        List<MirroredWrite> planned, AmazonWebServiceResponse response, bool askedAllNew, IReadOnlyDictionary<string, IReadOnlyList<string>> keyNames)
    {
        switch (response)
        {
            case UpdateItemResponse r when askedAllNew && r.Attributes is { Count: > 0 } stored:
                return [planned[0] with { State = stored, NeedsRead = false }];
            case BatchWriteItemResponse r when r.UnprocessedItems is { Count: > 0 } unprocessed:
                var left = new HashSet<MirrorKey>(unprocessed.SelectMany(table => table.Value.Select(w =>
                    w.PutRequest is { } put ? MirrorKey.Of(table.Key, keyNames[table.Key], put.Item) : new MirrorKey(table.Key, w.DeleteRequest.Key))));
                return [.. planned.Where(w => !left.Contains(w.Key))];
            default:
                return planned;
        }
    }
}
