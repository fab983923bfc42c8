using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SessionEffects;

/// <summary>
/// A step in a session's DynamoDB client pipeline, right before the SDK's endpoint resolver: it asks refreshing
/// credentials for their value on the async path. The endpoint resolver asks for them synchronously (it needs the
/// account id for account-based endpoints), and a synchronous first fetch or expired refresh blocks a thread-pool thread
/// for a whole STS call — with retries and the pool's STS gate, for seconds. Here the fetch is awaited; the resolver then
/// finds the credentials cached. For credentials that are not refreshing (keys, profiles with long-term keys) it does
/// nothing.
/// </summary>
internal sealed class CredentialsFirst : PipelineHandler
{
    /// <inheritdoc/>
    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        // The credentials the client was made with: what the SDK signs with, as no request of ours brings its own.
        if (executionContext.RequestContext.ExplicitAWSCredentials is RefreshingAWSCredentials refreshing)
        {
            await refreshing.GetCredentialsAsync().ConfigureAwait(false);
        }

        return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
    }
}
