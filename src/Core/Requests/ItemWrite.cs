using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One single-item write, built and checked, ready to send: what PutItem, DeleteItem, UpdateItem and the parts of a
/// TransactWriteItems request share (table, item or key, condition, update, placeholders from one writer). Built by
/// <see cref="ItemWrites"/>; <see cref="Succeeded"/> runs after DynamoDB accepted it (a versioned save stores the new
/// version in the caller's object then, and only then).
/// </summary>
internal sealed record ItemWrite
{
    private readonly Action? onSuccess;

    private ItemWrite(ItemWriteKind kind, DynamoTable table, ExpressionWriter writer, string? condition, string? update, Action? onSuccess)
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

    /// <summary>The whole item, for a put.</summary>
    public Dictionary<string, AttributeValue>? Item { get; private init; }

    /// <summary>The primary key, for every kind but a put.</summary>
    public Dictionary<string, AttributeValue>? Key { get; private init; }

    public string? Condition { get; }

    public string? Update { get; }

    public Dictionary<string, string>? Names { get; }

    public Dictionary<string, AttributeValue>? Values { get; }

    /// <summary>The operation name used in messages: PutItem, DeleteItem, UpdateItem or ConditionCheck.</summary>
    public string Operation => Kind switch
    {
        ItemWriteKind.Put => "PutItem",
        ItemWriteKind.Delete => "DeleteItem",
        ItemWriteKind.Update => "UpdateItem",
        _ => "ConditionCheck",
    };

    /// <summary>The key this write addresses, for messages (a put's key is read from its item).</summary>
    public Dictionary<string, AttributeValue> KeyOrItemKey =>
        Key ?? KeyFrom(Table, Item!);

    public static ItemWrite Put(DynamoTable table, Dictionary<string, AttributeValue> item, ExpressionWriter writer, string? condition, Action? onSuccess) =>
        new(ItemWriteKind.Put, table, writer, condition, null, onSuccess) { Item = item };

    public static ItemWrite Delete(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string? condition) =>
        new(ItemWriteKind.Delete, table, writer, condition, null, null) { Key = key };

    public static ItemWrite Change(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string update, string? condition) =>
        new(ItemWriteKind.Update, table, writer, condition, update, null) { Key = key };

    public static ItemWrite Check(DynamoTable table, Dictionary<string, AttributeValue> key, ExpressionWriter writer, string condition) =>
        new(ItemWriteKind.ConditionCheck, table, writer, condition, null, null) { Key = key };

    /// <summary>Runs what must follow a successful write (storing a new version in the caller's object).</summary>
    public void Succeeded() => onSuccess?.Invoke();

    public PutItemRequest ToPutRequest() => new()
    {
        TableName = Table.Name,
        Item = Item,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names,
        ExpressionAttributeValues = Values,
    };

    public DeleteItemRequest ToDeleteRequest() => new()
    {
        TableName = Table.Name,
        Key = Key,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names,
        ExpressionAttributeValues = Values,
    };

    public UpdateItemRequest ToUpdateRequest() => new()
    {
        TableName = Table.Name,
        Key = Key,
        UpdateExpression = Update,
        ConditionExpression = Condition,
        ExpressionAttributeNames = Names,
        ExpressionAttributeValues = Values,
        ReturnValues = ReturnValue.ALL_NEW,
    };

    /// <summary>This write as one part of a TransactWriteItems request.</summary>
    public TransactWriteItem ToTransactPart() => Kind switch
    {
        ItemWriteKind.Put => new TransactWriteItem { Put = new Put { TableName = Table.Name, Item = Item, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
        ItemWriteKind.Delete => new TransactWriteItem { Delete = new Delete { TableName = Table.Name, Key = Key, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
        ItemWriteKind.Update => new TransactWriteItem { Update = new Update { TableName = Table.Name, Key = Key, UpdateExpression = Update, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
        _ => new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = Table.Name, Key = Key, ConditionExpression = Condition, ExpressionAttributeNames = Names, ExpressionAttributeValues = Values } },
    };

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
    Put,
    Delete,
    Update,
    ConditionCheck,
}
