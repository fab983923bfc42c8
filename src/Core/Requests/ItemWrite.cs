using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One single-item write, built and checked, ready to send: what PutItem, DeleteItem, UpdateItem and the parts of a
/// TransactWriteItems request share (table, item or key, condition, update, placeholders from one writer). Built by
/// <see cref="ItemWrites"/>; <see cref="Succeeded"/> runs after DynamoDB accepted it (a save stores the new version,
/// counters and generated values in the caller's object then, and only then).
/// </summary>
internal sealed record ItemWrite
{
    private readonly Action<Dictionary<string, AttributeValue>?>? onSuccess;

    private ItemWrite(ItemWriteKind kind, DynamoTable table, ExpressionWriter writer, string? condition, string? update, Action<Dictionary<string, AttributeValue>?>? onSuccess)
    {
        Kind = kind;
        Table = table;
        Condition = condition;
        Update = update;
        Names = writer.Names;
        Values = writer.Values;
        this.onSuccess = onSuccess;
    }

    public ItemWriteKind Kind { get; }

    public DynamoTable Table { get; }

    /// <summary>The physical table the write is sent to (<see cref="In"/>); until then, none: a write is placed before it is sent.</summary>
    public string? TableName { get; private set; }

    /// <summary>The whole item, for a put.</summary>
    public Dictionary<string, AttributeValue>? Item { get; private init; }

    /// <summary>The primary key, for every kind but a put.</summary>
    public Dictionary<string, AttributeValue>? Key { get; private init; }

    public string? Condition { get; }

    public string? Update { get; }

    public Dictionary<string, string>? Names { get; }

    public Dictionary<string, AttributeValue>? Values { get; }

    /// <summary>Whether the request asks for the item as stored afterwards (<c>ReturnValues = ALL_NEW</c>).</summary>
    public bool ReturnsStoredItem { get; private init; }

    /// <summary>The operation name used in messages: PutItem, DeleteItem, UpdateItem (an update, or a save) or ConditionCheck.</summary>
    public string Operation => Kind switch
    {
        ItemWriteKind.Put => "PutItem",
        ItemWriteKind.Delete => "DeleteItem",
        ItemWriteKind.Update or ItemWriteKind.Save => "UpdateItem",
        _ => "ConditionCheck",
    };

    /// <summary>The key this write addresses, for messages (a put's key is read from its item).</summary>
    public Dictionary<string, AttributeValue> KeyOrItemKey =>
        Key ?? KeyFrom(Table, Item!);

    public static ItemWrite Put(DynamoTable table, Dictionary<string, AttributeValue> item, ExpressionWriter writer, string? condition, Action<Dictionary<string, AttributeValue>?>? onSuccess) =>
        new(ItemWriteKind.Put, table, writer, condition, null, onSuccess) { Item = item };

    /// <summary>
    /// A save as DynamoDBContext sends it: an UpdateItem of the key that sets the stored attributes and removes the null
    /// ones (<paramref name="update"/>, null when there is nothing but the key), so attributes the class does not map
    /// stay as they are.
    /// </summary>
    public static ItemWrite Save(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string? update, string? condition, bool returnStoredItem, Action<Dictionary<string, AttributeValue>?>? onSuccess) =>
        new(ItemWriteKind.Save, table, writer, condition, update, onSuccess) { Key = key, ReturnsStoredItem = returnStoredItem };

    public static ItemWrite Delete(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string? condition) =>
        new(ItemWriteKind.Delete, table, writer, condition, null, null) { Key = key };

    public static ItemWrite Change(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string update, string? condition) =>
        new(ItemWriteKind.Update, table, writer, condition, update, null) { Key = key, ReturnsStoredItem = true };

    public static ItemWrite Check(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string condition) =>
        new(ItemWriteKind.ConditionCheck, table, writer, condition, null, null) { Key = key };

    /// <summary>
    /// Runs what must follow a successful write (storing a new version, counters and generated values in the caller's
    /// object), given the item as stored when the request asked for it (null in a transaction, which returns none).
    /// </summary>
    public void Succeeded(Dictionary<string, AttributeValue>? stored = null) => onSuccess?.Invoke(stored);

    /// <summary>This write, sent to the physical table <paramref name="tableName"/> (the name its session gives the table).</summary>
    public ItemWrite In(string tableName)
    {
        TableName = tableName;
        return this;
    }

    public PutItemRequest ToPutRequest() => new()
    {
        TableName = Placed,
        Item = Item,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names,
        ExpressionAttributeValues = Values,
    };

    public DeleteItemRequest ToDeleteRequest() => new()
    {
        TableName = Placed,
        Key = Key,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names,
        ExpressionAttributeValues = Values,
    };

    public UpdateItemRequest ToUpdateRequest() => new()
    {
        TableName = Placed,
        Key = Key,
        UpdateExpression = Update,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names,
        ExpressionAttributeValues = Values,
        ReturnValues = ReturnsStoredItem ? ReturnValue.ALL_NEW : null,
    };

    /// <summary>This write as one part of a TransactWriteItems request.</summary>
    public TransactWriteItem ToTransactPart() => Kind switch
    {
        ItemWriteKind.Put => new TransactWriteItem { Put = new Put { TableName = Placed, Item = Item, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
        ItemWriteKind.Delete => new TransactWriteItem { Delete = new Delete { TableName = Placed, Key = Key, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
        ItemWriteKind.Update or ItemWriteKind.Save when Update is not null =>
            new TransactWriteItem { Update = new Update { TableName = Placed, Key = Key, UpdateExpression = Update, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },

        // A transaction's update part needs an expression: a save of nothing but the key is a put of the key, as DynamoDBContext sends it.
        ItemWriteKind.Save => new TransactWriteItem { Put = new Put { TableName = Placed, Item = Key, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
        _ => new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = Placed, Key = Key, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
    };

    /// <summary>The physical table name; a write that was never placed is a bug here, not a request to the logical table.</summary>
    private string Placed => TableName ?? throw new InvalidOperationException($"A {Operation} on table {Table.Name} was not placed in a physical table before it was sent.");

    private static Dictionary<string, AttributeValue> KeyFrom(DynamoTable table, Dictionary<string, AttributeValue> item)
    {
        var key = new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal) { [table.HashKey.AttributeName] = item[table.HashKey.AttributeName] };
        if (table.RangeKey is { } range)
        {
            key[range.AttributeName] = item[range.AttributeName];
        }

        return key;
    }
}

/// <summary>The kinds of single-item writes.</summary>
internal enum ItemWriteKind
{
    /// <summary>A whole item replacing the stored one (attribute-map tables).</summary>
    Put,
    Delete,

    /// <summary>A caller's update expression.</summary>
    Update,

    /// <summary>A save of a mapped object, sent as an UpdateItem of its attributes (DynamoDBContext's form).</summary>
    Save,
    ConditionCheck,
}
