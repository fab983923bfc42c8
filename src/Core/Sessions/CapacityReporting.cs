using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SessionEffects;

/// <summary>
/// Consumed capacity per session label, for clients made while <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/>
/// is on (every session client carries the step; in the others it passes each request straight on): a step in the
/// client's own request pipeline (before marshalling, where it can still change the request) asks for the
/// capacity (<c>ReturnConsumedCapacity = TOTAL</c>, unless the request sets its own) and adds what DynamoDB answers to
/// <c>sessioneffects.consumed_capacity</c>. Every request of every operation passes it, whoever built the request; the
/// SDK's public request event comes after marshalling, too late to change the request.
/// </summary>
internal sealed class CapacityReporting : PipelineHandler
{
    private readonly SessionDynamoClient client;

    public CapacityReporting(SessionDynamoClient client) => this.client = client;

    /// <inheritdoc/>
    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext) =>
        client.ReportsCapacity ? MeasuredAsync<T>(executionContext) : base.InvokeAsync<T>(executionContext);

    private async Task<T> MeasuredAsync<T>(IExecutionContext executionContext)
        where T : AmazonWebServiceResponse, new()
    {
        AskForCapacity(executionContext.RequestContext.OriginalRequest);
        var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        Record(response);
        return response;
    }

    /// <inheritdoc/>
    public override void InvokeSync(IExecutionContext executionContext)
    {
        if (!client.ReportsCapacity)
        {
            base.InvokeSync(executionContext);
            return;
        }

        AskForCapacity(executionContext.RequestContext.OriginalRequest);
        base.InvokeSync(executionContext);
        Record(executionContext.ResponseContext.Response);
    }

    private static void AskForCapacity(AmazonWebServiceRequest request)
    {
        var total = ReturnConsumedCapacity.TOTAL;
        switch (request)
        {
            case GetItemRequest r: r.ReturnConsumedCapacity ??= total; break;
            case PutItemRequest r: r.ReturnConsumedCapacity ??= total; break;
            case UpdateItemRequest r: r.ReturnConsumedCapacity ??= total; break;
            case DeleteItemRequest r: r.ReturnConsumedCapacity ??= total; break;
            case QueryRequest r: r.ReturnConsumedCapacity ??= total; break;
            case ScanRequest r: r.ReturnConsumedCapacity ??= total; break;
            case BatchGetItemRequest r: r.ReturnConsumedCapacity ??= total; break;
            case BatchWriteItemRequest r: r.ReturnConsumedCapacity ??= total; break;
            case TransactGetItemsRequest r: r.ReturnConsumedCapacity ??= total; break;
            case TransactWriteItemsRequest r: r.ReturnConsumedCapacity ??= total; break;
        }
    }

    private void Record(AmazonWebServiceResponse? response)
    {
        if (!Telemetry.ConsumedCapacity.Enabled || client.Session is not { } session)
        {
            return;
        }

        switch (response)
        {
            case GetItemResponse r: Add(session, "GetItem", "read", r.ConsumedCapacity); break;
            case QueryResponse r: Add(session, "Query", "read", r.ConsumedCapacity); break;
            case ScanResponse r: Add(session, "Scan", "read", r.ConsumedCapacity); break;
            case BatchGetItemResponse r: AddAll(session, "BatchGetItem", "read", r.ConsumedCapacity); break;
            case TransactGetItemsResponse r: AddAll(session, "TransactGetItems", "read", r.ConsumedCapacity); break;
            case PutItemResponse r: Add(session, "PutItem", "write", r.ConsumedCapacity); break;
            case UpdateItemResponse r: Add(session, "UpdateItem", "write", r.ConsumedCapacity); break;
            case DeleteItemResponse r: Add(session, "DeleteItem", "write", r.ConsumedCapacity); break;
            case BatchWriteItemResponse r: AddAll(session, "BatchWriteItem", "write", r.ConsumedCapacity); break;
            case TransactWriteItemsResponse r: AddAll(session, "TransactWriteItems", "write", r.ConsumedCapacity); break;
        }
    }

    private static void AddAll(AwsSession session, string operation, string kind, List<ConsumedCapacity>? capacities)
    {
        foreach (var capacity in capacities ?? [])
        {
            Add(session, operation, kind, capacity);
        }
    }

    private static void Add(AwsSession session, string operation, string kind, ConsumedCapacity? capacity)
    {
        if (capacity?.CapacityUnits is not { } units)
        {
            return;
        }

        var tags = new TagList
        {
            { Telemetry.SessionLabel, session.Label },
            { Telemetry.DbCollectionName, capacity.TableName },
            { Telemetry.DbOperationName, operation },
            { Telemetry.CapacityKind, kind },
        };
        Telemetry.ConsumedCapacity.Add(units, in tags);
    }
}
