using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Fixtures;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Fidelity;

/// <summary>
/// One side of the differential property: the same operations on one zoo class, through DynamoDBContext or through
/// SessionEffects, each in its own account (access key) of DynamoDB Local, and a raw client that reads what landed.
/// </summary>
internal interface IFidelitySide : IDisposable
{
    Task Save(object item);

    Task<object?> Load(string id);

    Task Delete(string id);

    Task DeleteItem(object item);

    Task BatchSave(IReadOnlyList<object> items);

    /// <summary>An attribute the class does not map, written by "other code" (a raw UpdateItem).</summary>
    Task ForeignWrite(string id);

    /// <summary>The item as stored (consistent raw GetItem), or null.</summary>
    Task<Dictionary<string, AttributeValue>?> Raw(string id);
}

/// <summary>The parts both sides share: the driver, the table and the raw client.</summary>
internal abstract class FidelitySide<T>(ZooDriver driver, IAmazonDynamoDB raw) : IFidelitySide
    where T : class, new()
{
    protected static readonly DynamoTable<T> Table = DynamoTable.Of<T>();

    protected ZooDriver Driver { get; } = driver;

    public abstract Task Save(object item);

    public abstract Task<object?> Load(string id);

    public abstract Task Delete(string id);

    public abstract Task DeleteItem(object item);

    public abstract Task BatchSave(IReadOnlyList<object> items);

    public Task ForeignWrite(string id) => raw.UpdateItemAsync(new UpdateItemRequest
    {
        TableName = Table.Name,
        Key = Table.Mapper.Key(Driver.Key(id).Hash, Driver.Key(id).Range),
        UpdateExpression = "SET #f = :f",
        ExpressionAttributeNames = new() { ["#f"] = "foreign" },
        ExpressionAttributeValues = new() { [":f"] = new AttributeValue { S = "written by other code" } },
    });

    public async Task<Dictionary<string, AttributeValue>?> Raw(string id)
    {
        var key = Driver.Key(id);
        var found = await raw.GetItemAsync(new GetItemRequest { TableName = Table.Name, Key = Table.Mapper.Key(key.Hash, key.Range), ConsistentRead = true });
        return found.Item is { Count: > 0 } item ? item : null;
    }

    public virtual void Dispose() => raw.Dispose();
}

/// <summary>The SDK's DynamoDBContext, configured as the class's <see cref="TableMappingOptionsAttribute"/> says.</summary>
internal sealed class ContextSide<T> : FidelitySide<T>
    where T : class, new()
{
    private readonly DynamoDBContext context;

    public ContextSide(ZooDriver driver, IAmazonDynamoDB raw, IAmazonDynamoDB client)
        : base(driver, raw)
    {
        context = new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(c =>
            {
                c.DisableFetchingTableMetadata = true;
                c.Conversion = DynamoDBEntryConversion.V2;
                c.IsEmptyStringValueEnabled = true;
                driver.Configure(c);
            })
            .Build();
    }

    public override Task Save(object item) => context.SaveAsync((T)item);

    public override async Task<object?> Load(string id)
    {
        var key = Driver.Key(id);
        return key.Range is null ? await context.LoadAsync<T>(key.Hash) : await context.LoadAsync<T>(key.Hash, key.Range);
    }

    public override Task Delete(string id)
    {
        var key = Driver.Key(id);
        return key.Range is null ? context.DeleteAsync<T>(key.Hash) : context.DeleteAsync<T>(key.Hash, key.Range);
    }

    public override Task DeleteItem(object item) => context.DeleteAsync((T)item);

    public override Task BatchSave(IReadOnlyList<object> items)
    {
        var batch = context.CreateBatchWrite<T>(new BatchWriteConfig { SkipVersionCheck = true });
        batch.AddPutItems(items.Cast<T>());
        return batch.ExecuteAsync();
    }

    public override void Dispose()
    {
        context.Dispose();
        base.Dispose();
    }
}

/// <summary>SessionEffects' core operations in a session of their own account.</summary>
internal sealed class OurSide<T>(ZooDriver driver, IAmazonDynamoDB raw, AwsSession session) : FidelitySide<T>(driver, raw)
    where T : class, new()
{
    public override Task Save(object item) => Run.Value(save(Table, (T)item), session);

    public override async Task<object?> Load(string id)
    {
        var key = Driver.Key(id);
        return (await Run.Value(get(Table, key.Hash, key.Range, consistentRead: true), session)).IfNoneUnsafe((T?)null);
    }

    public override Task Delete(string id)
    {
        var key = Driver.Key(id);
        return Run.Value(delete(Table, key.Hash, key.Range), session);
    }

    public override Task DeleteItem(object item) => Run.Value(deleteItem(Table, (T)item), session);

    // DynamoDBContext's batch write stores counters and if-not-exists values as the objects hold them: the opt-outs say so.
    public override Task BatchSave(IReadOnlyList<object> items) =>
        Run.Value(batchSave(Table, items.Cast<T>(), skipVersionCheck: true, writeAsPlainValues: true), session);
}
