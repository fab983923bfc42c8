using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SessionEffects;

/// <summary>
/// The step of a mirror side's client pipeline (before marshalling, where it can still change the request) that makes
/// every write mirrored, whoever built it: it passes the mirror's gate, takes the stripes of the write's keys, sends the
/// write to its own side (the primary), and then writes the resulting item states to the other side. An update is asked
/// for the whole item (<c>ReturnValues = ALL_NEW</c>) when the caller asked for nothing, and the caller gets the answer it
/// asked for. Reads pass straight on. PartiQL statements are refused: a mirror cannot follow them item by item.
/// </summary>
internal sealed class MirrorStep : PipelineHandler
{
    private readonly SessionDynamoClient client;

    public MirrorStep(SessionDynamoClient client) => this.client = client;

    /// <inheritdoc/>
    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        if (client.Mirror is not { } mirror)
        {
            return base.InvokeAsync<T>(executionContext);
        }

        var request = executionContext.RequestContext.OriginalRequest;
        if (MirroredWrite.IsStatement(request))
        {
            return Task.FromException<T>(new NotSupportedException(
                $"{request.GetType().Name[..^"Request".Length]} through a mirrored session is refused: PartiQL writes cannot be mirrored item by item. Use the item operations."));
        }

        return MirroredWrite.IsWrite(request) ? MirroredAsync<T>(executionContext, request, mirror, client.MirrorSide) : base.InvokeAsync<T>(executionContext);
    }

    /// <inheritdoc/>
    public override void InvokeSync(IExecutionContext executionContext)
    {
        if (client.Mirror is not null)
        {
            throw new NotSupportedException("A mirrored session's client is asynchronous only.");
        }

        base.InvokeSync(executionContext);
    }

    private async Task<T> MirroredAsync<T>(IExecutionContext executionContext, AmazonWebServiceRequest request, SessionMirror mirror, int side)
        where T : AmazonWebServiceResponse, new()
    {
        var cancellationToken = executionContext.RequestContext.CancellationToken;
        await mirror.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (mirror.IsStopped)
            {
                return mirror.IsPrimary(side)
                    ? await base.InvokeAsync<T>(executionContext).ConfigureAwait(false)
                    : throw new InvalidOperationException($"Mirroring has stopped and {mirror.Primary} is the primary; this write was routed to the old primary before and was not sent. Send it again.");
            }

            var primary = mirror.Side(side);
            var keyNames = await mirror.KeyNamesAsync(MirroredWrite.TablesWithItems(request), primary, cancellationToken).ConfigureAwait(false);
            var planned = MirroredWrite.Plan(request, keyNames);
            using var held = await mirror.Locks.EnterAsync(planned.ConvertAll(w => w.Key), cancellationToken).ConfigureAwait(false);

            var update = request as UpdateItemRequest;
            var askedFor = update?.ReturnValues;
            var askAllNew = update is not null && (askedFor is null || askedFor == ReturnValue.NONE || askedFor == ReturnValue.ALL_NEW);
            if (askAllNew)
            {
                update!.ReturnValues = ReturnValue.ALL_NEW;
            }

            T response;
            try
            {
                response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }
            finally
            {
                if (update is not null)
                {
                    update.ReturnValues = askedFor;
                }
            }

            var confirmed = MirroredWrite.Confirmed(planned, response, askAllNew, keyNames);
            await MirrorReplica.ApplyAsync(mirror, side, confirmed, OperationOf(request), request is TransactWriteItemsRequest).ConfigureAwait(false);
            if (askAllNew && askedFor != ReturnValue.ALL_NEW && response is UpdateItemResponse answered)
            {
                // The caller asked for no attributes: it gets none, as without the mirror.
                answered.Attributes = null;
            }

            return response;
        }
        finally
        {
            mirror.Gate.Exit();
        }
    }

    private static string OperationOf(AmazonWebServiceRequest request) => request.GetType().Name[..^"Request".Length];
}
