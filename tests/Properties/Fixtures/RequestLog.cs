using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace SessionEffects.Properties.Fixtures;

/// <summary>Records the operations a session's DynamoDB client sends (the SDK's own BeforeRequestEvent), for "nothing was sent" checks.</summary>
internal sealed class RequestLog : IDisposable
{
    private readonly AmazonServiceClient client;
    private readonly List<string> operations = [];
    private readonly List<Amazon.Runtime.AmazonWebServiceRequest> requests = [];

    public RequestLog(AwsSession session)
    {
        client = (AmazonServiceClient)session.DynamoDB;
        client.BeforeRequestEvent += OnRequest;
    }

    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (operations)
            {
                return [.. operations];
            }
        }
    }

    public int Count(string operation) => Operations.Count(o => o == operation);

    /// <summary>The requests of type <typeparamref name="TRequest"/> sent so far, as the SDK client was given them.</summary>
    public IReadOnlyList<TRequest> Sent<TRequest>()
        where TRequest : Amazon.Runtime.AmazonWebServiceRequest
    {
        lock (operations)
        {
            return [.. requests.OfType<TRequest>()];
        }
    }

    public void Dispose() => client.BeforeRequestEvent -= OnRequest;

    private void OnRequest(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs web)
        {
            lock (operations)
            {
                operations.Add(web.Request.GetType().Name.Replace("Request", string.Empty, StringComparison.Ordinal));
                requests.Add(web.Request);
            }
        }
    }
}
