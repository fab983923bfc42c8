using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace SessionEffects.Properties.Mapping;

/// <summary>
/// What the SDK's own <c>DynamoDBContext</c> sends and reads, seen on the wire: a context (V2 conversion, empty strings
/// kept, no metadata fetch) over a real client whose HTTP handler records each request body and answers with a given
/// body. <c>SaveAsync</c> shows the item the SDK stores; <c>LoadAsync</c> shows the object it makes of a stored item.
/// Our maps go through the same client, so both sides are compared after the same marshalling. No server is involved:
/// this checks mapping only (the data tests run against DynamoDB Local).
/// </summary>
internal sealed class SdkOracle : IDisposable
{
    private readonly Handler handler = new();
    private readonly AmazonDynamoDBClient client;
    private readonly DynamoDBContext context;

    public SdkOracle()
    {
        client = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIDORACLE", "oracle-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:9",
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = new Factory(handler),
        });
        context = new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(c =>
            {
                c.DisableFetchingTableMetadata = true;
                c.Conversion = Amazon.DynamoDBv2.DynamoDBEntryConversion.V2;
                c.IsEmptyStringValueEnabled = true;
            })
            .Build();
    }

    /// <summary>
    /// The item <c>DynamoDBContext.SaveAsync</c> stores (canonical JSON). It sends an UpdateItem: the key, plus one
    /// <c>SET #name = :value</c> per stored attribute, and a <c>REMOVE</c> of the attributes of null properties (listed
    /// under <c>"(removed)"</c>, sorted).
    /// </summary>
    public string SdkSave<T>(T item)
    {
        handler.Answer = "{}";
        context.SaveAsync(item).GetAwaiter().GetResult();
        return StoredBy(handler.LastRequest);
    }

    /// <summary>The same for our save path (<c>ItemWrites.Save</c>), sent through the same client.</summary>
    public string OurSave<T>(DynamoTable<T> table, T item)
        where T : class, new()
    {
        handler.Answer = "{}";
        client.UpdateItemAsync(ItemWrites.Save(table, item, null).In(table.Name).ToUpdateRequest()).GetAwaiter().GetResult();
        return StoredBy(handler.LastRequest);
    }

    /// <summary>A stored item from <see cref="SdkSave{T}"/> without its list of removed attributes: the item's wire JSON.</summary>
    public static string ItemOf(string stored)
    {
        var o = JsonNode.Parse(stored)!.AsObject();
        o.Remove("(removed)");
        return o.ToJsonString();
    }

    /// <summary>The stored attributes an UpdateItem of plain SETs (and REMOVEs) writes, as canonical JSON.</summary>
    private static string StoredBy(string requestBody)
    {
        var request = JsonNode.Parse(requestBody)!.AsObject();
        var stored = new JsonObject();
        foreach (var (name, value) in request["Key"]!.AsObject())
        {
            stored[name] = value!.DeepClone();
        }

        var statement = request["UpdateExpression"]?.GetValue<string>() ?? string.Empty;
        var parts = statement.Split("REMOVE ");
        var set = parts[0].StartsWith("SET ", StringComparison.Ordinal) ? parts[0][4..].TrimEnd() : string.Empty;
        foreach (var assignment in set.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var sides = assignment.Split(" = ");
            stored[request["ExpressionAttributeNames"]![sides[0]]!.GetValue<string>()] = request["ExpressionAttributeValues"]![sides[1]]!.DeepClone();
        }

        if (parts.Length > 1)
        {
            var removed = parts[1].Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(n => request["ExpressionAttributeNames"]![n.Trim()]!.GetValue<string>()).Order(StringComparer.Ordinal);
            stored["(removed)"] = new JsonArray([.. removed.Select(n => JsonValue.Create(n))]);
        }

        return Canonical(stored);
    }

    /// <summary>The object <c>DynamoDBContext.LoadAsync</c> makes of a stored item given as wire JSON.</summary>
    public T SdkLoad<T>(string itemJson, object hashKey, object? rangeKey)
    {
        handler.Answer = "{\"Item\":" + itemJson + "}";
        return (rangeKey is null ? context.LoadAsync<T>(hashKey) : context.LoadAsync<T>(hashKey, rangeKey)).GetAwaiter().GetResult();
    }

    /// <summary>The attribute map the SDK client unmarshals from a stored item given as wire JSON (what our reads map).</summary>
    public Dictionary<string, AttributeValue> Unmarshal(string itemJson)
    {
        handler.Answer = "{\"Item\":" + itemJson + "}";
        return client.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["k"] = new AttributeValue { S = "k" } } }).GetAwaiter().GetResult().Item;
    }

    public void Dispose()
    {
        context.Dispose();
        client.Dispose();
        handler.Dispose();
    }

    /// <summary>JSON with object members sorted by name, so two maps compare equal whatever their order.</summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    private sealed class Handler : HttpMessageHandler
    {
        public string Answer { get; set; } = "{}";

        public string LastRequest { get; private set; } = string.Empty;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(Answer, Encoding.UTF8, "application/x-amz-json-1.0"),
            };
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
