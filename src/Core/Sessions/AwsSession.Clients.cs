using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SessionEffects;

/// <content>
/// The SDK clients a session creates and owns — DynamoDB, STS for its caller identity, one STS client per region for
/// the roles assumed from it — how each is pointed at its region and endpoint, their disposal, and the caller identity.
/// </content>
public sealed partial class AwsSession
{
    private ConcurrentDictionary<string, Lazy<IAmazonSecurityTokenService>>? assumeRoleClients;

    private void DisposeClients()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (dynamo.IsValueCreated)
        {
            dynamo.Value.Dispose();
        }

        mirror?.Dispose();

        if (sts.IsValueCreated)
        {
            sts.Value.Dispose();
        }

        foreach (var client in Volatile.Read(ref assumeRoleClients)?.Values ?? [])
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }

        credentials.Release();
    }

    private IAmazonDynamoDB CreateDynamoClient()
    {
        var config = new AmazonDynamoDBConfig();
        ApplyEndpoint(config, Region, Endpoint, "DynamoDB");
        configureClients?.Invoke(config);
        return SessionDynamoClient.Create(credentials.Value, config, this, SessionEffectsDiagnostics.RecordConsumedCapacity);
    }

    /// <summary>
    /// The STS client that roles assumed from this session call AssumeRole with: one per STS region, shared by all of
    /// them, without the SDK's retries (<see cref="AssumeRoleGate"/> retries). Owned and disposed by this session.
    /// </summary>
    private IAmazonSecurityTokenService AssumeRoleClient(string? region) =>
        LazyInitializer.EnsureInitialized(ref assumeRoleClients, static () => new(StringComparer.Ordinal)).GetOrAdd(
            region ?? string.Empty,
            static (key, source) => new Lazy<IAmazonSecurityTokenService>(
                () => source.CreateStsClient(key.Length == 0 ? null : key, sdkRetries: false), LazyThreadSafetyMode.ExecutionAndPublication),
            this).Value;

    private IAmazonSecurityTokenService CreateStsClient(string? region, bool sdkRetries = true)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var config = new AmazonSecurityTokenServiceConfig();
        ApplyEndpoint(config, region, StsEndpoint, "STS");
        configureClients?.Invoke(config);
        if (!sdkRetries)
        {
            // AssumeRole calls are retried by AssumeRoleGate (the one backoff policy); the SDK's retries would nest inside it.
            config.MaxErrorRetry = 0;
        }

        return new AmazonSecurityTokenServiceClient(credentials.Value, config);
    }

    private void ApplyEndpoint(ClientConfig config, string? region, Uri? endpoint, string service)
    {
        if (configuredProfile is not null)
        {
            config.Profile = configuredProfile;
        }

        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();

            // With an endpoint override the SDK cannot infer the signing region; DynamoDB Local keys its databases on it.
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if ((region is not null ? RegionEndpoint.GetBySystemName(region) : FallbackRegion()) is { } regionEndpoint)
        {
            config.RegionEndpoint = regionEndpoint;

            // An endpoint the SDK finds in its configuration (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, a profile's
            // endpoint_url or services section) would otherwise be signed for the process's default region, not the
            // session's; for AWS's own endpoints the signing region is the region anyway.
            config.AuthenticationRegion = regionEndpoint.SystemName;
        }
        else
        {
            throw new SessionConfigurationException(
                $"The session {this} has no region for {service}: give one (FromKeys/FromDefaultChain region, WithRegion) " +
                "or set AWS_REGION or a profile region.");
        }
    }

    private static RegionEndpoint? FallbackRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false);
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    /// <summary>
    /// Who this session is (STS <c>GetCallerIdentity</c>), fetched once and cached; a failed fetch is tried again next time.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the shared fetch itself goes on for other callers.</param>
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        identity.GetAsync(cancellationToken);

    private async Task<CallerIdentity> FetchCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var response = await Failures.Guard("GetCallerIdentity", "STS", this, ct =>
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return sts.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
        }, cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(response.Account, response.Arn, response.UserId);
    }
}
